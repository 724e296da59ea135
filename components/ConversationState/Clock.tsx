/** Time in status and capacity effect; the only part that re-renders every second. */
import * as React from "react";
import type { Strings } from "./lifecycle";
import { clockText, clockTicks, type ClockInput } from "./timeInStatus";

export interface ClockProps {
  readonly clock: ClockInput;
  readonly strings: Strings;
  readonly now: () => number;
  readonly className?: string;
}

export const Clock = React.memo(function Clock({ clock, strings, now, className }: ClockProps) {
  const [, tick] = React.useState(0);
  const ticks = clockTicks(clock);
  React.useEffect(() => {
    if (!ticks) return undefined;
    const id = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, [ticks]);
  const { timeInState, capacity } = clockText(clock, now(), strings);
  return (
    <>
      {timeInState !== null && (
        <span className={className} data-part="time">
          {timeInState}
        </span>
      )}
      {capacity !== null && (
        <span className={className} data-part="capacity">
          {capacity}
        </span>
      )}
    </>
  );
});
