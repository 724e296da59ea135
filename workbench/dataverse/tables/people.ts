/**
 * The tables around a conversation: users and their settings, the organization row (auditing
 * switches, "Configure auditing"), queues and workstreams (PLATFORM.md §2).
 */
import type { EntitySet } from "../entitySets";
import { CHANNEL_OPTIONS, CONVERSATION_MODE_OPTIONS, WORK_DISTRIBUTION_OPTIONS } from "../optionSets";

const read = { create: false, update: false } as const;
const edit = { create: false, update: true } as const;

export const SYSTEMUSERS: EntitySet = {
  set: "systemusers",
  logical: "systemuser",
  display: "User",
  displayCollection: "Users",
  key: "systemuserid",
  primaryName: "fullname",
  objectTypeCode: 8,
  methods: ["GET"],
  columns: [
    { name: "systemuserid", display: "User", kind: "key", ...read },
    { name: "fullname", display: "Full Name", kind: "string", maxLength: 200, ...read },
    { name: "domainname", display: "User Name", kind: "string", maxLength: 1024, ...read },
    { name: "azureactivedirectoryobjectid", display: "Azure AD Object ID", kind: "guid", ...read },
    { name: "applicationid", display: "Application ID", kind: "guid", ...read },
    { name: "isdisabled", display: "Status", kind: "bool", ...read },
  ],
};

export const USERSETTINGS: EntitySet = {
  set: "usersettingscollection",
  logical: "usersettings",
  display: "User Settings",
  displayCollection: "User Settings",
  key: "systemuserid",
  objectTypeCode: 150,
  methods: ["GET", "PATCH"],
  columns: [
    { name: "systemuserid", display: "User", kind: "key", ...read },
    { name: "uilanguageid", display: "User Interface Language", kind: "int", ...edit },
    { name: "localeid", display: "Locale ID", kind: "int", ...edit },
  ],
};

export const ORGANIZATIONS: EntitySet = {
  set: "organizations",
  logical: "organization",
  display: "Organization",
  displayCollection: "Organizations",
  key: "organizationid",
  primaryName: "name",
  objectTypeCode: 1019,
  methods: ["GET", "PATCH"],
  columns: [
    { name: "organizationid", display: "Organization", kind: "key", ...read },
    { name: "name", display: "Organization Name", kind: "string", maxLength: 160, ...read },
    { name: "isauditenabled", display: "Is Auditing Enabled", kind: "bool", ...edit },
    { name: "auditretentionperiodv2", display: "Audit Retention Period Settings", kind: "int", min: -1, max: 365000, ...edit },
    { name: "isuseraccessauditenabled", display: "Is User Access Auditing Enabled", kind: "bool", ...edit },
    { name: "useraccessauditinginterval", display: "User Authentication Auditing Interval", kind: "int", min: 1, max: 2147483647, ...edit },
    { name: "languagecode", display: "Language", kind: "int", ...read },
  ],
};

export const QUEUES: EntitySet = {
  set: "queues",
  logical: "queue",
  display: "Queue",
  displayCollection: "Queues",
  key: "queueid",
  primaryName: "name",
  objectTypeCode: 2020,
  methods: ["GET"],
  columns: [
    { name: "queueid", display: "Queue", kind: "key", ...read },
    { name: "name", display: "Name", kind: "string", maxLength: 400, ...read },
    { name: "description", display: "Description", kind: "string", maxLength: 2000, ...read },
  ],
};

export const WORKSTREAMS: EntitySet = {
  set: "msdyn_liveworkstreams",
  logical: "msdyn_liveworkstream",
  display: "Work Stream",
  displayCollection: "Work Streams",
  key: "msdyn_liveworkstreamid",
  primaryName: "msdyn_name",
  // Not documented: a workbench value.
  objectTypeCode: 10701,
  methods: ["GET", "PATCH"],
  columns: [
    { name: "msdyn_liveworkstreamid", display: "Work Stream", kind: "key", ...read },
    { name: "msdyn_name", display: "Name", kind: "string", maxLength: 100, ...edit },
    { name: "msdyn_streamsource", display: "Channel", kind: "choice", optionSet: CHANNEL_OPTIONS, ...read },
    { name: "msdyn_conversationmode", display: "Conversation mode", kind: "choice", optionSet: CONVERSATION_MODE_OPTIONS, ...read },
    {
      name: "msdyn_workdistributionmode",
      display: "Work distribution mode",
      kind: "choice",
      optionSet: WORK_DISTRIBUTION_OPTIONS,
      ...edit,
    },
    { name: "msdyn_blockcapacityforwrapup", display: "Block capacity for wrap up", kind: "int", min: 0, max: 43200, ...edit },
    { name: "msdyn_autocloseafterinactivity", display: "Auto-close after inactivity", kind: "int", min: 0, max: 2147483647, ...edit },
    { name: "msdyn_enableagentaffinity", display: "Keep same agent for entire conversation", kind: "bool", ...edit },
  ],
};
