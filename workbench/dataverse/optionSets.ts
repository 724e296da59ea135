/**
 * Option sets of the local Dataverse. Values come from the lifecycle model (plugins/lifecycle), never
 * from here; labels in every language come from the resx files (plugins/strings/resx.ts), keys
 * `status.<name>`, `state.<name>`, `statusChangeReason.<name>`. Option sets the resx files do not
 * cover (channels, workstream settings, audit actions) carry their English labels in every language,
 * as a Dataverse environment without those language packs would.
 */
import {
  CHANNELS,
  CHANNEL_LABELS,
  ConversationMode,
  STATES,
  STATUSES,
  STATUS_CHANGE_REASONS,
  WorkDistributionMode,
} from "../../plugins/lifecycle";
import { availableLanguages, DEFAULT_LANGUAGE, loadStrings } from "../../plugins/strings/resx";
import type { OptionDefinition, OptionSetDefinition } from "./entitySets";

/** The languages the workbench has labels for (the resx files): 1025, 1033, 1036. */
export const LANGUAGES: readonly number[] = availableLanguages();
export { DEFAULT_LANGUAGE };

const strings = new Map<number, Record<string, string>>();

function stringsFor(lcid: number): Record<string, string> {
  let found = strings.get(lcid);
  if (!found) {
    found = loadStrings(lcid);
    strings.set(lcid, found);
  }
  return found;
}

/** A resx key's text in a language, or the fallback when no resx file has the key. */
export const resxLabel =
  (key: string, fallback: string) =>
  (lcid: number): string =>
    stringsFor(LANGUAGES.includes(lcid) ? lcid : DEFAULT_LANGUAGE)[key] ?? fallback;

const english = (text: string) => (): string => text;

const optionSet = (
  name: string,
  type: OptionSetDefinition["type"],
  isGlobal: boolean,
  build: () => readonly OptionDefinition[],
): OptionSetDefinition => {
  let options: readonly OptionDefinition[] | undefined;
  return { name, type, isGlobal, options: () => (options ??= build()) };
};

export const STATE_OPTIONS = optionSet("msdyn_ocliveworkitem_statecode", "State", false, () =>
  STATES.map((s) => ({
    value: s.value,
    label: resxLabel(`state.${s.name}`, s.label),
    defaultStatus: s.defaultStatus,
    // Not documented for this table: the English label serves as the invariant name.
    invariantName: s.label,
  })),
);

export const STATUS_OPTIONS = optionSet("msdyn_ocliveworkitem_statuscode", "Status", false, () =>
  STATUSES.map((s) => ({ value: s.value, label: resxLabel(`status.${s.name}`, s.label), state: s.state })),
);

export const STATUS_CHANGE_REASON_OPTIONS = optionSet("msdyn_ocliveworkitem_msdyn_statuschangereason", "Picklist", false, () =>
  STATUS_CHANGE_REASONS.map((r) => ({ value: r.value, label: resxLabel(`statusChangeReason.${r.name}`, r.platformName) })),
);

/** The global choice msdyn_streamsource, shared by msdyn_channel and the workstream's msdyn_streamsource. */
export const CHANNEL_OPTIONS = optionSet("msdyn_streamsource", "Picklist", true, () =>
  CHANNELS.map((c) => ({ value: c.value, label: english(CHANNEL_LABELS[c.value] ?? c.name) })),
);

export const CONVERSATION_MODE_OPTIONS = optionSet("msdyn_liveworkstream_msdyn_conversationmode", "Picklist", false, () => [
  { value: ConversationMode.Live, label: english("Live Chat") },
  { value: ConversationMode.Persistent, label: english("Persistent Chat") },
]);

export const WORK_DISTRIBUTION_OPTIONS = optionSet("msdyn_workdistributionmode", "Picklist", true, () => [
  { value: WorkDistributionMode.Push, label: english("Push") },
  { value: WorkDistributionMode.Pick, label: english("Pick") },
]);

/** audit.operation and the audit.action values the workbench writes ("Retrieve the history of audited data changes"). */
export const AuditOperation = { Create: 1, Update: 2, Delete: 3 } as const;
export const AuditAction = { Create: 1, Update: 2, Delete: 3 } as const;

export const AUDIT_OPERATION_OPTIONS = optionSet("audit_operation", "Picklist", false, () => [
  { value: AuditOperation.Create, label: english("Create") },
  { value: AuditOperation.Update, label: english("Update") },
  { value: AuditOperation.Delete, label: english("Delete") },
  { value: 4, label: english("Access") },
]);

export const AUDIT_ACTION_OPTIONS = optionSet("audit_action", "Picklist", false, () => [
  { value: 0, label: english("Unknown") },
  { value: AuditAction.Create, label: english("Create") },
  { value: AuditAction.Update, label: english("Update") },
  { value: AuditAction.Delete, label: english("Delete") },
  { value: 41, label: english("Set State") },
]);

export function optionOf(set: OptionSetDefinition, value: unknown): OptionDefinition | undefined {
  return typeof value === "number" ? set.options().find((o) => o.value === value) : undefined;
}
