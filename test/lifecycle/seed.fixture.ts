/**
 * The seed (../shared/seed/conversation-states.md) transcribed independently of the model, as the
 * oracle for the tests. "Chat" = live and persistent chat; "Channel" = messaging and voice.
 * Scenario-level qualifiers in the seed's text and notes narrow the kinds.
 */
export type Kind = "live-chat" | "persistent-chat" | "messaging" | "voice" | "record";
export type Who = "agent" | "customer" | "system";

export interface SeedScenario {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly trigger: string;
  readonly actor: Who;
  readonly kinds: readonly Kind[];
}

const CHAT: Kind[] = ["live-chat", "persistent-chat"];
const ALL_BUT_RECORD: Kind[] = ["live-chat", "persistent-chat", "messaging", "voice"];
const WAITING: Kind[] = ["persistent-chat", "messaging"];

export const OPEN = 1,
  ACTIVE = 2,
  WAITING_ = 3,
  CLOSED = 4,
  WRAP_UP = 5,
  RESOLVED = 6,
  SCHEDULED = 7;

export const SEED: readonly SeedScenario[] = [
  {
    name: "Open→Active: agent picks from Open work items",
    from: OPEN,
    to: ACTIVE,
    trigger: "agent-picks",
    actor: "agent",
    kinds: ["live-chat", "persistent-chat", "messaging"],
  },
  {
    name: "Open→Active: routing pushes (assigns)",
    from: OPEN,
    to: ACTIVE,
    trigger: "routing-assigns",
    actor: "system",
    kinds: ALL_BUT_RECORD,
  },
  {
    name: "Open→Closed: customer disconnects or ends before assignment",
    from: OPEN,
    to: CLOSED,
    trigger: "customer-leaves-before-assignment",
    actor: "customer",
    kinds: CHAT,
  },
  { name: "Active→Wrap-up: agent selects End", from: ACTIVE, to: WRAP_UP, trigger: "agent-ends", actor: "agent", kinds: ALL_BUT_RECORD },
  {
    name: "Active→Wrap-up: customer ends on the chat widget",
    from: ACTIVE,
    to: WRAP_UP,
    trigger: "customer-ends",
    actor: "customer",
    kinds: CHAT,
  },
  {
    name: "Active→Wrap-up: customer disconnected (live chat only)",
    from: ACTIVE,
    to: WRAP_UP,
    trigger: "customer-disconnected",
    actor: "customer",
    kinds: ["live-chat"],
  },
  {
    name: "Active→Open: agent disconnect timeout",
    from: ACTIVE,
    to: OPEN,
    trigger: "agent-disconnect-timeout",
    actor: "system",
    kinds: ALL_BUT_RECORD,
  },
  {
    name: "Active→Open: agent releases to the queue",
    from: ACTIVE,
    to: OPEN,
    trigger: "agent-releases",
    actor: "agent",
    kinds: ALL_BUT_RECORD,
  },
  {
    name: "Active→Open: agent transfers to another queue",
    from: ACTIVE,
    to: OPEN,
    trigger: "agent-transfers",
    actor: "agent",
    kinds: ALL_BUT_RECORD,
  },
  {
    name: "Active→Open: agent closes the session (live chat only)",
    from: ACTIVE,
    to: OPEN,
    trigger: "agent-closes-session",
    actor: "agent",
    kinds: ["live-chat"],
  },
  {
    name: "Active→Waiting: agent closes the session without ending",
    from: ACTIVE,
    to: WAITING_,
    trigger: "agent-closes-session",
    actor: "agent",
    kinds: WAITING,
  },
  {
    name: "Active→Waiting: customer closes the browser",
    from: ACTIVE,
    to: WAITING_,
    trigger: "customer-closes-browser",
    actor: "customer",
    kinds: ["persistent-chat"],
  },
  {
    name: "Active→Closed: agent resolves the record",
    from: ACTIVE,
    to: CLOSED,
    trigger: "agent-resolves-record",
    actor: "agent",
    kinds: ["record"],
  },
  {
    name: "Wrap-up→Closed: agent ends and closes the session",
    from: WRAP_UP,
    to: CLOSED,
    trigger: "agent-closes-session",
    actor: "agent",
    kinds: ALL_BUT_RECORD,
  },
  {
    name: "Waiting→Closed: inactivity timeout",
    from: WAITING_,
    to: CLOSED,
    trigger: "inactivity-timeout",
    actor: "system",
    kinds: WAITING,
  },
  {
    name: "Waiting→Active: agent revives from My work items",
    from: WAITING_,
    to: ACTIVE,
    trigger: "agent-revives",
    actor: "agent",
    kinds: WAITING,
  },
  { name: "Waiting→Open: customer revives", from: WAITING_, to: OPEN, trigger: "customer-revives", actor: "customer", kinds: WAITING },
];

/** PLATFORM.md §3: the documented automatic closures. */
export const PLATFORM_TIMEOUTS: readonly SeedScenario[] = [
  {
    name: "Open→Closed after the channel timeout",
    from: OPEN,
    to: CLOSED,
    trigger: "auto-close-timeout",
    actor: "system",
    kinds: ALL_BUT_RECORD,
  },
  {
    name: "Active→Closed after 30 days (SMS, Teams, social)",
    from: ACTIVE,
    to: CLOSED,
    trigger: "auto-close-timeout",
    actor: "system",
    kinds: ["messaging"],
  },
  { name: "Active→Wrap-up after 2 h (voice)", from: ACTIVE, to: WRAP_UP, trigger: "active-timeout", actor: "system", kinds: ["voice"] },
  {
    name: "Wrap-up→Closed after the channel timeout",
    from: WRAP_UP,
    to: CLOSED,
    trigger: "auto-close-timeout",
    actor: "system",
    kinds: ALL_BUT_RECORD,
  },
];

export const EVERYTHING = [...SEED, ...PLATFORM_TIMEOUTS];

/** The expected reason for any move, derived from the seed alone. */
export function expectedReason(from: number, to: number, kind: Kind | "unknown", actor?: Who): string {
  const known = (v: number): boolean => Number.isInteger(v) && v >= 1 && v <= 7;
  if (!known(from) || !known(to)) return "unknown-status";
  if (from === to) return "unchanged";
  if ([RESOLVED, SCHEDULED].includes(from) || [RESOLVED, SCHEDULED].includes(to)) return "internal-status";
  if (from === CLOSED) return "terminal";
  const pair = EVERYTHING.filter((s) => s.from === from && s.to === to);
  if (pair.length === 0) return "no-such-transition";
  const onKind = pair.filter((s) => kind === "unknown" || s.kinds.includes(kind));
  if (onKind.length === 0) return "not-for-channel";
  if (actor && !onKind.some((s) => s.actor === actor)) return "not-for-actor";
  return "allowed";
}
