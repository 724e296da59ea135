/**
 * @jest-environment jsdom
 */
/**
 * 1,000 random property bags through the real adapter (init → updateView → React render): wrong
 * types, missing properties, fake metadata, odd security. None may throw, and each must show a badge.
 */
import * as ReactDOM from "react-dom";
import { ConversationState } from "../../components/ConversationState";
import { loadStrings } from "../../plugins/strings/resx";

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

const SEED = 20250101;
const strings = loadStrings(1033);

function anyValue(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * 16);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return Math.floor(r() * 10) - 1;
    case 3:
      return r() * 1e10 - 5e9;
    case 4:
      return Number.NaN;
    case 5:
      return "192360000,192380000";
    case 6:
      return String.fromCharCode(...Array.from({ length: Math.floor(r() * 8) }, () => 32 + Math.floor(r() * 500)));
    case 7:
      return [192360000, 192340000, 192370000, 192350000, 1, -3][Math.floor(r() * 6)];
    case 8:
      return depth < 2 ? Array.from({ length: Math.floor(r() * 4) }, () => anyValue(r, depth + 1)) : [];
    case 9:
      return new Date(r() * 4e12 - 1e12);
    case 10:
      return new Date(Number.NaN);
    case 11:
      return ["auto", "live", "persistent", "always", "never", "custom", "hide", "disable"][Math.floor(r() * 8)];
    case 12:
      return r() < 0.5;
    case 13:
      return depth < 2 ? { Value: anyValue(r, depth + 1), Label: anyValue(r, depth + 1) } : {};
    case 14:
      return Number.POSITIVE_INFINITY;
    default:
      return Math.floor(r() * 8);
  }
}

function anyProperty(r: () => number): unknown {
  if (r() < 0.1) return anyValue(r);
  const property: Record<string, unknown> = { raw: anyValue(r) };
  if (r() < 0.4) property.formatted = anyValue(r);
  if (r() < 0.4) property.security = { readable: r() < 0.7, editable: r() < 0.6, secured: true };
  if (r() < 0.4)
    property.attributes = {
      Options:
        r() < 0.7
          ? Array.from({ length: Math.floor(r() * 9) }, (_, i) => ({ Value: r() < 0.8 ? i : anyValue(r), Label: anyValue(r) }))
          : anyValue(r),
    };
  return property;
}

const NAMES = [
  "statusReason",
  "channel",
  "statusUpdatedOn",
  "statusChangeReason",
  "conversationMode",
  "wrapUpBlock",
  "wrapUpMinutes",
  "unavailableActions",
];

test("1,000 random property bags never throw and always show a badge", () => {
  const r = random(SEED);
  const container = document.createElement("div");
  document.body.appendChild(container);
  const tones = new Set<string>();
  const errors = jest.spyOn(console, "error");
  for (let i = 0; i < 1000; i++) {
    const parameters: Record<string, unknown> = {};
    for (const name of NAMES) if (r() < 0.9) parameters[name] = anyProperty(r);
    const context = {
      parameters,
      mode: { isControlDisabled: r() < 0.2 },
      userSettings: r() < 0.9 ? { isRTL: r() < 0.5 } : undefined,
      fluentDesignLanguage: r() < 0.5 ? { isDarkTheme: r() < 0.5 } : undefined,
      resources: { getString: (key: string) => (r() < 0.95 ? (strings[key] ?? key) : key) },
    } as unknown as ComponentFramework.Context<never>;
    const control = new ConversationState();
    try {
      control.init(context as never, () => undefined);
      ReactDOM.render(control.updateView(context as never), container);
      ReactDOM.render(control.updateView(context as never), container);
    } catch (error) {
      throw new Error(`Bag ${i} (seed ${SEED}) threw: ${(error as Error).message}\n${JSON.stringify(parameters)}`);
    }
    const badge = container.querySelector("[data-tone]");
    expect(badge).not.toBeNull();
    tones.add(badge?.getAttribute("data-tone") as string);
    ReactDOM.unmountComponentAtNode(container);
  }
  // React and Fluent report misuse on console.error without throwing: that counts as a failure too.
  expect(errors.mock.calls.map((c) => String(c[0]).slice(0, 200))).toEqual([]);
  errors.mockRestore();
  // The bags really covered the cases: known statuses, unknown values, empty and masked fields.
  expect([...tones]).toEqual(expect.arrayContaining(["active", "unknown", "empty", "masked"]));
});
