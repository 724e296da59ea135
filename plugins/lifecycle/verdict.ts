/**
 * The pure step: is a status-reason change allowed, and why. Every answer for statuses 0–7 is
 * computed once from the transition table, when first asked for, so a verdict is one array read
 * (no allocation) from then on.
 */
import { ALL_CHANNEL_KINDS, CHANNEL_KINDS, type ChannelKind } from "./channels";
import { REASONS, type ReasonCode, type Rule } from "./codes";
import { Status, statusOf, type StatusValue } from "./statuses";
import { statusRuling } from "./statusRuling";
import { TRANSITIONS, WAITING_CHANNELS, kindMask, type Transition } from "./transitions";
import { ACTORS, type Actor, type Trigger } from "./triggers";

export interface VerdictParams {
  readonly from?: number;
  readonly to?: number;
  /** The unknown value, for "unknown-status". */
  readonly value?: number | string;
  /** The internal status, for "internal-status". */
  readonly status?: number;
  readonly channel?: ChannelKind;
  readonly actor?: Actor;
  readonly trigger?: Trigger;
  readonly rule?: Rule;
  /** Where the move does exist, for "not-for-channel". */
  readonly channels?: readonly ChannelKind[];
  /** Who can make the move, for "not-for-actor". */
  readonly actors?: readonly Actor[];
}

export interface Verdict {
  readonly allowed: boolean;
  readonly reason: ReasonCode;
  readonly messageKey: string;
  readonly params: VerdictParams;
  /** Allowed: the transitions that make the move. Denied: the ones that exist elsewhere. */
  readonly transitions: readonly Transition[];
}

function make(reason: ReasonCode, params: VerdictParams, transitions: readonly Transition[] = []): Verdict {
  const { allowed, messageKey } = REASONS[reason];
  return Object.freeze({ allowed, reason, messageKey, params: Object.freeze(params), transitions: Object.freeze(transitions) });
}

const appliesTo = (t: Transition, kind: ChannelKind): boolean => (t.mask & kindMask(kind)) !== 0;
const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

/** The slow path, also used to fill the table; handles any input. */
export function decide(from: number, to: number, channel: ChannelKind, actor?: Actor): Verdict {
  const ruling = statusRuling(from, to);
  if (ruling) return make(ruling.reason, { from, to, channel, ...ruling.params });
  const candidates = TRANSITIONS.filter((t) => t.from === from && t.to === to);
  if (candidates.length === 0) return make("no-such-transition", { from, to, channel });
  const onChannel = candidates.filter((t) => appliesTo(t, channel));
  if (onChannel.length === 0) {
    const touchesWaiting = from === Status.Waiting || to === Status.Waiting;
    const rule: Rule | undefined =
      touchesWaiting && !(WAITING_CHANNELS as readonly string[]).includes(channel) ? "waiting-async-only" : undefined;
    // Lists come in declaration order (CHANNEL_KINDS, ACTORS), whatever the row order.
    const channels = CHANNEL_KINDS.filter((k) => candidates.some((t) => appliesTo(t, k)));
    return make("not-for-channel", rule ? { from, to, channel, channels, rule } : { from, to, channel, channels }, candidates);
  }
  const byActor = actor ? onChannel.filter((t) => t.actor === actor) : onChannel;
  if (byActor.length === 0) {
    return make(
      "not-for-actor",
      { from, to, channel, actor, actors: ACTORS.filter((a) => onChannel.some((t) => t.actor === a)), trigger: onChannel[0].trigger },
      onChannel,
    );
  }
  return make(
    "allowed",
    actor ? { from, to, channel, actor, trigger: byActor[0].trigger } : { from, to, channel, trigger: byActor[0].trigger },
    byActor,
  );
}

// Table layout: [channel][actor or "any"][from 0–7][to 0–7], flattened.
const ACTOR_SLOTS: readonly (Actor | undefined)[] = [...ACTORS, undefined];
const SIDE = 8;
const ANY = ACTORS.length;
const SLOT = SIDE * SIDE;
const KIND_SLOT = ACTOR_SLOTS.length * SLOT;

// Per-kind blocks of the table, keyed by name: one keyed load instead of an index computation.
const KIND_OFFSET: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(ALL_CHANNEL_KINDS.map((k, i) => [k, i * KIND_SLOT])),
);

// A switch on interned strings beats a keyed load on the hot path; it must list every actor.
function actorOffset(actor: Actor | undefined): number {
  switch (actor) {
    case undefined:
      return ANY * SLOT;
    case "agent":
      return 0;
    case "customer":
      return SLOT;
    case "system":
      return 2 * SLOT;
    default:
      return -1;
  }
}

// Filled slot by slot on first use: computing all 1,536 verdicts up front cost the webhook's cold start 5 ms.
const TABLE: (Verdict | undefined)[] = new Array<Verdict | undefined>(ALL_CHANNEL_KINDS.length * KIND_SLOT).fill(undefined);

/**
 * Is the move from → to allowed for this channel kind (and actor, when given)?
 * Without an actor the question is whether the move exists for the channel at all.
 */
export function evaluate(from: number, to: number, channel: ChannelKind, actor?: Actor): Verdict {
  const k = KIND_OFFSET[channel];
  const a = actorOffset(actor);
  // `x >>> 0 === x` admits only whole numbers 0…2^32-1; the bound keeps it inside the table.
  if (k !== undefined && a >= 0 && from >>> 0 === from && to >>> 0 === to && from < SIDE && to < SIDE) {
    return (TABLE[k + a + from * SIDE + to] ??= decide(from, to, channel, actor));
  }
  if (k === undefined) throw new TypeError(`Unknown channel kind "${String(channel)}"; expected one of ${ALL_CHANNEL_KINDS.join(", ")}.`);
  if (a < 0) throw new TypeError(`Unknown actor "${String(actor)}"; expected one of ${ACTORS.join(", ")}.`);
  return decide(from, to, channel, actor);
}

/** Transitions out of `from` for this channel kind (and actor), in table order. */
export function availableTransitions(from: number, channel: ChannelKind, actor?: Actor): readonly Transition[] {
  const source = statusOf(from);
  if (!source || source.terminal || source.internal) return [];
  return TRANSITIONS.filter((t) => t.from === from && appliesTo(t, channel) && (actor === undefined || t.actor === actor));
}

/** Distinct target statuses the actor can reach from `from`, in table order. */
export function reachableStatuses(from: number, channel: ChannelKind, actor?: Actor): readonly StatusValue[] {
  return unique(availableTransitions(from, channel, actor).map((t) => t.to));
}
