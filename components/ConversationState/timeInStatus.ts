/**
 * The time-dependent part of the badge: time in status and the capacity effect, which both move
 * while the conversation sits in a status. Pure: the caller passes `now`.
 */
import { capacityAt, type Strings, type WrapUpBlock } from "./lifecycle";
import { say } from "./strings";

const pad = (n: number): string => String(n).padStart(2, "0");

/** m:ss under an hour, h:mm:ss under a day, then "{days} d h:mm:ss". */
export function formatDuration(ms: number, strings: Strings): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor(total / 3600) % 24;
  const minutes = Math.floor(total / 60) % 60;
  const clock = `${days || hours ? `${hours}:${pad(minutes)}` : minutes}:${pad(total % 60)}`;
  return days ? `${say(strings, "control.days", { days: String(days) })} ${clock}` : clock;
}

export interface ClockInput {
  /** A known status value, or null when there is nothing to time. */
  readonly status: number | null;
  /** msdyn_statusupdatedon in epoch ms, when bound and set. */
  readonly since: number | null;
  readonly block: WrapUpBlock;
}

export interface ClockText {
  readonly timeInState: string | null;
  readonly capacity: string | null;
}

// The status is known here, so capacityAt never answers "unknown-status".
const CAPACITY: Record<string, string> = { consumes: "capacity.consumes", free: "capacity.free", blocked: "capacity.blocked", "not-documented": "capacity.notDocumented" };

export function clockText({ status, since, block }: ClockInput, now: number, strings: Strings): ClockText {
  if (status === null) return { timeInState: null, capacity: null };
  const elapsed = since === null ? 0 : Math.max(0, now - since);
  const effect = capacityAt(status, elapsed, block);
  return {
    timeInState: since === null ? null : say(strings, "control.timeInState", { duration: formatDuration(elapsed, strings) }),
    capacity:
      effect.effect !== "blocked" || effect.remainingMs === null
        ? say(strings, CAPACITY[effect.effect])
        : // Without a start time a countdown would lie: say how long the whole block lasts instead.
          since === null
          ? say(strings, "capacity.blockedUpTo", { minutes: String(effect.remainingMs / 60_000) })
          : say(strings, "capacity.blockedFor", { time: formatDuration(effect.remainingMs + 999, strings) }),
  };
}

/** Whether the text changes with time, so the badge needs a ticking clock. */
export function clockTicks(clock: ClockInput): boolean {
  return clock.status !== null && clock.since !== null;
}
