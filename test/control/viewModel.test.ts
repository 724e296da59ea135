/** The pure view model: badge, actions and accessibility text for every status and channel kind. */
import { viewModel, labelOf, hasStatusOptions, type ViewInput } from "../../components/ConversationState/viewModel";
import { loadStrings } from "../../plugins/strings/resx";
import { ACTIVE, ALL_STATUSES, buttonsFor, CLOSED, KINDS, LABELS_EN, OPEN, TARGET, TONES, WAITING, WRAP_UP, type Kind } from "./expected";

const en = loadStrings(1033);
const strings = (key: string): string | undefined => en[key];

function input(overrides: Partial<ViewInput> = {}): ViewInput {
  return {
    kind: "live-chat",
    value: ACTIVE,
    masked: false,
    readOnly: false,
    options: [],
    since: null,
    changeReason: null,
    wrapUpBlock: "always",
    wrapUpMinutes: null,
    unavailableActions: "hide",
    strings,
    ...overrides,
  };
}

describe.each(Object.keys(KINDS) as Kind[])("channel kind %s", (kind) => {
  test.each(ALL_STATUSES)("status %i: badge and the seed's actions", (status) => {
    const model = viewModel(input({ kind, value: status }));
    expect(model.badge).toEqual({ tone: TONES[status], label: LABELS_EN[status], state: expect.stringMatching(/^State: /), help: null });
    expect(model.actions.map((a) => a.label)).toEqual(buttonsFor(kind, status));
    for (const action of model.actions) {
      expect(action).toMatchObject({ enabled: true, reason: null, to: TARGET[action.label], confirm: action.to === CLOSED });
      expect(action.hint).toBe(`Moves the conversation to ${LABELS_EN[action.to]}.`);
    }
    expect(model.announce).toBe(LABELS_EN[status]);
  });

  test("read-only shows the badge and no actions", () => {
    const model = viewModel(input({ kind, value: ACTIVE, readOnly: true }));
    expect(model.badge.tone).toBe("active");
    expect(model.actions).toEqual([]);
  });
});

test("the state follows the status: only Closed is a closed state", () => {
  expect(viewModel(input({ value: WRAP_UP })).badge.state).toBe("State: Open");
  expect(viewModel(input({ value: CLOSED })).badge.state).toBe("State: Closed");
  expect(viewModel(input({ value: WAITING, kind: "messaging" })).badge.state).toBe("State: Open");
});

test("shown disabled, unavailable moves say why, quoting the seed", () => {
  const model = viewModel(input({ kind: "live-chat", value: ACTIVE, unavailableActions: "disable" }));
  expect(model.actions.map((a) => [a.label, a.enabled])).toEqual([
    ["End conversation", true],
    ["Release to queue", true],
    ["Close session and keep waiting", false],
    ["Close", false],
  ]);
  expect(model.actions[2].reason).toBe("Active → Waiting is not available for live chat. “Waiting state applies only to asynchronous and persistent chats, and not live chats.”");
  expect(model.actions[3].reason).toMatch(/^Active → Closed is not available for live chat\./);
});

test("voice Open: picking is disabled because routing assigns voice", () => {
  const model = viewModel(input({ kind: "voice", value: OPEN, unavailableActions: "disable" }));
  expect(model.actions).toHaveLength(1);
  expect(model.actions[0]).toMatchObject({ label: "Pick", enabled: false });
  expect(model.actions[0].reason).toMatch(/system/);
});

describe("labels", () => {
  // As the platform hands them over in attributes.Options.
  const real = [
    { Value: 1, Label: "Open (org)" },
    { Value: 2, Label: "Active (org)" },
    { Value: 5, Label: "Wrap-up (org)" },
  ];
  test("come from the field's options when they are the real statuscode options", () => {
    expect(hasStatusOptions(real)).toBe(true);
    expect(viewModel(input({ value: ACTIVE, options: real })).badge.label).toBe("Active (org)");
    expect(labelOf(WAITING, real, strings)).toBe("Waiting");
    // Action hints name the target with the same label.
    expect(viewModel(input({ value: ACTIVE, options: real })).actions[0].hint).toBe("Moves the conversation to Wrap-up (org).");
  });
  test("come from our resx when the options are a harness's fake 0, 1, 2", () => {
    const fake = [0, 1, 2].map((value) => ({ Value: value, Label: `Option ${value}` }));
    expect(hasStatusOptions(fake)).toBe(false);
    expect(viewModel(input({ value: ACTIVE, options: fake })).badge.label).toBe("Active");
  });
  test("are localised: Arabic and French", () => {
    const ar = loadStrings(1025);
    const fr = loadStrings(1036);
    const arModel = viewModel(input({ value: ACTIVE, strings: (k) => ar[k] }));
    expect(arModel.badge.label).toBe(ar["status.active"]);
    expect(arModel.actions.map((a) => a.label)).toEqual([ar["action.active-wrap-up"], ar["action.active-open"]]);
    expect(viewModel(input({ value: WRAP_UP, strings: (k) => fr[k] })).actions[0].label).toBe("Fermer");
  });
});

test("an unknown value shows a clear badge and offers nothing", () => {
  const model = viewModel(input({ value: 42 }));
  expect(model.badge).toEqual({ tone: "unknown", label: "unknown status (42)", state: null, help: expect.stringMatching(/isn't a conversation status reason/) });
  expect(model.actions).toEqual([]);
  expect(model.clock.status).toBeNull();
});

test("an empty value says so", () => {
  const model = viewModel(input({ value: null }));
  expect(model.badge).toMatchObject({ tone: "empty", label: "No status reason" });
  expect(model.actions).toEqual([]);
});

test("a masked field shows no value, no reason, no channel and announces nothing", () => {
  const model = viewModel(input({ value: null, masked: true, changeReason: "InConversation" }));
  expect(model.badge.tone).toBe("masked");
  expect(JSON.stringify(model)).not.toMatch(/Active|InConversation|live chat/);
  expect(model.actions).toEqual([]);
  expect(model.announce).toBeNull();
});

test("change reason and channel are shown when bound", () => {
  const model = viewModel(input({ value: ACTIVE, changeReason: "InConversation", kind: "messaging" }));
  expect(model.reason).toBe("Reason: InConversation");
  expect(model.channel).toMatch(/^Channel: messaging/);
  expect(viewModel(input({ value: ACTIVE, kind: "unknown" })).channel).toBe("Channel: an unknown channel");
  // No channel bound: nothing to say about it.
  expect(viewModel(input({ value: ACTIVE, kind: null })).channel).toBeNull();
});

describe("wrap-up capacity block", () => {
  test("custom minutes reach the clock", () => {
    expect(viewModel(input({ value: WRAP_UP, wrapUpBlock: "custom", wrapUpMinutes: 10 })).clock.block).toEqual({ mode: "custom", minutes: 10 });
  });
  test.each([0, 61, 2.5, null])("custom with %p minutes warns and falls back to Always block", (minutes) => {
    const model = viewModel(input({ value: WRAP_UP, wrapUpBlock: "custom", wrapUpMinutes: minutes }));
    expect(model.clock.block).toEqual({ mode: "always" });
    expect(model.warning).toBe(`Wrap-up block minutes must be a whole number from 1 to 60, not ${minutes}: Always block is used.`);
  });
});
