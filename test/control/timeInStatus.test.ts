/** Time in status and the capacity effect, with an injected clock. */
import { clockText, clockTicks, formatDuration } from "../../components/ConversationState/timeInStatus";
import { loadStrings } from "../../plugins/strings/resx";
import { ACTIVE, CLOSED, WAITING, WRAP_UP } from "./expected";

const en = loadStrings(1033);
const strings = (key: string): string | undefined => en[key];
const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const ago = (s: number): number => NOW - s * 1000;

test.each([
  [0, "0:00"],
  [65, "1:05"],
  [3725, "1:02:05"],
  [90_000, "1 d 1:00:00"],
  [-5, "0:00"],
])("formatDuration(%i s) = %s", (seconds, text) => {
  expect(formatDuration(seconds * 1000, strings)).toBe(text);
});

test("Active: time in status and consumed capacity", () => {
  expect(clockText({ status: ACTIVE, since: ago(125), block: { mode: "always" } }, NOW, strings)).toEqual({ timeInState: "2:05 in this status", capacity: "Consumes capacity" });
});

test("Waiting and Closed free the capacity", () => {
  expect(clockText({ status: WAITING, since: null, block: { mode: "always" } }, NOW, strings).capacity).toBe("Capacity free");
  expect(clockText({ status: CLOSED, since: null, block: { mode: "always" } }, NOW, strings).capacity).toBe("Capacity free");
});

describe("Wrap-up", () => {
  test("always block: blocked while in wrap-up", () => {
    expect(clockText({ status: WRAP_UP, since: ago(3600), block: { mode: "always" } }, NOW, strings).capacity).toBe("Capacity blocked");
  });
  test("don't block: free at once", () => {
    expect(clockText({ status: WRAP_UP, since: ago(1), block: { mode: "never" } }, NOW, strings).capacity).toBe("Capacity free");
  });
  test("custom: counts down mm:ss, then frees the capacity", () => {
    const block = { mode: "custom", minutes: 10 } as const;
    expect(clockText({ status: WRAP_UP, since: ago(180), block }, NOW, strings).capacity).toBe("Capacity blocked, 7:00 left");
    expect(clockText({ status: WRAP_UP, since: ago(599.5), block }, NOW, strings).capacity).toBe("Capacity blocked, 0:01 left");
    expect(clockText({ status: WRAP_UP, since: ago(600), block }, NOW, strings).capacity).toBe("Capacity free");
  });
  test("custom without a start time says how long, not a made-up countdown", () => {
    expect(clockText({ status: WRAP_UP, since: null, block: { mode: "custom", minutes: 10 } }, NOW, strings)).toEqual({ timeInState: null, capacity: "Capacity blocked for up to 10 min" });
  });
});

test("the clock ticks only when there is a start time", () => {
  expect(clockTicks({ status: ACTIVE, since: ago(1), block: { mode: "always" } })).toBe(true);
  expect(clockTicks({ status: ACTIVE, since: null, block: { mode: "always" } })).toBe(false);
  expect(clockTicks({ status: null, since: ago(1), block: { mode: "always" } })).toBe(false);
});
