/** What the control shows for each state, from the store's state and the maker's settings. */
import { settingsOf, type ControlSettings } from "../../components/ConversationState/settings";
import type { State } from "../../components/ConversationState/store";
import { sayFrom } from "../../components/ConversationState/strings";
import { viewModel } from "../../components/ConversationState/viewModel";
import type { ConversationRecord } from "../../components/ConversationState/record";
import { agentVerdict, agentMoves } from "../../plugins/lifecycle/agent";
import { formatVerdict } from "../../plugins/lifecycle";
import { loadStrings } from "../../plugins/strings/resx";
import { ALL_STATUSES, buttonsFor, KINDS, type Kind } from "./expected";
import { fakeContext } from "./context";

const en = loadStrings(1033);
const say = sayFrom((key) => en[key] ?? key);

const record = (status: number | null, more: Partial<ConversationRecord> = {}): ConversationRecord => ({
  status,
  state: status === 4 ? 1 : 0,
  channels: [192360000],
  changeReason: null,
  changeReasonText: null,
  workstreamId: null,
  statusUpdatedOn: Date.now() - 60_000,
  ...more,
});

function stateWith(
  change: Partial<State> = {},
  target: State["target"] = { kind: "record", table: "msdyn_ocliveworkitem", id: "x" },
): State {
  return { target, record: null, reading: false, problem: null, action: { kind: "idle" }, labels: null, modes: {}, ...change };
}
const settings = (params: Record<string, unknown> = {}, options: { disabled?: boolean } = {}): ControlSettings =>
  settingsOf(fakeContext({ params, disabled: options.disabled }));
const shown = (r: ConversationRecord, more: Partial<State> = {}): State => stateWith({ record: r, ...more });

describe("states without a status", () => {
  test("not set up: the message names the properties to bind", () => {
    const model = viewModel(stateWith({}, { kind: "not-configured" }), settings({ entityId: null, entityName: null }), say);
    expect(model).toMatchObject({ tone: "setup", label: "Not set up", actions: [] });
    expect(model.notice?.text).toContain("Entity Id (entityId)");
    expect(model.notice?.text).toContain("activityid");
  });

  test("a new record asks to save first", () => {
    const model = viewModel(stateWith({}, { kind: "new-record" }), settings({ entityId: "" }), say);
    expect(model).toMatchObject({ tone: "new", label: "New", notes: ["Save the conversation to see its status."], notice: null });
  });

  test("another table is named", () => {
    const model = viewModel(stateWith({}, { kind: "wrong-table", table: "account" }), settings({ entityName: "account" }), say);
    expect(model.notice).toMatchObject({ intent: "error" });
    expect(model.notice?.text).toContain("account");
  });

  test("loading", () => {
    expect(viewModel(stateWith({ reading: true }), settings(), say)).toMatchObject({
      tone: "loading",
      label: "Loading…",
      busy: true,
      notice: null,
    });
  });

  test.each([
    ["offline", "You're offline"],
    ["forbidden", "don't have permission to read this conversation"],
    ["notFound", "doesn't exist any more"],
    ["readFailed", "couldn't be read: Generic SQL error."],
  ] as const)("%s, before anything was shown: its own badge, the reason, and Try again", (problem, text) => {
    const model = viewModel(stateWith({ problem: { kind: problem, message: "Generic SQL error." } }), settings(), say);
    expect(model).toMatchObject({ tone: "unavailable", label: "Status unavailable", busy: false });
    expect(model.notice).toMatchObject({ button: "retry", intent: problem === "offline" ? "warning" : "error" });
    expect(model.notice?.text).toContain(text);
  });

  test("a failed refresh keeps the last status, says so, and offers Try again", () => {
    const model = viewModel(stateWith({ problem: { kind: "offline", message: "x" }, record: record(2) }), settings(), say);
    expect(model).toMatchObject({ tone: "active", label: "Active", busy: false });
    expect(model.notice).toMatchObject({ button: "retry", intent: "warning" });
    expect(model.notice?.text).toMatch(/offline.*The status shown is the last one read\./);
    expect(model.actions.length).toBeGreaterThan(0);
  });

  test("a status the user may not read (column security) shows as hidden, without buttons", () => {
    expect(viewModel(shown(record(null)), settings(), say)).toMatchObject({ tone: "masked", label: "Status hidden", actions: [] });
  });

  test("an unknown status value is named, with help, without buttons", () => {
    const model = viewModel(shown(record(99)), settings(), say);
    expect(model).toMatchObject({ tone: "unknown", actions: [] });
    expect(model.label).toContain("99");
    expect(model.notes).toContain(en["control.unknownHelp"]);
  });
});

describe.each(Object.keys(KINDS) as Kind[])("the agent's buttons on %s", (kind) => {
  const { channel, mode } = KINDS[kind];
  test.each(ALL_STATUSES)("from status %i they are the seed's, in order", (status) => {
    const model = viewModel(shown(record(status, { channels: [...channel] })), settings({ conversationMode: mode }), say);
    expect(model.actions.map((a) => a.label)).toEqual(buttonsFor(kind, status));
  });

  test.each(ALL_STATUSES)("from status %i with unavailable moves shown, each denied one says the model's sentence", (status) => {
    const model = viewModel(
      shown(record(status, { channels: [...channel] })),
      settings({ conversationMode: mode, unavailableActions: "disable" }),
      say,
    );
    const kindNow = kind === "persistent-chat" ? "persistent-chat" : kind;
    expect(model.actions.map((a) => a.to)).toEqual(agentMoves(status, "unknown"));
    for (const action of model.actions) {
      const verdict = agentVerdict(status, action.to, kindNow);
      expect(action.why).toBe(verdict.allowed ? null : formatVerdict(verdict, say.strings));
      expect(action.trigger).toBe(verdict.params.trigger ?? null);
    }
  });
});

test("auto mode uses the workstream's conversation mode once read, live chat before", () => {
  const r = record(2, { workstreamId: "ws" });
  const labels = (s: State) => viewModel(s, settings({ conversationMode: "auto" }), say).actions.map((a) => a.label);
  expect(labels(shown(r))).not.toContain("Close session and keep waiting");
  expect(labels(shown(r, { modes: { ws: "persistent" } }))).toContain("Close session and keep waiting");
});

test("Close asks for confirmation; other moves do not", () => {
  const actions = viewModel(shown(record(5)), settings(), say).actions;
  expect(actions.map((a) => [a.label, a.confirm])).toEqual([["Close", true]]);
});

test("actions off, or a disabled control: the badge alone", () => {
  expect(viewModel(shown(record(2)), settings({ actions: "off" }), say).actions).toEqual([]);
  expect(viewModel(shown(record(2)), settings({}, { disabled: true }), say).actions).toEqual([]);
});

test("labels come from the table's metadata when it has them, then the Web API's formatted value, then the resx", () => {
  const labels = { status: new Map([[2, "En cours"]]), changeReason: new Map([[192350003, "Talking"]]) };
  const withReason = record(2, { changeReason: 192350003, changeReasonText: "In conversation (formatted)" });
  expect(viewModel(shown(withReason, { labels }), settings(), say)).toMatchObject({ label: "En cours" });
  expect(viewModel(shown(withReason, { labels }), settings(), say).notes).toContain("Reason: Talking");
  expect(viewModel(shown(withReason), settings(), say).notes).toContain("Reason: In conversation (formatted)");
  expect(viewModel(shown(record(2, { changeReason: 192350003 })), settings(), say).notes).toContain("Reason: 192350003");
  expect(viewModel(shown(record(2)), settings(), say).label).toBe("Active");
});

test.each([
  [{ kind: "pending" }, "info", "Changing the status…", undefined],
  [{ kind: "refused", message: "Not on live chat." }, "warning", "Not on live chat.", "dismiss"],
  [{ kind: "failed", message: "Save failed." }, "error", "The status was not changed: Save failed.", "dismiss"],
  [{ kind: "no-handler" }, "warning", "ConversationState.Form.onLoad", "dismiss"],
] as const)("the answer to a move: %j", (action, intent, text, button) => {
  const model = viewModel(shown(record(2), { action }), settings(), say);
  expect(model.notice?.intent).toBe(intent);
  expect(model.notice?.text).toContain(text);
  expect(model.notice?.button).toBe(button);
  expect(model.actionsBusy).toBe(action.kind === "pending");
});

test("custom wrap-up minutes outside 1–60 are a warning for the maker, and Always block is used", () => {
  const model = viewModel(shown(record(5)), settings({ wrapUpBlock: "custom", wrapUpMinutes: 99 }), say);
  expect(model.warning).toContain("99");
  expect(model.clock?.block).toBeUndefined();
});

test("right to left in Arabic", () => {
  const ar = loadStrings(1025);
  const arabic = settingsOf(fakeContext({ lcid: 1025 }));
  const model = viewModel(
    shown(record(2)),
    arabic,
    sayFrom((k) => ar[k]),
  );
  expect(arabic.dir).toBe("rtl");
  expect(settings().dir).toBe("ltr");
  expect(model.label).toBe(ar["status.active"]);
});
