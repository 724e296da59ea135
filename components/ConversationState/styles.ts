/**
 * The control's few styles, inline and from Fluent tokens, so they follow light, dark and high contrast.
 * Inline rather than makeStyles: none depends on direction, and the bundle carries no stylesheet code.
 */
import type { CSSProperties } from "react";
import { tokens } from "@fluentui/react-components";

// No background: the form's own shows through.
export const ROOT: CSSProperties = { paddingBlock: tokens.spacingVerticalXS, background: "none" };
export const ROW: CSSProperties = {
  display: "flex",
  flexWrap: "wrap",
  alignItems: "center",
  gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
};
export const GROUP: CSSProperties = { display: "grid", gap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalS };
/** Secondary text: state, time, capacity, channel, reason, and why a move is disabled. */
export const SMALL: CSSProperties = {
  color: tokens.colorNeutralForeground2,
  fontSize: tokens.fontSizeBase200,
  lineHeight: tokens.lineHeightBase200,
};
export const WARNING: CSSProperties = { ...SMALL, color: tokens.colorPaletteRedForeground1 };
export const NOTICE: CSSProperties = { marginTop: tokens.spacingVerticalS };
