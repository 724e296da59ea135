/**
 * The badge row: status label with colour and icon, time in status (ticking), capacity, channel,
 * reason. The badge is the status (role "status"): a polite live region, so a screen reader
 * says the new status when it changes, and nothing on first render.
 */
import * as React from "react";
import { Badge, Spinner } from "@fluentui/react-components";
import { TONES } from "./Icons";
import { ROW, SMALL, WARNING } from "./styles";
import { clockText } from "./timeInStatus";
import type { Say } from "./strings";
import type { ViewModel } from "./viewModel";

/** Holds the one-second tick itself, so only this row re-renders while time passes. */
export const StatusBadge = ({ tone, label, busy, notes, clock, warning, say }: ViewModel & { readonly say: Say }) => {
  const [color, icon] = TONES[tone];
  const [, tick] = React.useReducer((n: number) => n + 1, 0);
  const ticks = clock?.since != null;
  React.useEffect(() => {
    const id = ticks ? setInterval(tick, 1000) : undefined;
    return () => clearInterval(id);
  }, [ticks]);
  const texts = [...(clock ? clockText(clock, Date.now(), say) : []), ...notes];
  // Fluent's badge keeps a transparent border, which Windows high contrast draws as an outline.
  return (
    <div style={ROW} aria-busy={busy}>
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
      {busy && <Spinner size="extra-tiny" aria-label={say("control.loading")} />}
      {texts.map(
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
