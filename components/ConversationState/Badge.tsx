/** @jsx h */
/**
 * The badge row: status label with colour and icon, state, time in status (ticking), capacity, channel,
 * reason. The badge is the status (role "status"): a polite live region, so a screen reader says the new
 * status when it changes, and nothing on first render.
 */
import * as React from "react";
import { Badge } from "@fluentui/react-components";
import { TONES } from "./Icons";
import { h } from "./jsx";
import { ROW, SMALL, WARNING } from "./styles";
import { clockText } from "./timeInStatus";
import type { ViewProps } from "./View";

/** Holds the one-second tick itself, so only this row re-renders while time passes. */
export const StatusBadge = ({ tone, label, notes, clock, warning, say }: ViewProps) => {
  const [color, icon] = TONES[tone];
  const [, tick] = React.useReducer((n: number) => n + 1, 0);
  const ticks = clock?.since != null;
  React.useEffect(() => {
    const id = ticks ? setInterval(tick, 1000) : undefined;
    return () => clearInterval(id);
  }, [ticks]);
  // Fluent's badge keeps a transparent border, which Windows high contrast draws as an outline.
  return (
    <div style={ROW}>
      <Badge
        appearance="tint"
        shape="rounded"
        size="large"
        color={color}
        icon={
          <svg width={16} height={16} viewBox="0 0 16 16" fill="currentColor" aria-hidden>
            <path d={icon} />
          </svg>
        }
        data-tone={tone}
        role="status"
      >
        {label}
      </Badge>
      {[notes[0], ...(clock ? clockText(clock, Date.now(), say) : []), ...notes.slice(1)].map(
        (text, i) =>
          text && (
            <span key={i} style={SMALL}>
              {text}
            </span>
          ),
      )}
      {warning && (
        <span role="note" style={WARNING}>
          {warning}
        </span>
      )}
    </div>
  );
};
