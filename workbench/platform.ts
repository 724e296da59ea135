/**
 * The platform simulator: what Omnichannel itself does to a conversation, as the lifecycle model
 * lists it (the moves whose actor is the system or the customer, for the conversation's channel kind),
 * and new conversations per channel and mode. Every change is sent through the local Dataverse's Web
 * API as Omnichannel's application user with the platform's user agent, so the webhook sees what it
 * would see from the platform (PLATFORM.md §1).
 */
import {
  ConversationColumn as C,
  ConversationNavigation,
  CONVERSATION_SET,
  WORKSTREAM_SET,
  STATES,
  Status,
  StatusChangeReason,
  stateOf,
  TRANSITIONS,
  channelKindOf,
  channelValuesOf,
  lookupValue,
  parseConversationMode,
  statusOf,
  type Trigger,
} from "../plugins/lifecycle";
import { PLATFORM_USER_AGENT, SEED, type Dataverse } from "./dataverse";

export interface PlatformMove {
  readonly trigger: Trigger;
  readonly to: number;
}

/**
 * The change reason a move carries, where the platform's own reason names the same cause. Which reason
 * Omnichannel sets for each move is not documented: this is the workbench's reading of the names
 * (PLATFORM.md §1); other moves leave the reason as it was.
 */
const REASON_OF: Partial<Record<Trigger, number>> = {
  "customer-leaves-before-assignment": StatusChangeReason.CustomerDisconnectedOrLeftOpenConversation,
  "customer-disconnected": StatusChangeReason.CustomerDisconnectedOrLeftActiveConversation,
  "customer-ends": StatusChangeReason.CustomerMovedToWrapUp,
  "inactivity-timeout": StatusChangeReason.AutoClosedFromWaitingState,
  "auto-close-timeout": StatusChangeReason.AutoClosedBySystem,
};

/**
 * The kinds of conversation the page can start, with the seeded workstream and channel of each. A
 * record (case) conversation starts Active: the seed's tables have no Open → Active move for records
 * (routing assigns and picks are for chats and channels), so the workbench creates it assigned.
 */
export const NEW_CONVERSATION_KINDS = {
  "live-chat": { workstream: SEED.workstreams.liveChat, channel: 192360000, subject: "Live chat: order 1042 has not arrived" },
  "persistent-chat": { workstream: SEED.workstreams.persistentChat, channel: 192360000, subject: "Persistent chat: change of address" },
  sms: { workstream: SEED.workstreams.sms, channel: 192340000, subject: "SMS: delivery slot" },
  voice: { workstream: SEED.workstreams.voice, channel: 192370000, subject: "Voice: billing question" },
  record: { workstream: SEED.workstreams.records, channel: 192350000, subject: "Case: refund for a damaged item", status: Status.Active },
} as const;
export type NewConversationKind = keyof typeof NEW_CONVERSATION_KINDS;

export class PlatformError extends Error {}

const PLATFORM_HEADERS = {
  "user-agent": PLATFORM_USER_AGENT,
  mscrmcallerid: SEED.users.application,
  accept: "application/json",
  "content-type": "application/json; charset=utf-8",
} as const;

async function call(
  dataverse: Dataverse,
  method: string,
  path: string,
  origin: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const answer = await dataverse.handle({
    method,
    url: `/api/data/v9.2/${path}`,
    headers: { ...PLATFORM_HEADERS, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    origin,
  });
  const json: Record<string, unknown> = typeof answer.body === "object" ? answer.body : {};
  if (answer.status >= 400) {
    const error = json.error as { message?: string } | undefined;
    throw new PlatformError(error?.message ?? (typeof answer.body === "string" ? answer.body : `HTTP ${answer.status}`));
  }
  return { json, headers: answer.headers };
}

/** The conversation's status and channel kind now. */
async function conversationNow(dataverse: Dataverse, id: string, origin: string) {
  const workstream = lookupValue(C.Workstream);
  const { json } = await call(dataverse, "GET", `${CONVERSATION_SET}(${id})?$select=${C.Status},${C.Channel},${workstream}`, origin);
  let mode = parseConversationMode(undefined);
  if (typeof json[workstream] === "string") {
    const ws = await call(dataverse, "GET", `${WORKSTREAM_SET}(${json[workstream]})?$select=msdyn_conversationmode`, origin);
    mode = parseConversationMode(ws.json.msdyn_conversationmode) ?? mode;
  }
  return { status: json[C.Status] as number, kind: channelKindOf(channelValuesOf(json[C.Channel]), mode).kind };
}

/** The moves Omnichannel (its system or the customer) makes from the conversation's status, in table order. */
export async function platformMoves(dataverse: Dataverse, id: string, origin: string): Promise<PlatformMove[]> {
  const { status, kind } = await conversationNow(dataverse, id, origin);
  return TRANSITIONS.filter((t) => t.from === status && t.actor !== "agent" && (kind === "unknown" || t.channels.includes(kind))).map(
    (t) => ({
      trigger: t.trigger,
      to: t.to,
    }),
  );
}

/** Makes one of those moves, as the platform: status reason, its state, and the reason the move carries. */
export async function makePlatformMove(dataverse: Dataverse, id: string, trigger: string, to: number, origin: string): Promise<void> {
  const moves = await platformMoves(dataverse, id, origin);
  const move = moves.find((m) => m.trigger === trigger && m.to === to);
  if (!move)
    throw new PlatformError(
      `The platform has no move "${trigger}" to ${statusOf(to)?.label ?? to} from this conversation's status on its channel.`,
    );
  const state = (STATES.find((s) => s.value === statusOf(to)?.state) ?? STATES[0]).value;
  const reason = REASON_OF[move.trigger];
  await call(
    dataverse,
    "PATCH",
    `${CONVERSATION_SET}(${id})`,
    origin,
    { [C.Status]: to, [C.State]: state, ...(reason ? { [C.StatusChangeReason]: reason } : {}) },
    { "if-match": "*" },
  );
}

/** A new, Open conversation on the kind's seeded workstream, created as the platform's routing creates it. */
export async function newConversation(dataverse: Dataverse, kind: string, origin: string): Promise<string> {
  const spec = NEW_CONVERSATION_KINDS[kind as NewConversationKind];
  if (!spec) throw new PlatformError(`No conversation kind "${kind}"; expected one of ${Object.keys(NEW_CONVERSATION_KINDS).join(", ")}.`);
  const status = "status" in spec ? spec.status : Status.Open;
  const { headers } = await call(dataverse, "POST", CONVERSATION_SET, origin, {
    subject: spec.subject,
    [C.Status]: status,
    [C.State]: stateOf(status),
    [C.Channel]: String(spec.channel),
    [`${ConversationNavigation.Workstream}@odata.bind`]: `/${WORKSTREAM_SET}(${spec.workstream})`,
  });
  const found = /\(([0-9a-f-]{36})\)$/i.exec(headers["OData-EntityId"] ?? "");
  if (!found) throw new PlatformError("The local Dataverse created the conversation but gave no OData-EntityId.");
  return found[1].toLowerCase();
}
