import { createForm } from "../../plugins/form/conversationForm";
import { ALL_CHANNEL_KINDS, Status, STATUSES, evaluate, formatTemplate, formatVerdict, statusLabel } from "../../plugins/lifecycle";
import { loadStrings } from "../../plugins/strings/resx";
import { STRINGS_WEB_RESOURCE } from "../../plugins/form/resources";
import { KIND_SETUPS, NOTIFICATION_ID, SHIPPED_RESX, makeForm, type FormSetup } from "./harness";

const handlers = createForm();

/** A shipped resx with keys taken out, as an older or hand-edited RESX web resource might be. */
function withoutKeys(lcid: number, ...keys: string[]): Record<string, string> {
  const resx = { ...SHIPPED_RESX[lcid] };
  for (const key of keys) delete resx[key];
  return resx;
}

/** What the form must say, built from the resx files directly (not from the embedded table). */
function revertedText(lcid: number, from: number, to: number, kind: Parameters<typeof evaluate>[2]): string {
  const strings = loadStrings(lcid);
  const t = (key: string): string | undefined => strings[key];
  return formatTemplate(strings["form.reverted"], {
    message: formatVerdict(evaluate(from, to, kind, "agent"), t),
    from: statusLabel(t, from),
  });
}

describe("onStatusChange reverts a move the model denies and explains it", () => {
  test("English: live chat has no Waiting", () => {
    const form = makeForm(handlers, { status: Status.Active, channels: KIND_SETUPS["live-chat"].channels });
    form.load();
    form.pick(Status.Waiting);
    expect(form.status.getValue()).toBe(Status.Active);
    expect(form.notifications()).toEqual([
      {
        level: "ERROR",
        uniqueId: NOTIFICATION_ID,
        message:
          "Active → Waiting is not available for live chat. “Waiting state applies only to asynchronous and persistent chats, and not live chats.” The status reason was set back to Active.",
      },
    ]);
  });

  test("English: closed is final", () => {
    const form = makeForm(handlers, { status: Status.Closed, channels: KIND_SETUPS.messaging.channels });
    form.load();
    form.pick(Status.Open);
    expect(form.status.getValue()).toBe(Status.Closed);
    expect(form.notifications()[0].message).toBe(
      "Closed is final. “Agents can't reactivate or reopen closed conversations.” The status reason was set back to Closed.",
    );
  });

  test.each([
    [1025, /[\u0600-\u06FF]/],
    [1036, /statut|conversation|n'est|est /i],
  ])("in the user's language (%i), from the same resx files", (lcid, script) => {
    const form = makeForm(handlers, { status: Status.Active, channels: KIND_SETUPS.voice.channels, lcid });
    form.load();
    form.pick(Status.Waiting);
    const message = form.notifications()[0].message;
    expect(message).toBe(revertedText(lcid, Status.Active, Status.Waiting, "voice"));
    expect(message).toMatch(script);
    expect(message).not.toBe(revertedText(1033, Status.Active, Status.Waiting, "voice"));
  });

  test("the text comes from the RESX web resources: getResourceString, with the library's strings name", () => {
    const form = makeForm(handlers, { status: Status.Active, channels: KIND_SETUPS.voice.channels, lcid: 1036 });
    form.load();
    form.pick(Status.Waiting);
    const asked = (Xrm.Utility.getResourceString as jest.Mock).mock.calls;
    expect(asked.length).toBeGreaterThan(0);
    for (const [name] of asked) expect(name).toBe(STRINGS_WEB_RESOURCE);
    expect(asked.map(([, key]) => key)).toEqual(
      expect.arrayContaining(["form.reverted", "verdict.notForChannel", "status.active", "channelKind.voice"]),
    );
  });

  test("a language we do not ship, where the platform falls back to an English organisation, reads the English resx", () => {
    const form = makeForm(handlers, {
      status: Status.Active,
      channels: KIND_SETUPS.voice.channels,
      lcid: 1031,
      platform: { missingLanguage: "base" },
    });
    form.load();
    form.pick(Status.Waiting);
    expect(form.notifications()[0].message).toBe(revertedText(1033, Status.Active, Status.Waiting, "voice"));
  });

  // Plain English composed from the model: English status labels, the channel kind and the reason code.
  const plain = "Active → Waiting is not allowed for an agent on voice (not-for-channel). Set back to Active.";

  test.each<[string, FormSetup["platform"], number]>([
    ["no RESX for the user's language (getResourceString throws)", {}, 1031],
    ["a German organisation: neither the user's nor the base language is shipped", { orgLanguage: 1031, missingLanguage: "base" }, 1031],
    ["the RESX web resources were not deployed with the library", { resx: {} }, 1033],
    [
      "the templates are missing from both the user's and the base RESX (null)",
      { orgLanguage: 1036, resx: { 1036: withoutKeys(1036, "verdict.notForChannel") } },
      1036,
    ],
  ])("English when the platform has no answer: %s", (_, platform, lcid) => {
    const form = makeForm(handlers, { status: Status.Active, channels: KIND_SETUPS.voice.channels, lcid, platform });
    form.load();
    form.pick(Status.Waiting);
    expect(form.status.getValue()).toBe(Status.Active);
    expect(form.notifications().map((n) => n.message)).toEqual([plain]);
  });

  test("the notification is replaced, not stacked, and cleared by the next valid change", () => {
    const form = makeForm(handlers, { status: Status.Active, channels: KIND_SETUPS["live-chat"].channels });
    form.load();
    form.pick(Status.Waiting);
    form.pick(Status.Closed);
    expect(form.notifications()).toHaveLength(1);
    expect(form.notifications()[0].message).toContain("Active → Closed");
    form.pick(Status.WrapUp);
    expect(form.status.getValue()).toBe(Status.WrapUp);
    expect(form.notifications()).toEqual([]);
  });

  test("every denied move, on every channel kind, is reverted with its own explanation", () => {
    for (const kind of ALL_CHANNEL_KINDS) {
      const { channels, parameter } = KIND_SETUPS[kind];
      for (const from of STATUSES) {
        for (const to of STATUSES) {
          const verdict = evaluate(from.value, to.value, kind, "agent");
          if (verdict.allowed) continue;
          const form = makeForm(handlers, { status: from.value, channels });
          form.load(parameter);
          form.pick(to.value);
          expect({ kind, from: from.value, value: form.status.getValue() }).toEqual({ kind, from: from.value, value: from.value });
          expect(form.notifications().map((n) => n.message)).toEqual([revertedText(1033, from.value, to.value, kind)]);
        }
      }
    }
  });

  test("every allowed move, on every channel kind, stays put with no notification", () => {
    let moves = 0;
    for (const kind of ALL_CHANNEL_KINDS) {
      const { channels, parameter } = KIND_SETUPS[kind];
      for (const from of STATUSES) {
        for (const to of STATUSES) {
          if (from === to || !evaluate(from.value, to.value, kind, "agent").allowed) continue;
          moves++;
          const form = makeForm(handlers, { status: from.value, channels });
          form.load(parameter);
          form.pick(to.value);
          expect({ kind, from: from.value, value: form.status.getValue(), notes: form.notifications() }).toEqual({
            kind,
            from: from.value,
            value: to.value,
            notes: [],
          });
        }
      }
    }
    expect(moves).toBeGreaterThan(20);
  });

  test("unknown or cleared values are never reverted", () => {
    const form = makeForm(handlers, { status: Status.Active, channels: KIND_SETUPS["live-chat"].channels });
    form.load();
    form.pick(192350099);
    expect(form.status.getValue()).toBe(192350099);
    form.pick(null);
    expect(form.status.getValue()).toBeNull();
    form.pick(Status.Waiting);
    expect(form.status.getValue()).toBe(Status.Waiting);
    expect(form.notifications()).toEqual([]);
  });

  test("without onLoad registered, a change is judged from the value the form loaded with", () => {
    const form = makeForm(handlers, { status: Status.Closed, channels: KIND_SETUPS.messaging.channels });
    form.pick(Status.Active);
    expect(form.status.getValue()).toBe(Status.Closed);
    expect(form.notifications()[0].message).toContain("Closed is final.");
  });
});
