/**
 * audit, read-only ("Retrieve the history of audited data changes": the audit EntityType and its
 * lookups _objectid_value, _userid_value and _callinguserid_value).
 */
import type { EntitySet } from "../entitySets";
import { AUDIT_ACTION_OPTIONS, AUDIT_OPERATION_OPTIONS } from "../optionSets";

const fixed = { create: false, update: false } as const;

export const AUDITS: EntitySet = {
  set: "audits",
  logical: "audit",
  display: "Auditing",
  displayCollection: "Audits",
  key: "auditid",
  objectTypeCode: 4567,
  methods: ["GET"],
  columns: [
    { name: "auditid", display: "Record Id", kind: "key", ...fixed },
    { name: "action", display: "Event", kind: "choice", optionSet: AUDIT_ACTION_OPTIONS, ...fixed },
    { name: "operation", display: "Operation", kind: "choice", optionSet: AUDIT_OPERATION_OPTIONS, ...fixed },
    { name: "attributemask", display: "Changed Field", kind: "string", ...fixed },
    { name: "createdon", display: "Changed Date", kind: "datetime", ...fixed },
    { name: "objecttypecode", display: "Entity", kind: "entityname", ...fixed },
    { name: "objectid", display: "Record", kind: "lookup", targetOf: (row) => row.objecttypecode as string, ...fixed },
    { name: "userid", display: "Changed By", kind: "lookup", targets: ["systemusers"], ...fixed },
    { name: "callinguserid", display: "Calling User", kind: "lookup", targets: ["systemusers"], ...fixed },
    { name: "transactionid", display: "Transaction Id", kind: "guid", ...fixed },
    { name: "useradditionalinfo", display: "User Info", kind: "string", ...fixed },
  ],
};
