/** Reading the property bag: the record to show, the form's facts, and what a maker set, whatever arrives. */
import { settingsOf, targetOf } from "../../components/ConversationState/settings";
import { fakeContext } from "./context";

const ID = "0A1B2C3D-0000-4000-8000-000000000001";

test.each([
  [ID, "msdyn_ocliveworkitem", { kind: "record", table: "msdyn_ocliveworkitem", id: ID.toLowerCase() }],
  [`{${ID}}`, "MSDYN_OCLIVEWORKITEM", { kind: "record", table: "msdyn_ocliveworkitem", id: ID.toLowerCase() }],
  // Entity Name left out: the conversation table, the only one this control shows.
  [ID, undefined, { kind: "record", table: "msdyn_ocliveworkitem", id: ID.toLowerCase() }],
  [ID, "incident", { kind: "wrong-table", table: "incident" }],
  ["", "val", { kind: "wrong-table", table: "val" }],
  ["", "msdyn_ocliveworkitem", { kind: "new-record" }],
  [null, "msdyn_ocliveworkitem", { kind: "new-record" }],
  [undefined, undefined, { kind: "not-configured" }],
  ["", "", { kind: "not-configured" }],
  ["not-a-guid", undefined, { kind: "not-configured" }],
  [42, { evil: true }, { kind: "not-configured" }],
])("targetOf(%p, %p)", (id, name, target) => {
  expect(targetOf(id, name)).toEqual(target);
});

test("the form's Status updated on, in epoch ms; a masked column decides nothing", () => {
  const at = new Date("2026-11-30T10:00:00Z");
  const context = fakeContext({ params: { statusUpdatedOn: at } });
  expect(settingsOf(context).boundUpdatedOn).toBe(at.getTime());
  (context.parameters.statusUpdatedOn as unknown as { security: unknown }).security = { readable: false, editable: false, secured: true };
  expect(settingsOf(context).boundUpdatedOn).toBeNull();
  expect(settingsOf(fakeContext({ params: { statusUpdatedOn: "not a date" } })).boundUpdatedOn).toBeNull();
});

test("the maker's inputs, with defaults for anything unexpected", () => {
  expect(
    settingsOf(
      fakeContext({
        params: { conversationMode: "persistent", wrapUpBlock: "custom", wrapUpMinutes: 10, unavailableActions: "disable", actions: "off" },
      }),
    ),
  ).toMatchObject({
    mode: "persistent",
    block: { mode: "custom", minutes: 10 },
    showDenied: true,
    actions: false,
  });
  expect(
    settingsOf(fakeContext({ params: { conversationMode: 7, wrapUpBlock: "sometimes", unavailableActions: null, actions: undefined } })),
  ).toMatchObject({
    mode: "auto",
    block: { mode: "always" },
    showDenied: false,
    actions: true,
  });
});

test("an empty property bag, as a harness may send, still gives settings", () => {
  const context = fakeContext();
  (context as unknown as { parameters: unknown }).parameters = {};
  expect(settingsOf(context)).toMatchObject({ target: { kind: "not-configured" }, boundUpdatedOn: null, mode: "auto" });
});
