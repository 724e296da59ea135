/**
 * The Dataverse names this project reads and writes on the conversation table and its workstream
 * (PLATFORM.md §1–§2): written once here, imported by the control, the form script, the webhook and
 * the tools. Names only: no values, no I/O.
 */

/** msdyn_ocliveworkitem: the conversation (work item), an activity table. */
export const CONVERSATION_TABLE = "msdyn_ocliveworkitem";
export const CONVERSATION_SET = "msdyn_ocliveworkitems";

export const ConversationColumn = {
  Id: "activityid",
  Status: "statuscode",
  State: "statecode",
  Channel: "msdyn_channel",
  StatusChangeReason: "msdyn_statuschangereason",
  StatusUpdatedOn: "msdyn_statusupdatedon",
  Workstream: "msdyn_liveworkstreamid",
  ActiveAgent: "msdyn_activeagentid",
  /** The conversation's Queue lookup (msdyn_ocliveworkitem table reference). */
  Queue: "msdyn_cdsqueueid",
  CreatedOn: "createdon",
  ModifiedOn: "modifiedon",
  CreatedBy: "createdby",
  ModifiedBy: "modifiedby",
} as const;

/** Single-valued navigation properties of the lookups, for @odata.bind (msdyn_ocliveworkitem table reference). */
export const ConversationNavigation = {
  Workstream: "msdyn_liveworkstreamid_msdyn_ocliveworkitem",
  Queue: "msdyn_cdsqueueid_msdyn_ocliveworkitem",
  ActiveAgent: "msdyn_activeagentid_msdyn_ocliveworkitem",
} as const;

/** msdyn_liveworkstream: holds the channel's mode settings. */
export const WORKSTREAM_TABLE = "msdyn_liveworkstream";
export const WORKSTREAM_SET = "msdyn_liveworkstreams";

export const WorkstreamColumn = {
  Id: "msdyn_liveworkstreamid",
  Name: "msdyn_name",
  ConversationMode: "msdyn_conversationmode",
  StreamSource: "msdyn_streamsource",
  BlockCapacityForWrapUp: "msdyn_blockcapacityforwrapup",
  AutoCloseAfterInactivity: "msdyn_autocloseafterinactivity",
} as const;

/** A lookup column's value as the Web API returns it: `_<column>_value`. */
export const lookupValue = (column: string): string => `_${column}_value`;
