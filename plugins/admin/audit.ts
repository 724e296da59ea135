/**
 * A conversation's audited status changes, read the way *Retrieve the history of audited data
 * changes* describes: audit rows (`audits`) say who and when; each row's RetrieveAuditDetails answer
 * (an AttributeAuditDetail) holds OldValue and NewValue, entity-shaped objects with only the columns
 * that changed. Pure: rows in, changes out; the requests live in history.ts.
 */
import { STATES } from "../lifecycle";
import type { Row } from "../webapi/client";
import { WebApiError } from "../webapi/errors";
import { isGuid, quoteForMessage } from "../webapi/guid";
import { odataString } from "../webapi/paths";
import { Audit, AuditOperation, CONVERSATION_TABLE, Conversation, formatted } from "./columns";

export interface AuditEntry {
  readonly id: string;
  /** createdon, ISO 8601 as Dataverse wrote it. */
  readonly at: string;
  readonly atMs: number;
  readonly operation: number;
  readonly userId?: string;
  readonly userName?: string;
  /** Set when the change was made by one user acting for another (impersonation). */
  readonly callingUserId?: string;
}

export interface StatusChange extends AuditEntry {
  /** The status reason before; absent for a Create (the conversation's first status). */
  readonly from?: number;
  readonly to: number;
  /** msdyn_statuschangereason written with the change, when the audit recorded it. */
  readonly reason?: number;
}

/** Who and when, oldest first (PLATFORM.md §10). Formatted values (user names) need Prefer: odata.include-annotations. */
export function auditsPath(conversationId: string): string {
  const select = [Audit.id, Audit.createdOn, Audit.action, Audit.operation, Audit.user, Audit.callingUser].join(",");
  return `audits?$select=${select}&$filter=${Audit.object} eq ${conversationId} and ${Audit.objectType} eq ${odataString(CONVERSATION_TABLE)}&$orderby=${Audit.createdOn} asc`;
}

export const auditDetailsPath = (auditId: string) => `audits(${auditId})/Microsoft.Dynamics.CRM.RetrieveAuditDetails`;

/** Only creates and updates can carry a status; deletes and access records cannot. */
export function mayChangeStatus(entry: AuditEntry): boolean {
  return entry.operation === AuditOperation.Create || entry.operation === AuditOperation.Update;
}

export function auditEntryOf(row: Row): AuditEntry {
  const id = row[Audit.id];
  if (!isGuid(id)) throw new WebApiError("bad-answer", `GET audits: an audit row's auditid ${quoteForMessage(id)} is not a GUID.`);
  const at = row[Audit.createdOn];
  const atMs = typeof at === "string" ? Date.parse(at) : NaN;
  if (Number.isNaN(atMs))
    throw new WebApiError("bad-answer", `GET audits: audit ${id} has no readable createdon (${quoteForMessage(at)}).`);
  const user = row[Audit.user];
  const calling = row[Audit.callingUser];
  return {
    id: id.toLowerCase(),
    at: at as string,
    atMs,
    operation: Number(row[Audit.operation]),
    userId: isGuid(user) ? user.toLowerCase() : undefined,
    userName: formatted(row, Audit.user),
    callingUserId: isGuid(calling) ? calling.toLowerCase() : undefined,
  };
}

/** A whole number, also when an answer carries it as text ("2"). */
function wholeNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** The status change in one RetrieveAuditDetails answer, or undefined when it did not touch the status. */
export function statusChangeOf(entry: AuditEntry, answer: Row): StatusChange | undefined {
  const detail = answer.AuditDetail as Row | undefined;
  if (!detail || detail["@odata.type"] !== "#Microsoft.Dynamics.CRM.AttributeAuditDetail") return undefined;
  const oldValue = (detail.OldValue ?? {}) as Row;
  const newValue = (detail.NewValue ?? {}) as Row;
  let to = wholeNumber(newValue[Conversation.status]);
  // A state change whose status reason was left to Dataverse gets the state's default one.
  const state = wholeNumber(newValue[Conversation.state]);
  if (to === undefined && state !== undefined) to = STATES.find((s) => s.value === state)?.defaultStatus;
  if (to === undefined) return undefined;
  const from = wholeNumber(oldValue[Conversation.status]);
  const reason = wholeNumber(newValue[Conversation.statusChangeReason]);
  return {
    ...entry,
    ...(from !== undefined && entry.operation !== AuditOperation.Create ? { from } : {}),
    to,
    ...(reason !== undefined ? { reason } : {}),
  };
}
