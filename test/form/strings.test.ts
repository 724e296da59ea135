import { FORM_KEYS, formKeys, stringTable } from "../../plugins/form/stringTable";
import { stringsFor, type StringTable } from "../../plugins/form/strings";
import { availableLanguages, loadStrings } from "../../plugins/strings/resx";
import { formStringTable } from "../../scripts/build-form";

describe("the strings the form script embeds", () => {
  const table = formStringTable();

  test("every shipped language, from the resx files", () => {
    expect(Object.keys(table.languages).map(Number).sort()).toEqual(availableLanguages());
    expect(availableLanguages()).toEqual(expect.arrayContaining([1033, 1025, 1036]));
    for (const lcid of availableLanguages()) {
      const resx = loadStrings(lcid);
      expect(table.languages[lcid]).toHaveLength(table.keys.length);
      table.keys.forEach((key, i) => expect({ key, value: table.languages[lcid][i] ?? resx[key] }).toEqual({ key, value: resx[key] }));
    }
  });

  test("only the keys a denial can show, found by asking the model", () => {
    const keys = formKeys();
    expect(table.keys).toEqual(keys);
    expect(keys).toEqual(expect.arrayContaining([...FORM_KEYS, "verdict.notForChannel", "rule.waiting-async-only", "status.closed", "channelKind.unknown", "trigger.routing-assigns", "list.separator"]));
    // Allowed verdicts are never shown, nor are the agent's own triggers (a denial names who else makes the move).
    for (const unused of ["verdict.allowed", "verdict.unchanged", "verdict.unknownStatus", "state.open", "trigger.agent-picks", "status.unknown"]) expect(keys).not.toContain(unused);
  });

  test("the user's language, English for a language we do not ship, English key by key for a gap", () => {
    const small: StringTable = { keys: ["a", "b"], languages: { 1033: ["A", "B"], 1036: ["à", null] } };
    expect([stringsFor(small, 1036)("a"), stringsFor(small, 1036)("b")]).toEqual(["à", "B"]);
    expect(stringsFor(small, 1031)("a")).toBe("A");
    expect(stringsFor(small, undefined)("a")).toBe("A");
    expect(stringsFor(small, 1036)("zzz")).toBeUndefined();
    expect(stringsFor(table, 1025)("status.closed")).toBe(loadStrings(1025)["status.closed"]);
  });

  test("a missing English string fails the build and names the key", () => {
    const english = { ...loadStrings(1033) };
    delete english["rule.closed-terminal"];
    expect(() => stringTable({ 1033: english })).toThrow(/lacks rule\.closed-terminal/);
    expect(() => stringTable({ 1036: loadStrings(1036) })).toThrow(/English strings \(1033\) are missing/);
  });
});
