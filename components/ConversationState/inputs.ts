/**
 * The control's property bag, as ControlManifest.Input.xml declares it. pcf-scripts generates the
 * same shape into generated/ManifestTypes.d.ts at build time; it is written here so the code
 * type-checks on a clean clone before any build (test/control/manifest.test.ts keeps the two in step).
 */
export interface Inputs {
  statusReason: ComponentFramework.PropertyTypes.OptionSetProperty;
  channel: ComponentFramework.PropertyTypes.MultiSelectOptionSetProperty;
  statusUpdatedOn: ComponentFramework.PropertyTypes.DateTimeProperty;
  statusChangeReason: ComponentFramework.PropertyTypes.OptionSetProperty;
  conversationMode: ComponentFramework.PropertyTypes.EnumProperty<"auto" | "live" | "persistent">;
  wrapUpBlock: ComponentFramework.PropertyTypes.EnumProperty<"always" | "never" | "custom">;
  wrapUpMinutes: ComponentFramework.PropertyTypes.WholeNumberProperty;
  unavailableActions: ComponentFramework.PropertyTypes.EnumProperty<"hide" | "disable">;
}

export interface Outputs {
  statusReason?: number;
}
