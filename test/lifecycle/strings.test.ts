/** Drift test: every key the model can produce exists in every language, with the same placeholders. */
import { readFileSync } from "node:fs";
import {
  ACTORS,
  ALL_CHANNEL_KINDS,
  REASONS,
  RULES,
  STATUSES,
  TRIGGER_NAMES,
  evaluate,
  formatVerdict,
  ALL_CHANNEL_KINDS as KINDS,
} from "../../plugins/lifecycle";
import { availableLanguages, loadStrings, parseResx, resxPath } from "../../plugins/strings/resx";

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const required = [
  ...Object.values(REASONS).map((r) => r.messageKey),
  ...RULES.map((r) => `rule.${r}`),
  "rule.listedFor",
  "status.unknown",
  "list.separator",
  ...STATUSES.map((s) => `status.${s.name}`),
  ...ALL_CHANNEL_KINDS.map((k) => `channelKind.${k}`),
  ...ACTORS.map((a) => `actor.${a}`),
  ...TRIGGER_NAMES.map((t) => `trigger.${t}`),
];

test("we ship English, Arabic and French", () => {
  expect(availableLanguages()).toEqual(expect.arrayContaining([1025, 1033, 1036]));
});

describe.each(availableLanguages())("language %i", (lcid) => {
  const own = parseResx(readFileSync(resxPath(lcid), "utf8"));
  const english = parseResx(readFileSync(resxPath(1033), "utf8"));
  test("has every model key", () => {
    expect(required.filter((key) => !(key in own))).toEqual([]);
  });
  test("has exactly the English keys, with the same placeholders", () => {
    expect(Object.keys(own).sort()).toEqual(Object.keys(english).sort());
    for (const key of Object.keys(english)) expect({ key, p: placeholders(own[key]) }).toEqual({ key, p: placeholders(english[key]) });
  });
  test("every verdict formats with no placeholder left", () => {
    const strings = loadStrings(lcid);
    for (const kind of KINDS)
      for (let from = 0; from <= 8; from++)
        for (let to = 0; to <= 8; to++) {
          const message = formatVerdict(evaluate(from, to, kind, "agent"), (k) => strings[k]);
          expect(message).not.toMatch(/\{\w+\}/);
          expect(message.length).toBeGreaterThan(10);
        }
  });
});

test("the live-chat Waiting denial quotes the seed", () => {
  const strings = loadStrings(1033);
  expect(formatVerdict(evaluate(2, 3, "live-chat"), (k) => strings[k])).toBe(
    "Active → Waiting is not available for live chat. “Waiting state applies only to asynchronous and persistent chats, and not live chats.”",
  );
});
