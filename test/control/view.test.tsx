/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
/** The control through its PCF adapter, with the context mock: what an agent sees and clicks. */
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { ALL_STATUSES, buttonsFor, CLOSED, KINDS, LABELS_EN, TARGET, TONES, ACTIVE, WRAP_UP, type Kind } from "./expected";
import { createMock, failOnConsoleError, setOptions, setValues, type Mock, type Values } from "./mock";

failOnConsoleError();
import { loadStrings } from "../../plugins/strings/resx";

function show(values: Values, setup: (mock: Mock) => void = () => undefined, lcid = 1033) {
  const mock = createMock(lcid);
  setValues(mock, values);
  setup(mock);
  mock.ExecuteInit();
  const view = render(mock.ExecuteUpdateView());
  const rerender = (): void => view.rerender(mock.ExecuteUpdateView());
  return { mock, view, rerender };
}

const badge = (): HTMLElement => document.querySelector("[data-tone]") as HTMLElement;
const buttons = (): string[] => screen.queryAllByRole("button").map((b) => b.textContent ?? "");

describe.each(Object.keys(KINDS) as Kind[])("channel kind %s", (kind) => {
  test.each(ALL_STATUSES)("status %i: badge, state and buttons", (status) => {
    const { channel, mode } = KINDS[kind];
    show({ statusReason: status, channel: [...channel], conversationMode: mode });
    expect(badge().getAttribute("data-tone")).toBe(TONES[status]);
    expect(badge().textContent).toBe(LABELS_EN[status]);
    expect(screen.getByText(status === CLOSED ? "State: Closed" : /^State: /)).toBeTruthy();
    expect(buttons()).toEqual(buttonsFor(kind, status));
    if (buttonsFor(kind, status).length > 0) expect(screen.getByRole("group", { name: "Status actions" })).toBeTruthy();
  });
});

test("clicking an action sets the bound value through notifyOutputChanged and getOutputs", () => {
  const { mock, rerender } = show({ statusReason: ACTIVE, channel: [192360000] });
  fireEvent.click(screen.getByRole("button", { name: "End conversation" }));
  expect(mock.notifyOutputChanged.callCount).toBe(1);
  expect(mock.control.getOutputs?.()).toEqual({ statusReason: WRAP_UP });
  rerender();
  expect(badge().textContent).toBe("Wrap-up");
  expect(buttons()).toEqual(["Close"]);
});

test("moving to Closed asks first; Cancel changes nothing, confirming closes", () => {
  const { mock } = show({ statusReason: WRAP_UP, channel: [192360000] });
  fireEvent.click(screen.getByRole("button", { name: "Close" }));
  const dialog = screen.getByRole("alertdialog");
  expect(within(dialog).getByText("Close this conversation?")).toBeTruthy();
  expect(within(dialog).getByText("Agents can't reactivate or reopen closed conversations.")).toBeTruthy();
  expect(mock.notifyOutputChanged.callCount).toBe(0);
  fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
  expect(screen.queryByRole("alertdialog")).toBeNull();
  expect(mock.notifyOutputChanged.callCount).toBe(0);
  fireEvent.click(screen.getByRole("button", { name: "Close" }));
  fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Close conversation" }));
  expect(mock.notifyOutputChanged.callCount).toBe(1);
  expect(mock.control.getOutputs?.()).toEqual({ statusReason: CLOSED });
});

test("a disabled control shows the badge without actions", () => {
  show({ statusReason: ACTIVE }, (mock) => (mock.context.mode.isControlDisabled = true));
  expect(badge().textContent).toBe("Active");
  expect(buttons()).toEqual([]);
});

test("a field the user may not edit shows the badge without actions", () => {
  show(
    { statusReason: ACTIVE },
    (mock) => (mock.context._parameters.statusReason.security = { editable: false, readable: true, secured: true }),
  );
  expect(badge().textContent).toBe("Active");
  expect(buttons()).toEqual([]);
});

test("a masked field shows no value", () => {
  const { view } = show(
    { statusReason: ACTIVE, statusChangeReason: 192350003 },
    (mock) => (mock.context._parameters.statusReason.security = { editable: false, readable: false, secured: true }),
  );
  expect(badge().getAttribute("data-tone")).toBe("masked");
  expect(view.container.textContent).not.toMatch(/Active/);
  expect(view.container.textContent).toMatch(/you don't have permission/);
  expect(buttons()).toEqual([]);
});

test("the channel kind comes from the bound channel and the conversation mode, and is shown", () => {
  const { view } = show({ statusReason: ACTIVE, channel: [192360000, 192380000], conversationMode: "persistent" });
  expect(view.container.textContent).toMatch(/Channel: persistent chat/);
  expect(buttons()).toEqual(buttonsFor("persistent-chat", ACTIVE));
});

test("a masked channel decides nothing: not shown, and every agent move stays offered", () => {
  const { view } = show(
    { statusReason: ACTIVE, channel: [192360000] },
    (mock) => (mock.context._parameters.channel.security = { editable: false, readable: false, secured: true }),
  );
  expect(view.container.textContent).not.toMatch(/Channel:/);
  expect(buttons()).toEqual(buttonsFor("unknown", ACTIVE));
});

test("an unknown value shows 'unknown status (n)'", () => {
  show({ statusReason: 9 });
  expect(badge().textContent).toBe("unknown status (9)");
  expect(buttons()).toEqual([]);
});

test("labels come from the field's real options, the change reason from its own", () => {
  show({ statusReason: ACTIVE, statusChangeReason: 192350003 }, (mock) => {
    setOptions(
      mock,
      "statusReason",
      [1, 2, 3, 4, 5, 6, 7].map((value) => ({ value, label: `${LABELS_EN[value]} (org)` })),
    );
    setOptions(mock, "statusChangeReason", [{ value: 192350003, label: "InConversation" }]);
  });
  expect(badge().textContent).toBe("Active (org)");
  expect(screen.getByText("Reason: InConversation")).toBeTruthy();
});

test("the badge is a polite live region: the new status is read out where it changes", () => {
  const { mock, rerender } = show({ statusReason: ACTIVE, channel: [192360000] });
  // role "status" is a live region, polite and atomic by definition.
  const region = screen.getByRole("status");
  expect(region).toBe(badge());
  expect(region.textContent).toBe("Active");
  fireEvent.click(screen.getByRole("button", { name: "Release to queue" }));
  rerender();
  expect(mock.control.getOutputs?.()).toEqual({ statusReason: TARGET["Release to queue"] });
  // The same element with new text: a change screen readers announce (a new element would be an insertion).
  expect(screen.getByRole("status")).toBe(region);
  expect(region.textContent).toBe("Open");
  expect(screen.getAllByRole("status")).toHaveLength(1);
});

test("time in status keeps ticking, and the custom wrap-up block counts down", () => {
  jest.useFakeTimers();
  try {
    const start = Date.now();
    show({ statusReason: WRAP_UP, statusUpdatedOn: new Date(start - 60_000), wrapUpBlock: "custom", wrapUpMinutes: 5 });
    expect(screen.getByText("1:00 in this status")).toBeTruthy();
    expect(screen.getByText("Capacity blocked, 4:00 left")).toBeTruthy();
    act(() => {
      jest.advanceTimersByTime(2000);
    });
    expect(screen.getByText("1:02 in this status")).toBeTruthy();
    expect(screen.getByText("Capacity blocked, 3:58 left")).toBeTruthy();
  } finally {
    jest.useRealTimers();
  }
});

test("RTL and Arabic from the user's settings", () => {
  const ar = loadStrings(1025);
  const { view } = show({ statusReason: ACTIVE, channel: [192360000] }, () => undefined, 1025);
  expect(view.container.querySelector(".fui-FluentProvider")?.getAttribute("dir")).toBe("rtl");
  expect(badge().textContent).toBe(ar["status.active"]);
  expect(buttons()).toEqual([ar["action.active-wrap-up"], ar["action.active-open"]]);
});

test("dark theme from context.fluentDesignLanguage", () => {
  const css = (): string =>
    Array.from(document.styleSheets)
      .flatMap((sheet) => Array.from(sheet.cssRules).map((rule) => rule.cssText))
      .join("\n");
  show({ statusReason: ACTIVE }, (mock) => (mock.context.fluentDesignLanguage = { isDarkTheme: true } as never));
  // webDarkTheme's neutral foreground is white; the light theme's is #242424.
  expect(css()).toMatch(/--colorNeutralForeground1:\s*#ffffff/i);
});

test("buttons are reachable by keyboard, disabled ones too (they explain why)", () => {
  show({ statusReason: ACTIVE, channel: [192360000], unavailableActions: "disable" });
  const all = screen.getAllByRole("button");
  expect(all.map((b) => b.tabIndex)).toEqual([0, 0, 0, 0]);
  const disabled = all.filter((b) => b.getAttribute("aria-disabled") === "true");
  expect(disabled.map((b) => b.textContent)).toEqual(["Close session and keep waiting", "Close"]);
  const reason = document.getElementById(disabled[0].getAttribute("aria-describedby") as string);
  expect(reason?.textContent).toMatch(/Waiting state applies only to asynchronous and persistent chats/);
  // A disabled button does nothing when activated.
  fireEvent.click(disabled[0]);
  expect(screen.queryByRole("alertdialog")).toBeNull();
});
