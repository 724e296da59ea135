/** The pure view model, from a PCF context: badge, actions and accessibility text for every status and channel kind. */
import { loadStrings } from "../../plugins/strings/resx";
import type { Inputs } from "../../components/ConversationState/inputs";
import { labelOf, viewModel } from "../../components/ConversationState/viewModel";
import { sayFrom } from "../../components/ConversationState/strings";
import { ACTIVE, ALL_STATUSES, buttonsFor, CLOSED, KINDS, LABELS_EN, OPEN, TARGET, TONES, WAITING, WRAP_UP, type Kind } from "./expected";

const en = loadStrings(1033);
const say = sayFrom((key) => en[key]);

interface Values {
  kind?: Kind | null;
  value?: unknown;
  options?: unknown;
  masked?: boolean;
  readOnly?: boolean;
  since?: unknown;
  reason?: number;
  reasonOptions?: unknown;
  wrapUpBlock?: string;
  wrapUpMinutes?: unknown;
  unavailableActions?: "hide" | "disable";
  lcid?: number;
}

/** A PCF context as the platform hands it over, with only what these tests set. */
function context(values: Values = {}): ComponentFramework.Context<Inputs> {
  const { kind = "live-chat", lcid = 1033 } = values;
  const value = "value" in values ? values.value : ACTIVE;
  const strings = loadStrings(lcid);
  return {
    parameters: {
      statusReason: {
        raw: value,
        attributes: { Options: values.options ?? [] },
        security: { readable: !values.masked, editable: true, secured: !!values.masked },
      },
      channel: { raw: kind === null ? null : [...KINDS[kind].channel] },
      statusUpdatedOn: { raw: values.since ?? null },
      statusChangeReason: { raw: values.reason ?? null, attributes: { Options: values.reasonOptions ?? [] } },
      conversationMode: { raw: kind === null ? "auto" : KINDS[kind].mode },
      wrapUpBlock: { raw: values.wrapUpBlock ?? "always" },
      wrapUpMinutes: { raw: values.wrapUpMinutes ?? null },
      unavailableActions: { raw: values.unavailableActions ?? "hide" },
    },
    mode: { isControlDisabled: !!values.readOnly },
    userSettings: { isRTL: lcid === 1025 },
    resources: { getString: (key: string) => strings[key] ?? key },
  } as unknown as ComponentFramework.Context<Inputs>;
}

describe.each(Object.keys(KINDS) as Kind[])("channel kind %s", (kind) => {
  test.each(ALL_STATUSES)("status %i: badge and the seed's actions", (status) => {
    const model = viewModel(context({ kind, value: status }));
    expect({ tone: model.tone, label: model.label }).toEqual({ tone: TONES[status], label: LABELS_EN[status] });
    expect(model.notes[0]).toMatch(/^State: /);
    expect(model.notes[3]).toBeNull();
    expect(model.actions.map((a) => a.label)).toEqual(buttonsFor(kind, status));
    for (const action of model.actions) {
      expect(action).toMatchObject({ why: null, to: TARGET[action.label], confirm: action.to === CLOSED });
      expect(action.hint).toBe(`Moves the conversation to ${LABELS_EN[action.to]}.`);
    }
  });

  test("read-only shows the badge and no actions", () => {
    const model = viewModel(context({ kind, value: ACTIVE, readOnly: true }));
    expect(model.tone).toBe("active");
    expect(model.actions).toEqual([]);
  });
});

test("a field the user may not edit shows no actions", () => {
  const ctx = context({ value: ACTIVE });
  (ctx.parameters.statusReason as unknown as { security: { editable: boolean } }).security.editable = false;
  expect(viewModel(ctx).actions).toEqual([]);
});

test("the state follows the status: only Closed is a closed state; Resolved and Scheduled are states of their own", () => {
  expect(viewModel(context({ value: WRAP_UP })).notes[0]).toBe("State: Open");
  expect(viewModel(context({ value: CLOSED })).notes[0]).toBe("State: Closed");
  expect(viewModel(context({ value: WAITING, kind: "messaging" })).notes[0]).toBe("State: Open");
  expect(viewModel(context({ value: 6 })).notes[0]).toBe("State: Resolved");
  expect(viewModel(context({ value: 7 })).notes[0]).toBe("State: Scheduled");
});

test("shown disabled, unavailable moves say why, quoting the seed", () => {
  const model = viewModel(context({ kind: "live-chat", value: ACTIVE, unavailableActions: "disable" }));
  expect(model.actions.map((a) => [a.label, a.why === null])).toEqual([
    ["End conversation", true],
    ["Release to queue", true],
    ["Close session and keep waiting", false],
    ["Close", false],
  ]);
  expect(model.actions[2].why).toBe(
    "Active → Waiting is not available for live chat. “Waiting state applies only to asynchronous and persistent chats, and not live chats.”",
  );
  expect(model.actions[3].why).toBe(
    "Active → Closed is not available for live chat. It happens only for messaging (SMS, social, Teams), records.",
  );
});

test("voice Open: picking is disabled because routing assigns voice", () => {
  const model = viewModel(context({ kind: "voice", value: OPEN, unavailableActions: "disable" }));
  expect(model.actions).toHaveLength(1);
  expect(model.actions[0]).toMatchObject({ label: "Pick", confirm: false });
  expect(model.actions[0].why).toBe(
    "Open → Active for voice is made only by the system (routing assigns it to an agent), not by the agent.",
  );
});

describe("labels", () => {
  // As the platform hands them over in attributes.Options.
  const real = [
    { Value: 1, Label: "Open (org)" },
    { Value: 2, Label: "Active (org)" },
    { Value: 5, Label: "Wrap-up (org)" },
  ];
  test("come from the field's options when they are the real statuscode options", () => {
    expect(viewModel(context({ value: ACTIVE, options: real })).label).toBe("Active (org)");
    expect(labelOf(WAITING, real, say)).toBe("Waiting");
    // Action hints name the target with the same label.
    expect(viewModel(context({ value: ACTIVE, options: real })).actions[0].hint).toBe("Moves the conversation to Wrap-up (org).");
  });
  test("come from our resx when the options are a harness's fake 0, 1, 2, or blank", () => {
    const fake = [0, 1, 2].map((value) => ({ Value: value, Label: `Option ${value}` }));
    expect(viewModel(context({ value: ACTIVE, options: fake })).label).toBe("Active");
    expect(labelOf(ACTIVE, [{ Value: 2, Label: " " }], say)).toBe("Active");
  });
  test("are localised: Arabic and French", () => {
    const ar = loadStrings(1025);
    const fr = loadStrings(1036);
    const arModel = viewModel(context({ value: ACTIVE, lcid: 1025 }));
    expect(arModel.label).toBe(ar["status.active"]);
    expect(arModel.dir).toBe("rtl");
    expect(arModel.actions.map((a) => a.label)).toEqual([ar["action.active-wrap-up"], ar["action.active-open"]]);
    expect(viewModel(context({ value: WRAP_UP, lcid: 1036 })).actions[0].label).toBe(fr["action.wrap-up-closed"]);
    expect(fr["action.wrap-up-closed"]).toBe("Fermer");
  });
  test("a move without its own wording is called 'Move to …'", () => {
    const ctx = context({ value: ACTIVE });
    ctx.resources.getString = (key: string) => (key === "action.active-wrap-up" ? key : (en[key] ?? key));
    expect(viewModel(ctx).actions[0].label).toBe("Move to Wrap-up");
  });
});

test("an unknown value shows a clear badge and offers nothing", () => {
  const model = viewModel(context({ value: 42 }));
  expect({ tone: model.tone, label: model.label, state: model.notes[0] }).toEqual({
    tone: "unknown",
    label: "unknown status (42)",
    state: null,
  });
  expect(model.notes[3]).toMatch(/isn't a conversation status reason/);
  expect(model.actions).toEqual([]);
  expect(model.clock).toBeNull();
});

test.each([null, undefined, "2", 2.5, Number.NaN, {}])("an empty or malformed value (%p) says so", (value) => {
  const model = viewModel(context({ value }));
  expect({ tone: model.tone, label: model.label }).toEqual({ tone: "empty", label: "No status reason" });
  expect(model.actions).toEqual([]);
});

test("a masked field shows no value, no reason, no channel", () => {
  const model = viewModel(
    context({ value: ACTIVE, masked: true, reason: 192350003, reasonOptions: [{ Value: 192350003, Label: "InConversation" }] }),
  );
  expect(model.tone).toBe("masked");
  expect(model.notes[0]).toMatch(/you don't have permission/);
  expect(JSON.stringify({ ...model, theme: null })).not.toMatch(/Active|InConversation|live chat/);
  expect(model.actions).toEqual([]);
  expect(model.clock).toBeNull();
});

describe("change reason and channel", () => {
  test("are shown when bound: the reason's label from its own options, else its formatted value, else its number", () => {
    const model = viewModel(
      context({ value: ACTIVE, reason: 192350003, reasonOptions: [{ Value: 192350003, Label: "InConversation" }], kind: "messaging" }),
    );
    expect(model.notes[2]).toBe("Reason: InConversation");
    expect(model.notes[1]).toMatch(/^Channel: messaging/);
    expect(viewModel(context({ value: ACTIVE, reason: 7 })).notes[2]).toBe("Reason: 7");
    const formatted = context({ value: ACTIVE, reason: 7 });
    (formatted.parameters.statusChangeReason as unknown as { formatted: string }).formatted = "Transferred";
    expect(viewModel(formatted).notes[2]).toBe("Reason: Transferred");
  });
  test("an unknown channel is said; no channel bound, nothing", () => {
    expect(viewModel(context({ value: ACTIVE, kind: "unknown" })).notes[1]).toBeNull();
    const unknownValue = context({ value: ACTIVE });
    (unknownValue.parameters.channel as unknown as { raw: number[] }).raw = [123];
    expect(viewModel(unknownValue).notes[1]).toBe("Channel: an unknown channel");
    expect(viewModel(context({ value: ACTIVE, kind: null })).notes[1]).toBeNull();
  });
  test("the harness's text value of a channel counts too", () => {
    const text = context({ value: ACTIVE });
    (text.parameters.channel as unknown as { raw: string }).raw = "192360000, 192380000";
    expect(viewModel(text).actions.map((a) => a.label)).toEqual(buttonsFor("live-chat", ACTIVE));
  });
});

describe("wrap-up capacity block", () => {
  test("custom minutes reach the clock, with the start time", () => {
    const since = new Date(2025, 0, 1);
    expect(viewModel(context({ value: WRAP_UP, wrapUpBlock: "custom", wrapUpMinutes: 10, since })).clock).toEqual({
      capacity: "wrap-up-block",
      since: since.getTime(),
      block: { mode: "custom", minutes: 10 },
    });
  });
  test.each([0, 61, 2.5, null])("custom with %p minutes warns and falls back to Always block", (minutes) => {
    const model = viewModel(context({ value: WRAP_UP, wrapUpBlock: "custom", wrapUpMinutes: minutes }));
    expect(model.clock?.block).toBeUndefined();
    expect(model.warning).toBe(`Wrap-up block minutes must be a whole number from 1 to 60, not ${minutes}: Always block is used.`);
  });
});

test("theme: the host's token theme, else Fluent's dark or light web theme", () => {
  const ctx = context();
  expect(viewModel(ctx).theme.colorNeutralForeground1).toBe("#242424");
  ctx.fluentDesignLanguage = { isDarkTheme: true } as never;
  expect(viewModel(ctx).theme.colorNeutralForeground1).toBe("#ffffff");
  const own = { colorNeutralForeground1: "#123456" };
  ctx.fluentDesignLanguage = { isDarkTheme: true, tokenTheme: own } as never;
  expect(viewModel(ctx).theme).toBe(own);
});
