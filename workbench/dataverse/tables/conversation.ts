/**
 * msdyn_ocliveworkitem, "Conversation" (PLATFORM.md §1; Microsoft's table reference "Conversation
 * (msdyn_ocliveworkitem) table/entity reference"): the columns the product reads and writes, with
 * the navigation property names of its lookups as that reference lists them.
 */
import {
  CONVERSATION_SET,
  CONVERSATION_TABLE,
  ConversationColumn as C,
  ConversationNavigation as N,
  WORKSTREAM_SET,
} from "../../../plugins/lifecycle/conversationTable";
import type { Column, EntitySet } from "../entitySets";
import { CHANNEL_OPTIONS, STATE_OPTIONS, STATUS_CHANGE_REASON_OPTIONS, STATUS_OPTIONS, WORK_DISTRIBUTION_OPTIONS } from "../optionSets";

const writable = { create: true, update: true, audited: true } as const;
const platform = { create: false, update: false, audited: false } as const;

const lookup = (name: string, display: string, target: string, nav: string, flags: Partial<Column> = writable): Column => ({
  name,
  display,
  kind: "lookup",
  targets: [target],
  nav,
  ...flags,
});

export { CONVERSATION_SET };

export const CONVERSATION: EntitySet = {
  set: CONVERSATION_SET,
  logical: CONVERSATION_TABLE,
  display: "Conversation",
  displayCollection: "Conversations",
  key: C.Id,
  primaryName: "subject",
  isActivity: true,
  audited: true,
  // Not documented (a solution table's type code differs per environment): a workbench value.
  objectTypeCode: 10700,
  methods: ["GET", "POST", "PATCH"],
  columns: [
    { name: C.Id, display: "Conversation", kind: "key", create: true, update: false, audited: false },
    { name: "subject", display: "Subject", kind: "string", maxLength: 400, ...writable },
    { name: "msdyn_title", display: "Title", kind: "string", maxLength: 4000, ...writable },
    { name: "statecode", display: "Status", kind: "choice", optionSet: STATE_OPTIONS, ...writable },
    { name: "statuscode", display: "Status Reason", kind: "choice", optionSet: STATUS_OPTIONS, ...writable },
    {
      name: "msdyn_statuschangereason",
      display: "Status change reason",
      kind: "choice",
      optionSet: STATUS_CHANGE_REASON_OPTIONS,
      ...writable,
    },
    { name: "msdyn_channel", display: "Channel", kind: "choices", optionSet: CHANNEL_OPTIONS, ...writable },
    lookup(C.Workstream, "Work stream", WORKSTREAM_SET, N.Workstream),
    lookup(C.Queue, "Queue", "queues", N.Queue),
    lookup(C.ActiveAgent, "Active Agent", "systemusers", N.ActiveAgent),
    {
      name: "msdyn_workstreamworkdistributionmode",
      display: "Work distribution mode",
      kind: "choice",
      optionSet: WORK_DISTRIBUTION_OPTIONS,
      ...writable,
    },
    { name: "msdyn_isoutbound", display: "Is outbound", kind: "bool", ...writable },
    { name: "msdyn_statusupdatedon", display: "Status updated on", kind: "datetime", ...writable },
    { name: "msdyn_wrapupinitiatedon", display: "Wrap-up initiated on", kind: "datetime", ...writable },
    { name: "msdyn_closedon", display: "Closed On", kind: "datetime", ...writable },
    { name: "createdon", display: "Created On", kind: "datetime", ...platform },
    { name: "modifiedon", display: "Modified On", kind: "datetime", ...platform },
    lookup("createdby", "Created By", "systemusers", "createdby_msdyn_ocliveworkitem", platform),
    lookup("modifiedby", "Modified By", "systemusers", "modifiedby_msdyn_ocliveworkitem", platform),
    lookup("createdonbehalfby", "Created By (Delegate)", "systemusers", "createdonbehalfby_msdyn_ocliveworkitem", platform),
    lookup("modifiedonbehalfby", "Modified By (Delegate)", "systemusers", "modifiedonbehalfby_msdyn_ocliveworkitem", platform),
    lookup("ownerid", "Owner", "systemusers", "ownerid_msdyn_ocliveworkitem", platform),
    { name: "versionnumber", display: "Version Number", kind: "int", ...platform },
  ],
};
