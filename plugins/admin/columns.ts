/**
 * The Web API names the admin commands read and write, in one place. Conversation and workstream
 * columns: PLATFORM.md §1–2 and Microsoft's msdyn_ocliveworkitem table reference (msdyn_cdsqueueid is
 * the conversation's Queue lookup). Audit columns and operations: *Retrieve the history of audited
 * data changes* and *Configure auditing* (Power Apps developer docs, auditing/).
 */
import {
  CONVERSATION_SET,
  CONVERSATION_TABLE,
  ConversationColumn as C,
  WORKSTREAM_SET,
  WorkstreamColumn as W,
  lookupValue,
} from "../lifecycle/conversationTable";

export { CONVERSATION_SET, CONVERSATION_TABLE, WORKSTREAM_SET };

/** Conversation columns as the admin commands read them from the Web API (lookups as _<name>_value). */
export const Conversation = {
  id: C.Id,
  status: C.Status,
  state: C.State,
  channel: C.Channel,
  statusChangeReason: C.StatusChangeReason,
  statusUpdatedOn: C.StatusUpdatedOn,
  modifiedOn: C.ModifiedOn,
  createdOn: C.CreatedOn,
  workstream: lookupValue(C.Workstream),
  agent: lookupValue(C.ActiveAgent),
  queue: lookupValue(C.Queue),
  createdBy: lookupValue(C.CreatedBy),
  modifiedBy: lookupValue(C.ModifiedBy),
} as const;

export const Workstream = {
  id: W.Id,
  name: W.Name,
  conversationMode: W.ConversationMode,
  /** Whole number 0–43200; how Always / Don't block are encoded is not documented (PLATFORM.md §2). */
  blockCapacityForWrapUp: W.BlockCapacityForWrapUp,
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
