/**
 * The control's property bag and events, as ControlManifest.Input.xml declares them. pcf-scripts
 * generates the inputs into generated/ManifestTypes.d.ts at build time but no type for
 * context.events (PLATFORM.md §9); both are written here so the code type-checks on a clean clone
 * (test/control/manifest.test.ts keeps them in step with the manifest).
 */
import type { TransitionRequest } from "../../plugins/events/transitionRequested";

export interface Inputs {
  statusUpdatedOn: ComponentFramework.PropertyTypes.DateTimeProperty;
  entityId: ComponentFramework.PropertyTypes.StringProperty;
  entityName: ComponentFramework.PropertyTypes.StringProperty;
  conversationMode: ComponentFramework.PropertyTypes.EnumProperty<"auto" | "live" | "persistent">;
  wrapUpBlock: ComponentFramework.PropertyTypes.EnumProperty<"always" | "never" | "custom">;
  wrapUpMinutes: ComponentFramework.PropertyTypes.WholeNumberProperty;
  unavailableActions: ComponentFramework.PropertyTypes.EnumProperty<"hide" | "disable">;
  actions: ComponentFramework.PropertyTypes.EnumProperty<"on" | "off">;
}

// The control writes nothing back: moves go through the form (the transitionRequested event).
export type Outputs = Record<string, never>;

export interface Events {
  transitionRequested: (request: TransitionRequest) => void;
}

export type Context = ComponentFramework.Context<Inputs, Events>;
