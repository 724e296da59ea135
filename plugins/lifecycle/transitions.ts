/**
 * Every transition of the conversation lifecycle, as data: the tables and prose of the seed
 * (conversation-states.md) and PLATFORM.md §3's documented automatic closures. Where each row
 * comes from, word for word, is in provenance.ts (kept apart so browser bundles stay small).
 * Nothing leaves Closed ("Closed is terminal").
 */
import { CHANNEL_KINDS, type ChannelKind, type KnownChannelKind } from "./channels";
import { Status, statusOf, type StatusDefinition, type StatusValue } from "./statuses";
import { actorOf, type Actor, type Trigger } from "./triggers";

export interface Transition {
  /** Stable id: "<from>-<to>:<trigger>", e.g. "active-waiting:agent-closes-session". */
  readonly id: string;
  readonly from: StatusValue;
  readonly to: StatusValue;
  readonly trigger: Trigger;
  readonly actor: Actor;
  readonly channels: readonly KnownChannelKind[];
  /** The same kinds as bits (see kindMask). */
  readonly mask: number;
}

// Channel kinds as bits, in CHANNEL_KINDS order: a row names its kinds with |, a check is one &.
const LIVE = 1;
const PERSISTENT = 2;
const MESSAGING = 4;
const VOICE = 8;
const RECORD = 16;

/** The seed's "Chat" type. */
const CHAT = LIVE | PERSISTENT;
/** The seed's "Channel" type: "SMS, voice, social, and Microsoft Teams channels". */
const CHANNEL = MESSAGING | VOICE;
/** Seed note: "Waiting state applies only to asynchronous and persistent chats, and not live chats." */
const WAITING = PERSISTENT | MESSAGING;

/** The bit of a channel kind; "unknown" has every bit (it is allowed what some known kind allows). */
export function kindMask(kind: ChannelKind): number {
  const index = (CHANNEL_KINDS as readonly string[]).indexOf(kind);
  return index >= 0 ? 1 << index : kind === "unknown" ? LIVE | PERSISTENT | MESSAGING | VOICE | RECORD : 0;
}

const kindsOf = (mask: number): KnownChannelKind[] => CHANNEL_KINDS.filter((_, i) => mask & (1 << i));

export const WAITING_CHANNELS: readonly KnownChannelKind[] = kindsOf(WAITING);

const nameOf = (value: StatusValue): string => (statusOf(value) as StatusDefinition).name;

function row(from: StatusValue, to: StatusValue, trigger: Trigger, mask: number): Transition {
  return Object.freeze({
    id: `${nameOf(from)}-${nameOf(to)}:${trigger}`,
    from,
    to,
    trigger,
    actor: actorOf(trigger),
    channels: kindsOf(mask),
    mask,
  });
}

// from, to, trigger, channel kinds
export const TRANSITIONS: readonly Transition[] = [
  // Open
  row(Status.Open, Status.Active, "agent-picks", CHAT | MESSAGING),
  row(Status.Open, Status.Active, "routing-assigns", CHAT | CHANNEL),
  row(Status.Open, Status.Closed, "customer-leaves-before-assignment", CHAT),
  // Active
  row(Status.Active, Status.WrapUp, "agent-ends", CHAT | CHANNEL),
  row(Status.Active, Status.WrapUp, "customer-ends", CHAT),
  row(Status.Active, Status.WrapUp, "customer-disconnected", LIVE),
  row(Status.Active, Status.Open, "agent-disconnect-timeout", CHAT | CHANNEL),
  row(Status.Active, Status.Open, "agent-releases", CHAT | CHANNEL),
  row(Status.Active, Status.Open, "agent-transfers", CHAT | CHANNEL),
  row(Status.Active, Status.Open, "agent-closes-session", LIVE),
  row(Status.Active, Status.Waiting, "agent-closes-session", WAITING),
  row(Status.Active, Status.Waiting, "customer-closes-browser", PERSISTENT),
  row(Status.Active, Status.Closed, "agent-resolves-record", RECORD),
  // Wrap-up
  row(Status.WrapUp, Status.Closed, "agent-closes-session", CHAT | CHANNEL),
  // Waiting
  row(Status.Waiting, Status.Closed, "inactivity-timeout", WAITING),
  row(Status.Waiting, Status.Active, "agent-revives", WAITING),
  row(Status.Waiting, Status.Open, "customer-revives", WAITING),
  // Documented automatic closures (PLATFORM.md §3); durations are in timeouts.ts.
  row(Status.Open, Status.Closed, "auto-close-timeout", CHAT | CHANNEL),
  row(Status.Active, Status.Closed, "auto-close-timeout", MESSAGING),
  row(Status.Active, Status.WrapUp, "active-timeout", VOICE),
  row(Status.WrapUp, Status.Closed, "auto-close-timeout", CHAT | CHANNEL),
];
