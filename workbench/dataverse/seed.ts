/**
 * What a fresh local Dataverse holds: one organization with auditing on, three users (an admin who
 * is the default caller, an agent, and the Omnichannel application user the platform's own moves
 * run as), queues, one workstream per channel kind and mode, and the SDK messages and filters
 * register-webhook looks up. Ids are fixed ("5eed…") so tests, docs and the workbench page can name them.
 * Option values come from the lifecycle model.
 */
import { CHANNELS, ConversationMode, WorkDistributionMode } from "../../plugins/lifecycle";
import { CONVERSATION_TABLE } from "../../plugins/validate-status-change";
import type { Row } from "./entitySets";
import { DEFAULT_LANGUAGE } from "./optionSets";
import type { Role } from "./security";

const id = (n: string) => `5eed0000-0000-4000-8000-${n.padStart(12, "0")}`;

export const SEED = {
  organizationId: id("1"),
  businessUnitId: id("2"),
  users: { admin: id("101"), agent: id("102"), application: id("103") },
  queues: { liveChat: id("201"), messaging: id("202"), voice: id("203"), records: id("204") },
  workstreams: { liveChat: id("301"), persistentChat: id("302"), sms: id("303"), voice: id("304"), records: id("305") },
  messages: { update: id("401"), create: id("402"), delete: id("403") },
  filters: { updateAccount: id("411"), updateConversation: id("412"), createConversation: id("413") },
} as const;

/**
 * The user agent of Omnichannel's assignment engine, as captured in Microsoft's "Synchronize agent
 * presence status across multiple systems" page (PLATFORM.md §1): evidence, not a contract. The
 * workbench page sends the platform's own moves with it, as the Omnichannel application user.
 */
export const PLATFORM_USER_AGENT = "Microsoft.CCaaS.AssignmentEngineVNext.AssignmentEngineVNext (DataverseSvcClient:1.1.0.11)";

/**
 * Omnichannel's application id is not documented (PLATFORM.md §1): this one is the workbench's own,
 * so that `systemusers?$filter=applicationid ne null` finds the application user as in an environment.
 */
export const WORKBENCH_APPLICATION_ID = id("1c3");

const channel = (name: string): number => {
  const found = CHANNELS.find((c) => c.name === name);
  if (!found) throw new Error(`No channel named ${name} in plugins/lifecycle/channels.ts.`);
  return found.value;
};

/**
 * msdyn_blockcapacityforwrapup and msdyn_autocloseafterinactivity: Microsoft documents the columns but
 * not how "Always block" / "Don't block" are encoded, nor the inactivity unit or default (PLATFORM.md
 * §2). The workbench leaves the block unset (null) and seeds 1440 for inactivity where the setting
 * applies (persistent chat, SMS): workbench values, read by nothing in the product as a fact.
 */
const WORKBENCH_INACTIVITY = 1440;

const workstream = (key: string, name: string, source: string, mode: number, inactivity: number | null): Row => ({
  msdyn_liveworkstreamid: key,
  msdyn_name: name,
  msdyn_streamsource: channel(source),
  msdyn_conversationmode: mode,
  msdyn_workdistributionmode: WorkDistributionMode.Push,
  msdyn_blockcapacityforwrapup: null,
  msdyn_autocloseafterinactivity: inactivity,
  msdyn_enableagentaffinity: false,
});

const user = (key: string, fullname: string, domain: string, objectId: string, applicationid: string | null): Row => ({
  systemuserid: key,
  fullname,
  domainname: domain,
  azureactivedirectoryobjectid: objectId,
  applicationid,
  isdisabled: false,
});

export interface SeedOptions {
  /** false: no message filters for msdyn_ocliveworkitem, as in an environment without Omnichannel. */
  readonly omnichannel?: boolean;
}

export interface SeedData {
  readonly tables: Record<string, Row[]>;
  readonly roles: Record<string, Role>;
}

export function seedData(options: SeedOptions = {}): SeedData {
  const { users, queues, workstreams, messages, filters } = SEED;
  const filter = (key: string, message: string, table: string): Row => ({
    sdkmessagefilterid: key,
    _sdkmessageid_value: message,
    primaryobjecttypecode: table,
    iscustomprocessingstepallowed: true,
  });
  return {
    roles: { [users.admin]: "admin", [users.agent]: "agent", [users.application]: "application" },
    tables: {
      organizations: [
        {
          organizationid: SEED.organizationId,
          name: "workbench",
          isauditenabled: true,
          auditretentionperiodv2: 30,
          isuseraccessauditenabled: false,
          useraccessauditinginterval: 4,
          languagecode: DEFAULT_LANGUAGE,
        },
      ],
      systemusers: [
        user(users.admin, "Avery Admin", "avery.admin@workbench.local", id("1a1"), null),
        user(users.agent, "Alex Agent", "alex.agent@workbench.local", id("1a2"), null),
        user(
          users.application,
          "Omnichannel application (workbench)",
          "omnichannel-app@workbench.local",
          id("1a3"),
          WORKBENCH_APPLICATION_ID,
        ),
      ],
      usersettingscollection: Object.values(users).map((u) => ({
        systemuserid: u,
        uilanguageid: DEFAULT_LANGUAGE,
        localeid: DEFAULT_LANGUAGE,
      })),
      queues: [
        { queueid: queues.liveChat, name: "Live chat queue", description: null },
        { queueid: queues.messaging, name: "Messaging queue", description: null },
        { queueid: queues.voice, name: "Voice queue", description: null },
        { queueid: queues.records, name: "Records queue", description: null },
      ],
      msdyn_liveworkstreams: [
        workstream(workstreams.liveChat, "Live chat", "live-chat", ConversationMode.Live, null),
        workstream(workstreams.persistentChat, "Persistent chat", "live-chat", ConversationMode.Persistent, WORKBENCH_INACTIVITY),
        workstream(workstreams.sms, "SMS", "sms", ConversationMode.Live, WORKBENCH_INACTIVITY),
        workstream(workstreams.voice, "Voice", "voice", ConversationMode.Live, null),
        workstream(workstreams.records, "Records", "entity-records", ConversationMode.Live, null),
      ],
      sdkmessages: [
        { sdkmessageid: messages.update, name: "Update" },
        { sdkmessageid: messages.create, name: "Create" },
        { sdkmessageid: messages.delete, name: "Delete" },
      ],
      sdkmessagefilters: [
        filter(filters.updateAccount, messages.update, "account"),
        ...(options.omnichannel === false
          ? []
          : [
              filter(filters.updateConversation, messages.update, CONVERSATION_TABLE),
              filter(filters.createConversation, messages.create, CONVERSATION_TABLE),
            ]),
      ],
    },
  };
}
