/**
 * Every transition of the conversation lifecycle, as data. Rows marked `seed` are the tables and
 * prose of conversation-states.md, section by section; rows marked `platform` are PLATFORM.md §3's
 * documented automatic closures. Nothing leaves Closed ("Closed is terminal").
 */
import type { KnownChannelKind } from "./channels";
import { Status, statusOf, type StatusDefinition, type StatusValue } from "./statuses";
import { actorOf, type Actor, type Trigger } from "./triggers";

export type Source =
  | { readonly doc: "seed"; readonly section: "Open" | "Active" | "Waiting" | "Wrap-up" }
  | { readonly doc: "platform"; readonly section: "§3 Timeouts" };

export interface Transition {
  /** Stable id: "<from>-<to>:<trigger>", e.g. "active-waiting:agent-closes-session". */
  readonly id: string;
  readonly from: StatusValue;
  readonly to: StatusValue;
  readonly trigger: Trigger;
  readonly actor: Actor;
  readonly channels: readonly KnownChannelKind[];
  readonly source: Source;
  /** The seed's scenario, word for word (or PLATFORM.md's, for the automatic closures). */
  readonly scenario: string;
  /** Why the channel list is narrower than the seed's Type column, when it is. */
  readonly note?: string;
}

const LIVE = "live-chat";
const PERSISTENT = "persistent-chat";
const MESSAGING = "messaging";
const VOICE = "voice";
const RECORD = "record";

/** The seed's "Chat" type. */
const CHAT: readonly KnownChannelKind[] = [LIVE, PERSISTENT];
/** The seed's "Channel" type: "SMS, voice, social, and Microsoft Teams channels". */
const CHANNEL: readonly KnownChannelKind[] = [MESSAGING, VOICE];
/** Seed note: "Waiting state applies only to asynchronous and persistent chats, and not live chats." */
export const WAITING_CHANNELS: readonly KnownChannelKind[] = [PERSISTENT, MESSAGING];

type Row = Omit<Transition, "id" | "actor">;

const seed = (section: "Open" | "Active" | "Waiting" | "Wrap-up"): Source => ({ doc: "seed", section });
const platform: Source = { doc: "platform", section: "§3 Timeouts" };

const ROWS: readonly Row[] = [
  // Open
  { from: Status.Open, to: Status.Active, trigger: "agent-picks", channels: [...CHAT, MESSAGING], scenario: "When an agent picks the conversation from the **Open work items** stream.", source: seed("Open"), note: "Voice is push only (PLATFORM.md §2), so agents never pick it." },
  { from: Status.Open, to: Status.Active, trigger: "routing-assigns", channels: [...CHAT, ...CHANNEL], scenario: "When the routing and work distribution feature pushes (assigns) the conversation to the agent.", source: seed("Open") },
  { from: Status.Open, to: Status.Closed, trigger: "customer-leaves-before-assignment", channels: CHAT, scenario: "When the customer disconnects or ends the chat before the conversation is assigned to the agent.", source: seed("Open") },
  // Active
  { from: Status.Active, to: Status.WrapUp, trigger: "agent-ends", channels: [...CHAT, ...CHANNEL], scenario: "When an agent selects the **End** button on communication panel during the conversation with the customer.", source: seed("Active") },
  { from: Status.Active, to: Status.WrapUp, trigger: "customer-ends", channels: CHAT, scenario: "When customer ends the conversation by selecting the **End** button on the portal chat widget (only for a chat channel).", source: seed("Active") },
  { from: Status.Active, to: Status.WrapUp, trigger: "customer-disconnected", channels: [LIVE], scenario: "When the customer is disconnected from the conversation (applicable only to Live chat channel).", source: seed("Active") },
  { from: Status.Active, to: Status.Open, trigger: "agent-disconnect-timeout", channels: [...CHAT, ...CHANNEL], scenario: "When an agent disconnects the conversation and don't reconnect within a specified timeout period.", source: seed("Active") },
  { from: Status.Active, to: Status.Open, trigger: "agent-releases", channels: [...CHAT, ...CHANNEL], scenario: "When an agent releases the conversation to the queue.", source: seed("Active") },
  { from: Status.Active, to: Status.Open, trigger: "agent-transfers", channels: [...CHAT, ...CHANNEL], scenario: "When an agent transfers the conversation to another queue.", source: seed("Active") },
  { from: Status.Active, to: Status.Open, trigger: "agent-closes-session", channels: [LIVE], scenario: "When an agent closes the session while the conversation is active (applicable only to Live chat channel).", source: seed("Active") },
  { from: Status.Active, to: Status.Waiting, trigger: "agent-closes-session", channels: WAITING_CHANNELS, scenario: "When an agent closes the session (not ending the conversation by selecting the **End** button) while the conversation is active.", source: seed("Active"), note: "Not voice: Waiting exists only for asynchronous and persistent chats." },
  { from: Status.Active, to: Status.Waiting, trigger: "customer-closes-browser", channels: [PERSISTENT], scenario: "When the customer closes the browser window without closing the chat widget.", source: seed("Waiting") },
  { from: Status.Active, to: Status.Closed, trigger: "agent-resolves-record", channels: [RECORD], scenario: "When an agent resolves the case (or get a record to non-active state) and closes the session.", source: seed("Active") },
  // Wrap-up
  { from: Status.WrapUp, to: Status.Closed, trigger: "agent-closes-session", channels: [...CHAT, ...CHANNEL], scenario: "When the agent selects the **End** button in communication panel and closes the session.", source: seed("Wrap-up") },
  // Waiting
  { from: Status.Waiting, to: Status.Closed, trigger: "inactivity-timeout", channels: WAITING_CHANNELS, scenario: "When there's no activity on this conversation from either customer or agent, within inactivity timeout period.", source: seed("Waiting") },
  { from: Status.Waiting, to: Status.Active, trigger: "agent-revives", channels: WAITING_CHANNELS, scenario: "When an agent revives the session from the **My work items** stream on **Omnichannel Agent Dashboard**.", source: seed("Waiting") },
  { from: Status.Waiting, to: Status.Open, trigger: "customer-revives", channels: WAITING_CHANNELS, scenario: "When the customer revives the conversation within a specified timeout period while the session is still active in the browser.", source: seed("Waiting") },
  // Documented automatic closures (PLATFORM.md §3); durations are in timeouts.ts.
  { from: Status.Open, to: Status.Closed, trigger: "auto-close-timeout", channels: [...CHAT, ...CHANNEL], scenario: "Default automatic closure of an Open conversation after the channel's timeout.", source: platform },
  { from: Status.Active, to: Status.Closed, trigger: "auto-close-timeout", channels: [MESSAGING], scenario: "Default automatic closure of an Active SMS, Teams or social conversation after 30 days.", source: platform },
  { from: Status.Active, to: Status.WrapUp, trigger: "active-timeout", channels: [VOICE], scenario: "An Active voice conversation moves to Wrap-up (not Closed) after 2 hours.", source: platform },
  { from: Status.WrapUp, to: Status.Closed, trigger: "auto-close-timeout", channels: [...CHAT, ...CHANNEL], scenario: "Default automatic closure of a Wrap-up conversation after the channel's timeout.", source: platform },
];

const nameOf = (value: StatusValue): string => (statusOf(value) as StatusDefinition).name;

export const TRANSITIONS: readonly Transition[] = ROWS.map((row) =>
  Object.freeze({ ...row, id: `${nameOf(row.from)}-${nameOf(row.to)}:${row.trigger}`, actor: actorOf(row.trigger) }),
);
