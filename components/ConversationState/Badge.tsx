/** @jsx h */
/** The badge row: status label with colour and icon, state, time in status (ticking), capacity, channel, reason. */
import * as React from "react";
import { h } from "./jsx";
import { Badge, type BadgeProps } from "@fluentui/react-components";
import type { Strings } from "./lifecycle";
import { StatusIcon } from "./Icons";
import { ROW, SMALL, WARNING } from "./styles";
import { clockText, clockTicks } from "./timeInStatus";
import type { BadgeTone, ViewModel } from "./viewModel";

// Colour by status name: Fluent's palette, so light, dark and high contrast all follow the theme.
const COLOR: Record<BadgeTone, BadgeProps["color"]> = {
  open: "informative",
  active: "brand",
  waiting: "warning",
  "wrap-up": "severe",
  closed: "subtle",
  resolved: "success",
  scheduled: "informative",
  unknown: "danger",
  empty: "subtle",
  masked: "subtle",
};

/** Holds the one-second tick itself, so only this row re-renders while time passes. */
export function StatusBadge({ model, strings }: { model: ViewModel; strings: Strings }) {
  const { badge, clock } = model;
  const [, tick] = React.useState(0);
  const ticks = clockTicks(clock);
  React.useEffect(() => {
    if (!ticks) return undefined;
    const id = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, [ticks]);
  const { timeInState, capacity } = clockText(clock, Date.now(), strings);
  const masked = badge.tone === "masked";
  // Fluent's badge keeps a transparent border, which Windows high contrast draws as an outline.
  return (
    <div style={ROW}>
      <Badge appearance="tint" shape="rounded" size="large" color={COLOR[badge.tone]} icon={<StatusIcon tone={badge.tone} />} data-tone={badge.tone}>
        {masked ? "••••" : badge.label}
      </Badge>
      {[masked && badge.label, badge.state, timeInState, capacity, model.channel, model.reason, badge.help].map(
        (text, i) =>
          text && (
            <span key={i} style={SMALL}>
              {text}
            </span>
          ),
      )}
      {model.warning && (
        <span role="note" style={WARNING}>
          {model.warning}
        </span>
      )}
    </div>
  );
}
