import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formKeys, missingKeys, notifications } from "../../plugins/form/formKeys";
import { explain, FORM_KEYS } from "../../plugins/form/messages";
import { STRINGS_WEB_RESOURCE } from "../../plugins/form/resources";
import { platformStrings } from "../../plugins/form/strings";
import { agentVerdict } from "../../plugins/lifecycle/agent";
import { Status } from "../../plugins/lifecycle";
import { availableLanguages, resxPath, STRINGS_DIR } from "../../plugins/strings/resx";
import { checkedLanguages } from "../../scripts/build-form";
import { SHIPPED_RESX, useResourceStrings } from "./harness";
import { XrmMockGenerator } from "xrm-mock";

describe("the keys the form script can show", () => {
  test("only the keys a denial can show, found by asking the model", () => {
    const keys = formKeys();
    expect(keys).toEqual(
      expect.arrayContaining([
        ...FORM_KEYS,
        "verdict.notForChannel",
        "rule.waiting-async-only",
        "status.closed",
        "channelKind.unknown",
        "trigger.routing-assigns",
        "list.separator",
      ]),
    );
    // Allowed verdicts are never shown, nor are the agent's own triggers (a denial names who else makes the move).
    for (const unused of [
      "verdict.allowed",
      "verdict.unchanged",
      "verdict.unknownStatus",
      "state.open",
      "trigger.agent-picks",
      "status.unknown",
    ])
      expect(keys).not.toContain(unused);
  });

  test("every shipped resx (each a RESX web resource) has all of them, and the build checks it", () => {
    expect(availableLanguages()).toEqual(expect.arrayContaining([1033, 1025, 1036]));
    for (const lcid of availableLanguages()) expect({ lcid, missing: missingKeys(SHIPPED_RESX[lcid]) }).toEqual({ lcid, missing: [] });
    expect(checkedLanguages()).toEqual(availableLanguages());
  });

  test("a resx that lacks a key fails the build and names the file and the key", () => {
    const dir = mkdtempSync(join(tmpdir(), "resx-"));
    for (const lcid of availableLanguages()) writeFileSync(resxPath(lcid, dir), readFileSync(resxPath(lcid, STRINGS_DIR)));
    const french = readFileSync(resxPath(1036, dir), "utf8");
    const gap = french.replace(/<data name="rule\.closed-terminal"[\s\S]*?<\/data>/, "");
    expect(gap).not.toBe(french);
    writeFileSync(resxPath(1036, dir), gap);
    expect(() => checkedLanguages(dir)).toThrow(/ConversationState\.1036\.resx lacks rule\.closed-terminal/);
    writeFileSync(resxPath(1036, dir), french);
    expect(checkedLanguages(dir)).toEqual(availableLanguages());
  });
});

describe("strings at run time: Xrm.Utility.getResourceString", () => {
  beforeEach(() => XrmMockGenerator.initialise());

  test("asks the library's RESX web resources, by their base name", () => {
    expect(STRINGS_WEB_RESOURCE).toBe("ocs_/conversationstate/strings");
    useResourceStrings(1025);
    expect(platformStrings("status.closed")).toBe(SHIPPED_RESX[1025]["status.closed"]);
    expect(Xrm.Utility.getResourceString).toHaveBeenCalledWith(STRINGS_WEB_RESOURCE, "status.closed");
  });

  test("no answer (an exception, null or an empty string) reads as undefined", () => {
    useResourceStrings(1031);
    expect(() => Xrm.Utility.getResourceString(STRINGS_WEB_RESOURCE, "status.closed")).toThrow(`${STRINGS_WEB_RESOURCE} does not exist.`);
    expect(platformStrings("status.closed")).toBeUndefined();
    useResourceStrings(1036, { resx: { 1036: { "status.closed": "" } } });
    expect(platformStrings("status.closed")).toBeUndefined();
    expect(platformStrings("status.open")).toBeUndefined();
    expect(Xrm.Utility.getResourceString(STRINGS_WEB_RESOURCE, "status.open")).toBeNull();
  });

  test("the fake follows the documented fallback: the user's language, then the organisation's base language", () => {
    useResourceStrings(1036, { orgLanguage: 1025, resx: { 1036: { a: "à" }, 1025: { a: "أ", b: "ب" } } });
    expect([platformStrings("a"), platformStrings("b"), platformStrings("c")]).toEqual(["à", "ب", undefined]);
    useResourceStrings(1031, { orgLanguage: 1025, resx: { 1025: { a: "أ" } }, missingLanguage: "base" });
    expect(platformStrings("a")).toBe("أ");
    expect(() => Xrm.Utility.getResourceString("ocs_/other/strings", "a")).toThrow("ocs_/other/strings does not exist.");
  });
});

describe("the English fallback", () => {
  const none = (): undefined => undefined;

  test("every notification has one, in plain English from the model", () => {
    const texts = notifications(none);
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts)
      expect(text).toMatch(
        /^(Not saved: )?[A-Z][\w-]+ → [A-Z][\w-]+ is not allowed for an agent on [a-z-]+ \([a-z-]+\)\.( Set back to [A-Z][\w-]+\.)?$/,
      );
    const verdict = agentVerdict(Status.Closed, Status.Open, "voice");
    expect(explain(none, "form.reactivateBlocked", verdict)).toBe(
      "Not saved: Closed → Open is not allowed for an agent on voice (terminal).",
    );
    expect(explain(none, "form.reverted", verdict)).toBe(
      "Closed → Open is not allowed for an agent on voice (terminal). Set back to Closed.",
    );
  });

  test("is used whole when either template is missing, never half a sentence", () => {
    const verdict = agentVerdict(Status.Active, Status.Waiting, "live-chat");
    const english = SHIPPED_RESX[1033];
    const plain = explain(none, "form.saveBlocked", verdict);
    expect(explain((k) => (k === "form.saveBlocked" ? undefined : english[k]), "form.saveBlocked", verdict)).toBe(plain);
    expect(explain((k) => (k === verdict.messageKey ? undefined : english[k]), "form.saveBlocked", verdict)).toBe(plain);
    expect(explain((k) => english[k], "form.saveBlocked", verdict)).toBe(
      "This conversation can't be saved: Active → Waiting is not available for live chat. “Waiting state applies only to asynchronous and persistent chats, and not live chats.”",
    );
  });
});
