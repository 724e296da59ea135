/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
/** The real control in jsdom: what an agent sees and what each button does, through a fake PCF context. */
import { act, fireEvent, screen } from "@testing-library/react";
import type { TransitionRequest } from "../../plugins/events/transitionRequested";
import { CONVERSATION_ID, conversation } from "./context";
import { failOnConsoleError, mount } from "./render";

failOnConsoleError();

const badge = (): HTMLElement => document.querySelector("[data-tone]") as HTMLElement;
const buttons = (): string[] => [...document.querySelectorAll("button[data-to]")].map((b) => b.textContent ?? "");

test("the status read through context.webAPI, with time in status, capacity, channel and reason", async () => {
  const row = conversation(2, { msdyn_statuschangereason: 192350003 });
  const { context } = await mount({ rows: { [CONVERSATION_ID]: row } });
  expect(badge().dataset.tone).toBe("active");
  expect(badge().textContent).toBe("Active");
  expect(screen.getByText(/2:0\d in this status/)).toBeTruthy();
  expect(screen.getByText("Consumes capacity")).toBeTruthy();
  expect(screen.getByText("Channel: live chat")).toBeTruthy();
  expect(screen.getByText("Reason: In conversation")).toBeTruthy();
  expect(buttons()).toEqual(["End conversation", "Release to queue"]);
  expect(context.calls.filter((c) => c.startsWith("msdyn_ocliveworkitem"))).toHaveLength(1);
});

test("re-rendering with the same values reads nothing again", async () => {
  const { context, update } = await mount();
  for (let i = 0; i < 10; i++) update();
  expect(context.calls.filter((c) => c.startsWith("msdyn_ocliveworkitem"))).toHaveLength(1);
});

test("a button raises transitionRequested; the form's answer 'changed' makes the control read again", async () => {
  const { context, settle } = await mount();
  const requests: TransitionRequest[] = [];
  context.events.transitionRequested = (request) => requests.push(request);
  fireEvent.click(screen.getByText("End conversation"));
  expect(requests.map(({ from, to, trigger }) => ({ from, to, trigger }))).toEqual([{ from: 2, to: 5, trigger: "agent-ends" }]);
  expect(screen.getByText("Changing the status…")).toBeTruthy();
  context.rows[CONVERSATION_ID] = conversation(5);
  act(() => requests[0].done({ outcome: "changed" }));
  await settle();
  expect(badge().dataset.tone).toBe("wrap-up");
  expect(buttons()).toEqual(["Close"]);
});

test("a refusal is shown in the form's words until dismissed", async () => {
  const { context } = await mount();
  context.events.transitionRequested = (request) =>
    request.done({ outcome: "refused", reason: "not-for-channel", message: "Active → Waiting is not available for live chat." });
  fireEvent.click(screen.getByText("Release to queue"));
  expect(screen.getByText("Active → Waiting is not available for live chat.")).toBeTruthy();
  fireEvent.click(screen.getByText("Dismiss"));
  expect(screen.queryByText("Active → Waiting is not available for live chat.")).toBeNull();
});

test("Close asks first; cancelling raises nothing", async () => {
  const { context } = await mount({ rows: { [CONVERSATION_ID]: conversation(5) } });
  const requests: TransitionRequest[] = [];
  context.events.transitionRequested = (request) => requests.push(request);
  fireEvent.click(screen.getByText("Close"));
  expect(screen.getByRole("alertdialog")).toBeTruthy();
  fireEvent.click(screen.getByText("Cancel"));
  expect(requests).toHaveLength(0);
  fireEvent.click(screen.getByText("Close"));
  fireEvent.click(screen.getByText("Close conversation"));
  expect(requests.map((r) => r.to)).toEqual([4]);
});

test("no form library on the form: after the wait the agent is told what is missing", async () => {
  const { context } = await mount();
  jest.useFakeTimers();
  try {
    context.events = {} as typeof context.events;
    fireEvent.click(screen.getByText("End conversation"));
    act(() => void jest.advanceTimersByTime(3000));
    expect(screen.getByText(/ConversationState\.Form\.onLoad/)).toBeTruthy();
  } finally {
    jest.useRealTimers();
  }
});

test("a failed read shows why, and Try again reads again", async () => {
  const { context, settle } = await mount({
    rows: { [CONVERSATION_ID]: { error: { errorCode: -2147220960, message: "missing privilege" } } },
  });
  expect(badge().dataset.tone).toBe("unavailable");
  expect(screen.getByText(/don't have permission to read this conversation/)).toBeTruthy();
  context.rows[CONVERSATION_ID] = conversation(1);
  fireEvent.click(screen.getByText("Try again"));
  await settle();
  expect(badge().dataset.tone).toBe("open");
});

test("a control that is not set up says which property to bind, and reads nothing", async () => {
  const { context } = await mount({ params: { entityId: null, entityName: null } });
  expect(badge().dataset.tone).toBe("setup");
  expect(screen.getByText(/Entity Id \(entityId\)/)).toBeTruthy();
  expect(context.calls).toEqual([]);
});

test("destroy stops the store: a late answer changes nothing", async () => {
  const { control, context, unmount } = await mount({ hold: true });
  control.destroy();
  unmount();
  await context.release();
  expect(document.querySelector("[data-tone]")).toBeNull();
});
