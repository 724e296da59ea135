/**
 * Documented automatic moves (PLATFORM.md §3, "Timeouts (default automatic closure)").
 * Each names the transition it fires by trigger, so it cannot drift from transitions.ts.
 * Where Microsoft documents no duration, the entry says where the duration lives instead
 * of inventing one.
 */
import type { KnownChannelKind } from "./channels";
import { Status, type StatusValue } from "./statuses";
import type { Trigger } from "./triggers";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type TimeoutDuration =
  | { readonly kind: "fixed"; readonly ms: number }
  /** The duration is a setting of the workstream (or of the platform) named here. */
  | { readonly kind: "setting"; readonly setting: string; readonly defaultMs?: number }
  | { readonly kind: "not-documented" };

export interface Timeout {
  readonly channel: KnownChannelKind;
  readonly from: StatusValue;
  readonly to: StatusValue;
  readonly trigger: Trigger;
  readonly after: TimeoutDuration;
  /** "A longer wrap-up capacity block wins" (live chat Wrap-up). */
  readonly extendedByWrapUpBlock?: boolean;
  readonly source: string;
}

/** The automatic closures run on a scheduler that checks every 5 minutes, using modifiedon (PLATFORM.md §3). */
export const AUTO_CLOSE_CHECK_INTERVAL_MS = 5 * MINUTE;

const fixed = (ms: number): TimeoutDuration => ({ kind: "fixed", ms });
const S3 = "PLATFORM.md §3 (default automatic closure; a scheduler checks every 5 minutes, using modifiedon)";
const DISCONNECT = "PLATFORM.md §3 (live chat disconnects: default 3 minutes)";
const INACTIVITY: TimeoutDuration = { kind: "setting", setting: "msdyn_liveworkstream.msdyn_autocloseafterinactivity" };

export const TIMEOUTS: readonly Timeout[] = [
  {
    channel: "live-chat",
    from: Status.Open,
    to: Status.Closed,
    trigger: "auto-close-timeout",
    after: fixed(20 * MINUTE),
    source: S3,
  },
  {
    channel: "live-chat",
    from: Status.WrapUp,
    to: Status.Closed,
    trigger: "auto-close-timeout",
    after: fixed(15 * MINUTE),
    extendedByWrapUpBlock: true,
    source: S3,
  },
  {
    channel: "live-chat",
    from: Status.Open,
    to: Status.Closed,
    trigger: "customer-leaves-before-assignment",
    after: { kind: "setting", setting: "customer disconnect timeout", defaultMs: 3 * MINUTE },
    source: DISCONNECT,
  },
  {
    channel: "live-chat",
    from: Status.Active,
    to: Status.WrapUp,
    trigger: "customer-disconnected",
    after: { kind: "setting", setting: "customer disconnect timeout", defaultMs: 3 * MINUTE },
    source: DISCONNECT,
  },
  {
    channel: "voice",
    from: Status.Open,
    to: Status.Closed,
    trigger: "auto-close-timeout",
    after: fixed(30 * DAY),
    source: S3,
  },
  {
    channel: "voice",
    from: Status.Active,
    to: Status.WrapUp,
    trigger: "active-timeout",
    after: fixed(2 * HOUR),
    source: S3,
  },
  {
    channel: "voice",
    from: Status.WrapUp,
    to: Status.Closed,
    trigger: "auto-close-timeout",
    after: fixed(DAY),
    source: S3,
  },
  {
    channel: "messaging",
    from: Status.Open,
    to: Status.Closed,
    trigger: "auto-close-timeout",
    after: fixed(30 * DAY),
    source: S3,
  },
  {
    channel: "messaging",
    from: Status.Active,
    to: Status.Closed,
    trigger: "auto-close-timeout",
    after: fixed(30 * DAY),
    source: S3,
  },
  {
    channel: "messaging",
    from: Status.WrapUp,
    to: Status.Closed,
    trigger: "auto-close-timeout",
    after: fixed(DAY),
    source: S3,
  },
  {
    channel: "persistent-chat",
    from: Status.Open,
    to: Status.Closed,
    trigger: "auto-close-timeout",
    after: fixed(30 * DAY),
    source: S3,
  },
  {
    channel: "persistent-chat",
    from: Status.WrapUp,
    to: Status.Closed,
    trigger: "auto-close-timeout",
    after: fixed(DAY),
    source: S3,
  },
  {
    channel: "messaging",
    from: Status.Waiting,
    to: Status.Closed,
    trigger: "inactivity-timeout",
    after: INACTIVITY,
    source: "PLATFORM.md §3 (Waiting → Closed follows the workstream's auto-close-after-inactivity)",
  },
  {
    channel: "persistent-chat",
    from: Status.Waiting,
    to: Status.Closed,
    trigger: "inactivity-timeout",
    after: INACTIVITY,
    source: "PLATFORM.md §3 (Waiting → Closed follows the workstream's auto-close-after-inactivity)",
  },
];

/** Wrap-up capacity block of the workstream (seed, Wrap-up; PLATFORM.md §2). */
export type WrapUpBlock = { readonly mode: "always" } | { readonly mode: "never" } | { readonly mode: "custom"; readonly minutes: number };

/**
 * When the platform moves a conversation out of `status` on its own, for this channel kind,
 * or undefined when nothing is documented (records close only when the record is deleted).
 */
export function automaticMoveOf(
  channel: KnownChannelKind,
  status: StatusValue,
  block?: WrapUpBlock,
): { timeout: Timeout; afterMs?: number } | undefined {
  const timeout = TIMEOUTS.find((t) => t.channel === channel && t.from === status && t.after.kind === "fixed");
  if (!timeout || timeout.after.kind !== "fixed") return undefined;
  let afterMs = timeout.after.ms;
  if (timeout.extendedByWrapUpBlock && block?.mode === "custom") afterMs = Math.max(afterMs, block.minutes * MINUTE);
  return { timeout, afterMs };
}
