/** Time in status and the capacity effect, with an injected clock, checked against the model's capacityAt. */
import { clockText, formatDuration, type Clock } from "../../components/ConversationState/timeInStatus";
import { sayFrom } from "../../components/ConversationState/strings";
import { STATUSES, capacityAt, type WrapUpBlock } from "../../plugins/lifecycle";
import { loadStrings } from "../../plugins/strings/resx";

const en = loadStrings(1033);
const say = sayFrom((key) => en[key]);
const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const ago = (s: number): number => NOW - s * 1000;
// A status of each capacity rule: Active consumes, Open is free, Wrap-up blocks per the workstream.
const STATUS_OF = { consumes: 2, free: 1, "wrap-up-block": 5, "not-documented": 6 } as const;
const clock = (capacity: keyof typeof STATUS_OF, since: number | null, block?: WrapUpBlock): Clock => ({
  status: STATUS_OF[capacity],
  since,
  block,
});

test.each([
  [0, "0:00"],
  [65, "1:05"],
  [599.9, "9:59"],
  [3599, "59:59"],
  [3725, "1:02:05"],
  [36_000, "10:00:00"],
  [86_400, "1 d 0:00:00"],
  [90_000, "1 d 1:00:00"],
  [40 * 86_400 + 36_000, "40 d 10:00:00"],
  [-5, "0:00"],
])("formatDuration(%p s) = %s", (seconds, text) => {
  expect(formatDuration(seconds * 1000, say)).toBe(text);
});

test("a start time far in the past still formats (days beyond what a Date can hold)", () => {
  expect(formatDuration(2e16, say)).toBe("231481481 d 11:33:20");
});

test("Active: time in status and consumed capacity", () => {
  expect(clockText(clock("consumes", ago(125), { mode: "always" }), NOW, say)).toEqual(["2:05 in this status", "Consumes capacity"]);
});

test("no start time: no time in status", () => {
  expect(clockText(clock("free", null, { mode: "always" }), NOW, say)).toEqual([null, "Capacity free"]);
});

describe("Wrap-up", () => {
  test("always block, or invalid minutes (no block setting): blocked while in wrap-up", () => {
    expect(clockText(clock("wrap-up-block", ago(3600), { mode: "always" }), NOW, say)[1]).toBe("Capacity blocked");
    expect(clockText(clock("wrap-up-block", ago(3600)), NOW, say)[1]).toBe("Capacity blocked");
  });
  test("don't block: free at once", () => {
    expect(clockText(clock("wrap-up-block", ago(1), { mode: "never" }), NOW, say)[1]).toBe("Capacity free");
  });
  test("custom: counts down mm:ss, then frees the capacity", () => {
    const block = { mode: "custom", minutes: 10 } as const;
    expect(clockText(clock("wrap-up-block", ago(180), block), NOW, say)[1]).toBe("Capacity blocked, 7:00 left");
    expect(clockText(clock("wrap-up-block", ago(599.5), block), NOW, say)[1]).toBe("Capacity blocked, 0:01 left");
    expect(clockText(clock("wrap-up-block", ago(600), block), NOW, say)[1]).toBe("Capacity free");
  });
  test("custom without a start time says how long, not a made-up countdown", () => {
    expect(clockText(clock("wrap-up-block", null, { mode: "custom", minutes: 10 }), NOW, say)).toEqual([
      null,
      "Capacity blocked for up to 10 min",
    ]);
  });
});

test("every status, block and time: the capacity text says what the model's capacityAt says", () => {
  const blocks: WrapUpBlock[] = [
    { mode: "always" },
    { mode: "never" },
    { mode: "custom", minutes: 1 },
    { mode: "custom", minutes: 10 },
    { mode: "custom", minutes: 60 },
  ];
  for (const status of STATUSES) {
    for (const block of blocks) {
      for (const seconds of [0, 1, 59.5, 60, 179.5, 599.5, 600, 3599, 3600, 90_000]) {
        for (const since of [ago(seconds), null]) {
          const effect = capacityAt(status.value, since === null ? 0 : seconds * 1000, block);
          const expected =
            effect.effect === "consumes"
              ? "Consumes capacity"
              : effect.effect === "free"
                ? "Capacity free"
                : effect.effect === "not-documented"
                  ? "Capacity effect not documented"
                  : effect.effect === "blocked" && effect.remainingMs === null
                    ? "Capacity blocked"
                    : effect.effect === "blocked" && since === null
                      ? `Capacity blocked for up to ${(effect.remainingMs as number) / 60_000} min`
                      : effect.effect === "blocked"
                        ? `Capacity blocked, ${formatDuration((effect.remainingMs as number) + 999, say)} left`
                        : "unknown status";
          expect({
            status: status.name,
            block,
            seconds,
            since,
            text: clockText({ status: status.value, since, block }, NOW, say)[1],
          }).toEqual({ status: status.name, block, seconds, since, text: expected });
        }
      }
    }
  }
});
