/**
 * Audit answers shaped exactly as *Retrieve the history of audited data changes* shows them: audit
 * rows with the formatted-value and lookup annotations that Prefer: odata.include-annotations="*"
 * adds, and RetrieveAuditDetails answers holding an AttributeAuditDetail with entity-shaped OldValue
 * and NewValue (only the changed columns, each with its formatted value).
 */
import { statusOf, statusChangeReasonOf } from "../../plugins/lifecycle";

export const CONVERSATION = "0f8fad5b-d9cb-469f-a165-70867728950e";
export const PLATFORM_USER = "4026be43-6b69-e111-8f65-78e7d1620f5e";
export const AGENT = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
export const ADMIN = "16fd2706-8baf-433b-82eb-8c7fada847da";

export interface AuditRowInput {
  readonly id: string;
  readonly at: string;
  readonly operation?: number;
  readonly user?: string;
  readonly userName?: string;
  readonly callingUser?: string;
}

/** One row of GET audits?$select=auditid,createdon,action,operation,_userid_value,_callinguserid_value. */
export function auditRow(input: AuditRowInput): Record<string, unknown> {
  const operation = input.operation ?? 2;
  return {
    "@odata.etag": 'W/"1"',
    auditid: input.id,
    "createdon@OData.Community.Display.V1.FormattedValue": "5/12/2022 3:19 PM",
    createdon: input.at,
    "action@OData.Community.Display.V1.FormattedValue": operation === 1 ? "Create" : "Update",
    action: operation,
    "operation@OData.Community.Display.V1.FormattedValue": operation === 1 ? "Create" : "Update",
    operation,
    "_userid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "systemuser",
    "_userid_value@OData.Community.Display.V1.FormattedValue": input.userName ?? "FirstName LastName",
    _userid_value: input.user ?? AGENT,
    _callinguserid_value: input.callingUser ?? null,
  };
}

const entity = (columns: Record<string, number | undefined>): Record<string, unknown> => {
  const value: Record<string, unknown> = { "@odata.type": "#Microsoft.Dynamics.CRM.msdyn_ocliveworkitem" };
  for (const [column, v] of Object.entries(columns)) {
    if (v === undefined) continue;
    const label =
      column === "statuscode"
        ? statusOf(v)?.label
        : column === "msdyn_statuschangereason"
          ? statusChangeReasonOf(v)?.platformName
          : String(v);
    value[`${column}@OData.Community.Display.V1.FormattedValue`] = label;
    value[column] = v;
  }
  return value;
};

/** A RetrieveAuditDetails answer for a change of status reason (and reason, when given). */
export function auditDetail(from: number | undefined, to: number | undefined, reason?: number, extra: Record<string, number> = {}) {
  return {
    "@odata.context": "[Organization URI]/api/data/v9.2/$metadata#Microsoft.Dynamics.CRM.RetrieveAuditDetailsResponse",
    AuditDetail: {
      "@odata.type": "#Microsoft.Dynamics.CRM.AttributeAuditDetail",
      InvalidNewValueAttributes: [],
      LocLabelLanguageCode: 0,
      DeletedAttributes: { Count: 0, Keys: [], Values: [] },
      OldValue: entity({ statuscode: from, ...Object.fromEntries(Object.keys(extra).map((k) => [k, undefined])) }),
      NewValue: entity({ statuscode: to, msdyn_statuschangereason: reason, ...extra }),
    },
  };
}
