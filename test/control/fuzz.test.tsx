/**
 * @jest-environment jsdom
 */
/**
 * 500 random property bags and Web API answers through the real adapter (init → updateView → React,
 * reads answered): wrong types, missing properties, odd rows, errors of any shape. None may throw,
 * and each must show a badge.
 */
import { act, render } from "@testing-library/react";
import { ConversationState } from "../../components/ConversationState";
import { CONVERSATION_ID, fakeContext, flush } from "./context";
import "./render"; // jsdom lacks the ResizeObserver Fluent uses

// A small seeded generator (mulberry32), so a failure can be replayed from its seed.
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 20261130;

function anyValue(r: () => number, depth = 0): unknown {
  const choices: (() => unknown)[] = [
    () => null,
    () => undefined,
    () => Math.floor(r() * 10) - 1,
    () => r() * 1e10 - 5e9,
    () => Number.NaN,
    () => "192360000,192380000",
    () => String.fromCharCode(...Array.from({ length: Math.floor(r() * 8) }, () => 32 + Math.floor(r() * 500))),
    () => [192360000, 192340000, 192370000, 192350000, 1, -3][Math.floor(r() * 6)],
    () => (depth < 2 ? Array.from({ length: Math.floor(r() * 4) }, () => anyValue(r, depth + 1)) : []),
    () => new Date(r() * 4e12 - 1e12),
    () => new Date(Number.NaN),
    () => ["auto", "live", "persistent", "always", "never", "custom", "hide", "disable", "on", "off"][Math.floor(r() * 10)],
    () => r() < 0.5,
    () => CONVERSATION_ID,
    () => "msdyn_ocliveworkitem",
    () => (depth < 2 ? { Value: anyValue(r, depth + 1), errorCode: anyValue(r, depth + 1), message: anyValue(r, depth + 1) } : {}),
  ];
  return choices[Math.floor(r() * choices.length)]();
}

const PROPERTIES = [
  "statusUpdatedOn",
  "entityId",
  "entityName",
  "conversationMode",
  "wrapUpBlock",
  "wrapUpMinutes",
  "unavailableActions",
  "actions",
];
const COLUMNS = [
  "statuscode",
  "statecode",
  "msdyn_channel",
  "msdyn_statuschangereason",
  "_msdyn_liveworkstreamid_value",
  "msdyn_statusupdatedon",
];

test(`500 random contexts and answers (seed ${SEED}) never throw and always show a badge`, async () => {
  const r = random(SEED);
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  for (let i = 0; i < 500; i++) {
    const params = Object.fromEntries(PROPERTIES.filter(() => r() < 0.8).map((p) => [p, anyValue(r)]));
    if (r() < 0.5) params.entityId = CONVERSATION_ID;
    const answer = r() < 0.2 ? { error: anyValue(r) as { message: string } } : Object.fromEntries(COLUMNS.map((c) => [c, anyValue(r)]));
    const context = fakeContext({ params, rows: { [CONVERSATION_ID]: answer }, metadata: anyValue(r), offline: r() < 0.2 });
    const control = new ConversationState();
    let view: ReturnType<typeof render> | undefined;
    try {
      control.init(context);
      view = render(control.updateView(context));
      await act(async () => {
        await flush();
        await flush();
      });
      view.rerender(control.updateView(context));
      expect(document.querySelectorAll("[data-tone]")).toHaveLength(1);
    } catch (error) {
      throw new Error(`case ${i} (seed ${SEED}): ${JSON.stringify({ params, answer })}: ${String(error)}`);
    } finally {
      control.destroy();
      view?.unmount();
    }
  }
  warn.mockRestore();
});
