/** Option labels from getEntityMetadata, as the Client API documents its shape. */
import { optionLabels } from "../../components/ConversationState/labels";
import { metadataWith } from "./context";

afterEach(() => jest.restoreAllMocks());

test("Attributes.get(column).OptionSet: value → { text }", () => {
  const metadata = metadataWith({ statuscode: { 1: "Ouvert", 2: "Actif" } });
  expect([...optionLabels(metadata, "statuscode")]).toEqual([
    [1, "Ouvert"],
    [2, "Actif"],
  ]);
});

test("value → label strings are read too", () => {
  const metadata = { Attributes: { get: () => ({ OptionSet: { 4: "Fermé" } }) } };
  expect([...optionLabels(metadata, "statuscode")]).toEqual([[4, "Fermé"]]);
});

test.each([[{}], [null], [{ Attributes: [] }], [{ Attributes: { get: () => ({ OptionSet: [{ Value: 1 }] }) } }]])(
  "an unknown shape (%j) gives no labels and says what was seen",
  (metadata) => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(optionLabels(metadata, "statuscode").size).toBe(0);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain("statuscode");
  },
);
