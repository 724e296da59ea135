/** The control's compiled lifecycle tables answer exactly as the model, and are regenerated when it changes. */
import { readFileSync } from "node:fs";
import {
  ALL_CHANNEL_KINDS,
  CHANNELS,
  STATES,
  STATUSES,
  channelKindOf,
  evaluate,
  formatVerdict,
  reachableStatuses,
  statusOf,
} from "../../plugins/lifecycle";
import { kindOf, movesOf, statusRow, whyText, type StatusRow } from "../../plugins/lifecycle/agentView";
import { availableLanguages, loadStrings } from "../../plugins/strings/resx";
import { AGENT_VIEW_TABLE, renderAgentViewTable } from "../../scripts/compile-agent";

test("agentView.generated.ts is compiled from the model (run `npm run compile:lifecycle` if this fails)", () => {
  expect(readFileSync(AGENT_VIEW_TABLE, "utf8")).toBe(renderAgentViewTable());
});

test("status rows: name, state, capacity rule and finality of every status reason; nothing for other values", () => {
  for (const value of [-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1.5, Number.NaN, Infinity, "1", null, undefined, true, [1]]) {
    const status = statusOf(value);
    const state = STATES.find((s) => s.value === status?.state);
    const row: StatusRow | undefined = status && state ? [status.name, state.name, status.capacity] : undefined;
    const expected = row && status?.terminal ? [...row, 1] : row;
    expect({ value, row: statusRow(value) }).toEqual({ value, row: expected });
  }
});

describe("channel kind", () => {
  const values = [...CHANNELS.map((c) => c.value), 1, 192350003, -3];
  test.each(["live", "persistent"] as const)("every value and every pair of values, %s mode, as channelKindOf decides", (mode) => {
    const lists = [[], ...values.map((v) => [v]), ...values.flatMap((a) => values.map((b) => [a, b]))];
    for (const list of lists)
      expect({ list, kind: kindOf(list, mode === "persistent") }).toEqual({ list, kind: channelKindOf(list, mode).kind });
  });
  test("three values: the best-ranked one decides wherever it stands", () => {
    const [chat, sms, voice, record, video] = [192360000, 192340000, 192370000, 192350000, 192380000];
    for (const list of [
      [video, voice, sms],
      [voice, sms, chat],
      [sms, record, chat],
      [video, video, voice],
    ])
      expect(kindOf(list, false)).toBe(channelKindOf(list).kind);
  });
});

describe.each(ALL_CHANNEL_KINDS)("moves, %s", (kind) => {
  test("every agent move of some channel, in table order; allowed exactly when the model allows it for this kind", () => {
    for (const from of STATUSES) {
      const moves = movesOf(from.value, kind);
      expect(moves.map(([to]) => to)).toEqual(reachableStatuses(from.value, "unknown", "agent"));
      for (const [to, why] of moves)
        expect({ from: from.value, to, allowed: why === undefined }).toEqual({
          from: from.value,
          to,
          allowed: evaluate(from.value, to, kind, "agent").allowed,
        });
    }
  });
  test.each(availableLanguages())("why a move is denied reads as formatVerdict says it, language %i", (lcid) => {
    const own = loadStrings(lcid);
    for (const from of STATUSES) {
      for (const [to, why] of movesOf(from.value, kind)) {
        const expected = formatVerdict(evaluate(from.value, to, kind, "agent"), (key) => own[key]);
        if (why) expect(whyText(why, from.name, (statusRow(to) as StatusRow)[0], kind, (key) => own[key] ?? key)).toBe(expected);
      }
    }
  });
});

test("a missing string shows its key instead of failing", () => {
  const [[, why]] = movesOf(1, "voice");
  expect(whyText(why!, "open", "active", "voice", (key) => key)).toBe("verdict.notForActor");
});
