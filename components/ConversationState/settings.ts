/**
 * The maker's configuration and the form's facts, read from the PCF property bag: pure, and never
 * throwing, whatever a form, a harness or a masked field hands over.
 */
import { CONVERSATION_TABLE } from "../../plugins/lifecycle/conversationTable";
import { wrapUpBlockOf } from "../../plugins/lifecycle/capacity";
import type { WrapUpBlock } from "../../plugins/lifecycle/timeouts";
import type { Context } from "./inputs";

/** Where the record comes from: which table and id, or why there is none. */
export type Target =
  /** Neither Entity Id nor Entity Name is bound: the maker has not set the control up. */
  | { readonly kind: "not-configured" }
  /** Entity Name is set, Entity Id is empty: a new conversation, not saved yet. */
  | { readonly kind: "new-record" }
  /** Bound to another table: this control shows conversations only. */
  | { readonly kind: "wrong-table"; readonly table: string }
  | { readonly kind: "record"; readonly table: string; readonly id: string };

export interface ControlSettings {
  readonly target: Target;
  /** msdyn_statusupdatedon as the form has it (epoch ms), or null: a change means the status changed. */
  readonly boundUpdatedOn: number | null;
  /** "auto": the workstream's msdyn_conversationmode, where it can be read. */
  readonly mode: "auto" | "live" | "persistent";
  /** The workstream's wrap-up block; undefined when custom minutes are invalid (a warning is shown). */
  readonly block: WrapUpBlock | undefined;
  /** The custom minutes as given, for the warning. */
  readonly blockMinutes: number | null;
  readonly showDenied: boolean;
  /** Actions off (badge only), a disabled control or a read-only form. */
  readonly actions: boolean;
  /** The user's reading direction. */
  readonly dir: "ltr" | "rtl";
}

const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

const text = (raw: unknown): string => (typeof raw === "string" ? raw.trim() : "");

/** Entity Id and Entity Name as bound (PCF FAQ, "How can I access the record id or table name?"). */
export function targetOf(entityId: unknown, entityName: unknown): Target {
  const id = GUID.exec(text(entityId))?.[1]?.toLowerCase();
  const table = text(entityName).toLowerCase();
  if (table && table !== CONVERSATION_TABLE) return { kind: "wrong-table", table };
  if (!id) return table ? { kind: "new-record" } : { kind: "not-configured" };
  return { kind: "record", table: CONVERSATION_TABLE, id };
}

const dateOf = (raw: unknown): number | null => {
  const ms = raw instanceof Date || typeof raw === "string" || typeof raw === "number" ? new Date(raw).getTime() : NaN;
  return Number.isFinite(ms) ? ms : null;
};

const oneOf = <T extends string>(raw: unknown, options: readonly T[], fallback: T): T =>
  options.includes(raw as T) ? (raw as T) : fallback;

export function settingsOf(context: Context): ControlSettings {
  const p = (context.parameters ?? {}) as Partial<Context["parameters"]>;
  const blockMode = oneOf(p.wrapUpBlock?.raw, ["always", "never", "custom"] as const, "always");
  const minutes = typeof p.wrapUpMinutes?.raw === "number" ? p.wrapUpMinutes.raw : null;
  return {
    target: targetOf(p.entityId?.raw, p.entityName?.raw),
    // A column the user may not read is masked: it decides nothing.
    boundUpdatedOn: p.statusUpdatedOn?.security?.readable === false ? null : dateOf(p.statusUpdatedOn?.raw),
    mode: oneOf(p.conversationMode?.raw, ["auto", "live", "persistent"] as const, "auto"),
    block: wrapUpBlockOf(blockMode, minutes ?? undefined),
    blockMinutes: minutes,
    showDenied: p.unavailableActions?.raw === "disable",
    actions: p.actions?.raw !== "off" && context.mode?.isControlDisabled !== true,
    dir: context.userSettings?.isRTL === true ? "rtl" : "ltr",
  };
}
