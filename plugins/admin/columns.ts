/**
 * The Web API names the admin commands read and write, in one place. Conversation and workstream
 * columns: PLATFORM.md §1–2 and Microsoft's msdyn_ocliveworkitem table reference (msdyn_cdsqueueid is
 * the conversation's Queue lookup). Audit columns and operations: *Retrieve the history of audited
 * data changes* and *Configure auditing* (Power Apps developer docs, auditing/).
 */
import { CONVERSATION_TABLE } from "../validate-status-change";

export { CONVERSATION_TABLE };
/** Entity set of msdyn_ocliveworkitem (PLATFORM.md §1). */
export const CONVERSATION_SET = `${CONVERSATION_TABLE}s`;
export const WORKSTREAM_SET = "msdyn_liveworkstreams";

/** Conversation columns as the Web API names them (lookups as _<name>_value). */
export const Conversation = {
  id: "activityid",
  status: "statuscode",
  state: "statecode",
  channel: "msdyn_channel",
  statusChangeReason: "msdyn_statuschangereason",
  statusUpdatedOn: "msdyn_statusupdatedon",
  modifiedOn: "modifiedon",
  createdOn: "createdon",
  workstream: "_msdyn_liveworkstreamid_value",
  agent: "_msdyn_activeagentid_value",
  queue: "_msdyn_cdsqueueid_value",
  createdBy: "_createdby_value",
  modifiedBy: "_modifiedby_value",
} as const;

export const Workstream = {
  id: "msdyn_liveworkstreamid",
  name: "msdyn_name",
  conversationMode: "msdyn_conversationmode",
  /** Whole number 0–43200; how Always / Don't block are encoded is not documented (PLATFORM.md §2). */
  blockCapacityForWrapUp: "msdyn_blockcapacityforwrapup",
} as const;

export const Audit = {
  id: "auditid",
  createdOn: "createdon",
  action: "action",
  operation: "operation",
  user: "_userid_value",
  callingUser: "_callinguserid_value",
  object: "_objectid_value",
  objectType: "objecttypecode",
} as const;

/** audit.operation: 1 Create, 2 Update, 3 Delete, 4 Access. */
export const AuditOperation = { Create: 1, Update: 2, Delete: 3, Access: 4 } as const;

/** The annotation that carries a column's display value (lookups: the row's name). */
export const FORMATTED = "@OData.Community.Display.V1.FormattedValue";

/** Formatted value of a column, when the answer carries one. */
export function formatted(row: Record<string, unknown>, column: string): string | undefined {
  const value = row[`${column}${FORMATTED}`];
  return typeof value === "string" ? value : undefined;
}
