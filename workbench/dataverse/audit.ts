/**
 * Auditing ("Retrieve the history of audited data changes", "Configure auditing"): every create and
 * every change of an audited column writes an audit row (who, when, which columns) and keeps the old
 * and new values for RetrieveAuditDetails. Nothing is written while auditing is off for the
 * organization (organizations.isauditenabled) or for the table (EntityMetadata.IsAuditEnabled).
 * Dataverse may record a state change as "Set State" (action 41); how it records one made by Update
 * on this table is not documented, so the workbench writes action 2 (Update), operation 2.
 */
import { randomUUID } from "node:crypto";
import { fail } from "./errors";
import { columnNumber, propertyOf, type EntitySet, type Row } from "./entitySets";
import { AuditAction, AuditOperation } from "./optionSets";
import { putValue, type ReadContext } from "./represent";
import type { Caller } from "./security";
import type { Store } from "./store";
import { AUDITS, ORGANIZATIONS } from "./tables";

export interface AuditInput {
  readonly set: EntitySet;
  readonly id: string;
  readonly operation: "create" | "update";
  readonly before: Row | undefined;
  readonly after: Row;
  readonly caller: Caller;
  readonly transactionId: string;
  readonly now: string;
}

export function organizationAuditing(store: Store): boolean {
  return store.rows(ORGANIZATIONS)[0]?.isauditenabled === true;
}

export function tableAuditing(store: Store, set: EntitySet): boolean {
  return store.tableAudit[set.logical] ?? set.audited === true;
}

/** Writes the audit row of a change; undefined when auditing is off or no audited column changed. */
export function writeAudit(store: Store, input: AuditInput): string | undefined {
  const { set, before, after } = input;
  if (!organizationAuditing(store) || !tableAuditing(store, set)) return undefined;
  const audited = set.columns.filter((c) => c.audited && c.kind !== "key");
  const changed = audited.filter((c) => {
    const property = propertyOf(c);
    return before === undefined
      ? after[property] !== undefined && after[property] !== null
      : (before[property] ?? null) !== (after[property] ?? null);
  });
  if (changed.length === 0) return undefined;
  const auditid = randomUUID();
  const pick = (row: Row | undefined) => Object.fromEntries(row ? changed.map((c) => [propertyOf(c), row[propertyOf(c)] ?? null]) : []);
  const create = input.operation === "create";
  store.insert(AUDITS, {
    auditid,
    action: create ? AuditAction.Create : AuditAction.Update,
    operation: create ? AuditOperation.Create : AuditOperation.Update,
    attributemask: changed.map((c) => columnNumber(set, c)).join(","),
    createdon: input.now,
    objecttypecode: set.logical,
    _objectid_value: input.id,
    _userid_value: input.caller.userId,
    _callinguserid_value: input.caller.onBehalfOf ?? null,
    transactionid: input.transactionId,
    useradditionalinfo: null,
  });
  store.auditDetails.set(auditid, { old: create ? {} : pick(before), new: pick(after) });
  return auditid;
}

/** Undoes an audit row written for a change that was then rolled back. */
export function dropAudit(store: Store, auditid: string | undefined): void {
  if (auditid === undefined) return;
  store.remove(AUDITS, auditid);
  store.auditDetails.delete(auditid);
}

function entityValues(set: EntitySet, values: Row, context: ReadContext): Row {
  const out: Row = { "@odata.type": `#Microsoft.Dynamics.CRM.${set.logical}` };
  for (const column of set.columns)
    if (propertyOf(column) in values && values[propertyOf(column)] !== null) putValue(out, column, values, context);
  return out;
}

/** GET audits(<id>)/Microsoft.Dynamics.CRM.RetrieveAuditDetails: the AttributeAuditDetail of one audit row. */
export function auditDetails(store: Store, auditid: string, context: ReadContext, base: string): Row {
  const row = store.get(AUDITS, auditid);
  const detail = store.auditDetails.get(auditid);
  if (!row || !detail) throw fail("objectDoesNotExist", { entity: "audit", id: auditid });
  const set = context.sets.logical(String(row.objecttypecode)) as EntitySet;
  return {
    "@odata.context": `${base}/$metadata#Microsoft.Dynamics.CRM.RetrieveAuditDetailsResponse`,
    AuditDetail: {
      "@odata.type": "#Microsoft.Dynamics.CRM.AttributeAuditDetail",
      InvalidNewValueAttributes: [],
      LocLabelLanguageCode: 0,
      DeletedAttributes: { Count: 0, Keys: [], Values: [] },
      OldValue: entityValues(set, detail.old, context),
      NewValue: entityValues(set, detail.new, context),
    },
  };
}

/** One audited change, for the workbench page (not a Dataverse shape). */
export interface AuditEntry {
  readonly auditId: string;
  readonly createdOn: string;
  readonly operation: "Create" | "Update";
  readonly entity: string;
  readonly recordId: string;
  readonly userId: string;
  readonly callingUserId: string | null;
  readonly changes: Readonly<Record<string, { readonly old: unknown; readonly new: unknown }>>;
}

export function auditTrail(store: Store, recordId?: string): AuditEntry[] {
  return store
    .rows(AUDITS)
    .filter((row) => recordId === undefined || row._objectid_value === recordId.toLowerCase())
    .map((row) => {
      const detail = store.auditDetails.get(String(row.auditid)) ?? { old: {}, new: {} };
      const changes = Object.fromEntries(
        Object.keys(detail.new).map((key) => [key, { old: detail.old[key] ?? null, new: detail.new[key] }]),
      );
      return {
        auditId: String(row.auditid),
        createdOn: String(row.createdon),
        operation: row.operation === AuditOperation.Create ? "Create" : "Update",
        entity: String(row.objecttypecode),
        recordId: String(row._objectid_value),
        userId: String(row._userid_value),
        callingUserId: (row._callinguserid_value as string | null) ?? null,
        changes,
      };
    });
}
