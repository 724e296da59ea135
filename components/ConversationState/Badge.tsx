/** The status badge: label with colour and icon, state, time in status, capacity, channel and reason. */
import * as React from "react";
import { Badge, makeStyles, tokens, type BadgeProps } from "@fluentui/react-components";
import type { Strings } from "./lifecycle";
import type { ClockInput } from "./timeInStatus";
import { Clock } from "./Clock";
import { StatusIcon } from "./Icons";
import type { BadgeTone, BadgeView } from "./viewModel";

// Colour by status name: Fluent's palette tokens, so light, dark and high contrast all follow the theme.
const COLOR: Record<BadgeTone, NonNullable<BadgeProps["color"]>> = {
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

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  // Forced colours drop backgrounds: a border keeps the badge a shape in Windows high contrast.
  badge: { "@media (forced-colors: active)": { border: "1px solid CanvasText" } },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  warning: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
});

export interface StatusBadgeProps {
  readonly badge: BadgeView;
  readonly clock: ClockInput;
  readonly channel: string | null;
  readonly reason: string | null;
  readonly warning: string | null;
  readonly strings: Strings;
  readonly now: () => number;
}

export const StatusBadge = React.memo(function StatusBadge({ badge, clock, channel, reason, warning, strings, now }: StatusBadgeProps) {
  const s = useStyles();
  const masked = badge.tone === "masked";
  return (
    <div className={s.row} data-part="badge-row">
      <Badge className={s.badge} appearance="tint" shape="rounded" size="large" color={COLOR[badge.tone]} icon={<StatusIcon tone={badge.tone} />} data-tone={badge.tone}>
        {masked ? "••••" : badge.label}
      </Badge>
      {masked && <span className={s.meta}>{badge.label}</span>}
      {badge.state !== null && <span className={s.meta}>{badge.state}</span>}
      <Clock clock={clock} strings={strings} now={now} className={s.meta} />
      {channel !== null && <span className={s.meta}>{channel}</span>}
      {reason !== null && <span className={s.meta}>{reason}</span>}
      {badge.help !== null && <span className={s.meta}>{badge.help}</span>}
      {warning !== null && (
        <span className={s.warning} role="note">
          {warning}
        </span>
      )}
    </div>
  );
});
