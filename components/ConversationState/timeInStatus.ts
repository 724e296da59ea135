/**
 * The time-dependent part of the badge: time in status and the capacity effect (the model's
 * capacityAt), which both move while the conversation sits in a status. Pure: the caller passes `now`.
 */
import type { CapacityRule, WrapUpBlock } from "./lifecycle";
import type { Say } from "./strings";

export interface Clock {
  /** The status's capacity rule, from the model. */
  readonly capacity: CapacityRule;
  /** msdyn_statusupdatedon in epoch ms, when bound and set: then the texts tick. */
  readonly since: number | null;
  /** The workstream's wrap-up block; undefined when its minutes are invalid, and then Always block is used. */
  readonly block: WrapUpBlock | undefined;
}

/** m:ss under an hour, h:mm:ss under a day, then "{days} d h:mm:ss". */
export const formatDuration = (ms: number, say: Say): string => {
  const total = Math.max(0, ms);
  const days = Math.floor(total / 86_400_000);
  // The time of day of a Date that many ms after 1970 ("hh:mm:ss"), less its leading zeros: "00:01:05" → "1:05".
  const clock = new Date(total % 86_400_000)
    .toISOString()
    .slice(11, 19)
    .replace(days ? /^0/ : /^00:0?|^0/, "");
  return days ? `${say("control.days", { days: String(days) })} ${clock}` : clock;
};

/** [time in status, capacity effect] at `now`; no time without a start time. */
export const clockText = ({ capacity, since, block }: Clock, now: number, say: Say): [string | null, string] => {
  const elapsed = since === null ? 0 : Math.max(0, now - since);
  // Wrap-up blocks the capacity always, never, or for the workstream's custom minutes.
  const left = block?.mode === "custom" ? block.minutes * 60_000 - elapsed : block?.mode === "never" ? 0 : Infinity;
  return [
    since === null ? null : say("control.timeInState", { duration: formatDuration(elapsed, say) }),
    capacity !== "wrap-up-block"
      ? say(`capacity.${capacity}`)
      : left <= 0
        ? say("capacity.free")
        : left === Infinity
          ? say("capacity.blocked")
          : // Without a start time a countdown would lie: say how long the whole block lasts instead.
            since === null
            ? say("capacity.blockedUpTo", { minutes: String(left / 60_000) })
            : say("capacity.blockedFor", { time: formatDuration(left + 999, say) }),
  ];
};
