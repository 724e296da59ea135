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
  const clock = days > 0 || hours > 0 ? `${hours}:${pad(minutes)}:${pad(total % 60)}` : `${minutes}:${pad(total % 60)}`;
  return days > 0 ? `${say(strings, "control.days", { days: String(days) })} ${clock}` : clock;
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

export function clockText(input: ClockInput, now: number, strings: Strings): ClockText {
  if (input.status === null) return { timeInState: null, capacity: null };
  const elapsed = input.since === null ? 0 : Math.max(0, now - input.since);
  const timeInState = input.since === null ? null : say(strings, "control.timeInState", { duration: formatDuration(elapsed, strings) });
  const effect = capacityAt(input.status, elapsed, input.block);
  let capacity: string | null;
  switch (effect.effect) {
    case "consumes":
      capacity = say(strings, "capacity.consumes");
      break;
    case "free":
      capacity = say(strings, "capacity.free");
      break;
    case "not-documented":
      capacity = say(strings, "capacity.notDocumented");
      break;
    case "blocked":
      // Without a start time the countdown would lie, so say how long the block lasts instead.
      capacity =
        effect.remainingMs === null
          ? say(strings, "capacity.blocked")
          : input.since === null && input.block.mode === "custom"
            ? say(strings, "capacity.blockedUpTo", { minutes: String(input.block.minutes) })
            : say(strings, "capacity.blockedFor", { time: formatDuration(effect.remainingMs + 999, strings) });
      break;
    default:
      capacity = null;
  }
  return { timeInState, capacity };
}

/** Whether the text changes with time, so the badge needs a ticking clock. */
export function clockTicks(input: ClockInput): boolean {
  return input.status !== null && input.since !== null;
}
