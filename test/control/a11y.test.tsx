/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
/** Accessibility: axe finds no violations in any status, channel kind or special case, or in the confirmation dialog. */
import { fireEvent, render, screen } from "@testing-library/react";
import { axe } from "jest-axe";
import { ALL_STATUSES, KINDS, WRAP_UP, type Kind } from "./expected";
import { createMock, failOnConsoleError, setValues, type Mock, type Values } from "./mock";

failOnConsoleError();

async function violations(values: Values, setup: (mock: Mock) => void = () => undefined, lcid = 1033): Promise<string[]> {
  const mock = createMock(lcid);
  setValues(mock, values);
  setup(mock);
  mock.ExecuteInit();
  const { container, unmount } = render(mock.ExecuteUpdateView());
  const results = await axe(container);
  unmount();
  return results.violations.map((v) => `${v.id}: ${v.help}`);
}

describe.each(["live-chat", "messaging", "voice", "record", "unknown"] as Kind[])("%s", (kind) => {
  test.each(ALL_STATUSES)("status %i, unavailable actions shown disabled", async (status) => {
    const { channel, mode } = KINDS[kind];
    expect(
      await violations({
        statusReason: status,
        channel: [...channel],
        conversationMode: mode,
        unavailableActions: "disable",
        statusUpdatedOn: new Date(),
      }),
    ).toEqual([]);
  });
});

test.each([
  ["unknown value", { statusReason: 99 }],
  ["empty value", { statusReason: null }],
  ["custom wrap-up with bad minutes", { statusReason: WRAP_UP, wrapUpBlock: "custom", wrapUpMinutes: 99 }],
] as [string, Values][])("%s", async (_, values) => {
  expect(await violations(values)).toEqual([]);
});

test("masked field", async () => {
  expect(
    await violations(
      { statusReason: 2 },
      (m) => (m.context._parameters.statusReason.security = { readable: false, editable: false, secured: true }),
    ),
  ).toEqual([]);
});

test("Arabic, right to left", async () => {
  expect(await violations({ statusReason: 2, channel: [192340000], unavailableActions: "disable" }, () => undefined, 1025)).toEqual([]);
});

test("the confirmation dialog", async () => {
  const mock = createMock();
  setValues(mock, { statusReason: WRAP_UP, channel: [192360000] });
  mock.ExecuteInit();
  render(mock.ExecuteUpdateView());
  fireEvent.click(screen.getByRole("button", { name: "Close" }));
  const dialog = screen.getByRole("alertdialog");
  expect(dialog.getAttribute("aria-labelledby")).toBeTruthy();
  // Checked against the whole page (the dialog is a portal); landmarks are the host form's job, not the control's.
  const results = await axe(document.body, { rules: { region: { enabled: false } } });
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
