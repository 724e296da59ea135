/**
 * The PCF context mock (@shko.online/componentframework-mock) set up for ConversationState:
 * every manifest property, the real resx strings, and a ResizeObserver that jsdom lacks.
 */
import {
  AttributeType,
  ComponentFrameworkMockGeneratorReact,
  DateTimePropertyMock,
  EnumPropertyMock,
  MetadataDB,
  MultiSelectOptionSetPropertyMock,
  OptionSetPropertyMock,
  WholeNumberPropertyMock,
  type ShkoOnline,
} from "@shko.online/componentframework-mock";
import { ConversationState } from "../../components/ConversationState";
import type { Inputs, Outputs } from "../../components/ConversationState/inputs";
import { loadStrings } from "../../plugins/strings/resx";

if (typeof globalThis.ResizeObserver === "undefined") {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
}

export interface Values {
  statusReason?: number | null;
  channel?: number[] | null;
  statusUpdatedOn?: Date | null;
  statusChangeReason?: number | null;
  conversationMode?: "auto" | "live" | "persistent";
  wrapUpBlock?: "always" | "never" | "custom";
  wrapUpMinutes?: number | null;
  unavailableActions?: "hide" | "disable";
}

export type Mock = ComponentFrameworkMockGeneratorReact<Inputs, Outputs>;

export function createMock(lcid = 1033): Mock {
  const mock = new ComponentFrameworkMockGeneratorReact<Inputs, Outputs>(ConversationState, {
    statusReason: OptionSetPropertyMock,
    channel: MultiSelectOptionSetPropertyMock,
    statusUpdatedOn: DateTimePropertyMock,
    statusChangeReason: OptionSetPropertyMock,
    conversationMode: EnumPropertyMock,
    wrapUpBlock: EnumPropertyMock,
    wrapUpMinutes: WholeNumberPropertyMock,
    unavailableActions: EnumPropertyMock,
  } as never);
  const strings = loadStrings(lcid);
  mock.context.resources.getString.callsFake((key: string) => strings[key] ?? key);
  mock.context.userSettings.isRTL = lcid === 1025;
  mock.context.userSettings.languageId = lcid;
  // The platform sends a full Fluent theme; the mock's partial one would hide Fluent's own defaults.
  mock.context.fluentDesignLanguage = undefined;
  return mock;
}

/** Gives an OptionSet property option metadata, as Dataverse does for a bound column. */
export function setOptions(
  mock: Mock,
  property: "statusReason" | "statusChangeReason",
  options: readonly { value: number; label: string }[],
): void {
  const Options: Record<number, { Value: number; Label: string; Color: string }> = {};
  for (const o of options) Options[o.value] = { Value: o.value, Label: o.label, Color: "" };
  mock.metadata.upsertAttributeMetadata(MetadataDB.CanvasLogicalName, {
    AttributeType: AttributeType.Picklist,
    EntityLogicalName: MetadataDB.CanvasLogicalName,
    LogicalName: property,
    OptionSet: { Options },
  } as unknown as ShkoOnline.PickListAttributeMetadata);
}

export function setValues(mock: Mock, values: Values): void {
  mock.context._SetCanvasItems({
    statusReason: null,
    channel: null,
    statusUpdatedOn: null,
    statusChangeReason: null,
    conversationMode: "auto",
    wrapUpBlock: "always",
    wrapUpMinutes: null,
    unavailableActions: "hide",
    ...values,
  } as never);
}

/** React and Fluent report misuse on console.error without throwing: make that fail the test. */
export function failOnConsoleError(): void {
  let spy: jest.SpyInstance;
  beforeEach(() => {
    spy = jest.spyOn(console, "error");
  });
  afterEach(() => {
    const calls = spy.mock.calls.map((c) => String(c[0]).slice(0, 300));
    spy.mockRestore();
    expect(calls).toEqual([]);
  });
}
