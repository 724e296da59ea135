/**
 * The time-dependent part of the badge: time in status and what the status does to the agent's
 * capacity now (the model's capacityAt). Pure: the caller passes `now`.
 */
import { capacityAt } from "../../plugins/lifecycle/capacity";
import type { WrapUpBlock } from "../../plugins/lifecycle/timeouts";
import type { Say } from "./strings";

export interface Clock {
  readonly status: number;
  /** msdyn_statusupdatedon in epoch ms; null when unknown (then nothing counts). */
  readonly since: number | null;
  /** The workstream's wrap-up block; undefined: Always block (the default). */
  readonly block: WrapUpBlock | undefined;
}

/** m:ss under an hour, h:mm:ss under a day, then "{days} d h:mm:ss". */
export const formatDuration = (ms: number, say: Say): string => {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  const clock = days || hours ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
  return days ? `${say("control.days", { days: String(days) })} ${clock}` : clock;
};

/** [time in status, capacity effect] at `now`; no time without a start time. */
export const clockText = ({ status, since, block }: Clock, now: number, say: Say): [string | null, string] => {
  const elapsed = since === null ? 0 : Math.max(0, now - since);
  const capacity = capacityAt(status, elapsed, block);
  const time = since === null ? null : say("control.timeInState", { duration: formatDuration(elapsed, say) });
  if (capacity.effect === "blocked" && capacity.remainingMs !== null)
    // Without a start time a countdown would lie: say how long the whole block lasts instead.
    return [
      time,
      since === null
        ? say("capacity.blockedUpTo", { minutes: String(capacity.remainingMs / 60_000) })
        : say("capacity.blockedFor", { time: formatDuration(capacity.remainingMs + 999, say) }),
    ];
  return [time, capacity.effect === "unknown-status" ? "" : say(`capacity.${capacity.effect}`)];
};
