/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
/** Accessibility: axe finds no violations in any status, channel kind, special state or answer, or in the dialog. */
import { act, fireEvent, screen } from "@testing-library/react";
import { axe } from "jest-axe";
import { CONVERSATION_ID, conversation, type FakeOptions } from "./context";
import { ALL_STATUSES, KINDS, WRAP_UP, type Kind } from "./expected";
import { failOnConsoleError, mount } from "./render";

failOnConsoleError();

async function violations(options: FakeOptions, act?: () => void): Promise<string[]> {
  const { container, unmount } = await mount(options);
  act?.();
  const results = await axe(container);
  unmount();
  return results.violations.map((v) => `${v.id}: ${v.help}`);
}

const row = (status: number | null, channel: readonly number[] = [192360000]) => ({
  [CONVERSATION_ID]: conversation(status as number, { statuscode: status, msdyn_channel: channel.join(",") }),
});

describe.each(["live-chat", "persistent-chat", "messaging", "voice", "record", "unknown"] as Kind[])("%s", (kind) => {
  test.each(ALL_STATUSES)("status %i, unavailable actions shown disabled", async (status) => {
    const { channel, mode } = KINDS[kind];
    expect(await violations({ rows: row(status, channel), params: { conversationMode: mode, unavailableActions: "disable" } })).toEqual([]);
  });
});

test.each([
  ["not set up", { params: { entityId: null, entityName: null } }],
  ["new record", { params: { entityId: "" } }],
  ["another table", { params: { entityName: "account" } }],
  ["loading", { hold: true }],
  ["offline", { rows: { [CONVERSATION_ID]: { error: { message: "Failed to fetch" } } }, offline: true }],
  ["forbidden", { rows: { [CONVERSATION_ID]: { error: { errorCode: -2147220960, message: "missing privilege" } } } }],
  ["unknown value", { rows: row(99) }],
  ["hidden value", { rows: row(null) }],
  ["custom wrap-up with bad minutes", { rows: row(WRAP_UP), params: { wrapUpBlock: "custom", wrapUpMinutes: 99 } }],
  ["Arabic, right to left", { lcid: 1025, params: { unavailableActions: "disable" } }],
] as [string, FakeOptions][])("%s", async (_, options) => {
  expect(await violations(options)).toEqual([]);
});

test("a refusal and the wait for the form", async () => {
  const { container, context, unmount } = await mount();
  context.events.transitionRequested = (request) => request.done({ outcome: "working" });
  fireEvent.click(screen.getByText("End conversation"));
  expect((await axe(container)).violations).toEqual([]);
  unmount();
  const second = await mount();
  second.context.events.transitionRequested = (request) => request.done({ outcome: "refused", reason: "x", message: "Not on live chat." });
  fireEvent.click(screen.getByText("End conversation"));
  expect((await axe(second.container)).violations).toEqual([]);
  second.unmount();
});

test("the confirmation dialog", async () => {
  const { unmount } = await mount({ rows: row(WRAP_UP) });
  act(() => void fireEvent.click(screen.getByText("Close")));
  const dialog = screen.getByRole("alertdialog");
  expect((await axe(dialog)).violations).toEqual([]);
  unmount();
});

test("a disabled move stays reachable by keyboard, and its reason describes it", async () => {
  const { unmount } = await mount({ params: { unavailableActions: "disable" } });
  const waiting = [...document.querySelectorAll("button[data-to]")].find(
    (b) => b.textContent === "Close session and keep waiting",
  ) as HTMLButtonElement;
  expect(waiting.getAttribute("aria-disabled")).toBe("true");
  expect(waiting.disabled).toBe(false);
  const describedBy = document.getElementById(waiting.getAttribute("aria-describedby") as string);
  expect(describedBy?.textContent).toContain("Waiting state applies only to asynchronous and persistent chats");
  unmount();
});
