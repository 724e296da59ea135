/**
 * The control's few styles, inline and from Fluent tokens, so they follow light, dark and high contrast.
 * Inline rather than makeStyles: none depends on direction, and the bundle carries no stylesheet code.
 */
import type { CSSProperties } from "react";
import { tokens } from "@fluentui/react-components";

// Each token named once: the bundle spells a property name at every use.
const {
  spacingVerticalXXS,
  spacingVerticalXS,
  spacingVerticalS,
  spacingHorizontalS,
  colorNeutralForeground2,
  fontSizeBase200,
  lineHeightBase200,
} = tokens;

// No background: the form's own shows through.
export const ROOT: CSSProperties = { paddingBlock: spacingVerticalXS, background: "none" };
export const ROW: CSSProperties = {
  display: "flex",
  flexWrap: "wrap",
  alignItems: "center",
  gap: `${spacingVerticalXXS} ${spacingHorizontalS}`,
};
export const GROUP: CSSProperties = { display: "grid", gap: spacingVerticalXS, marginTop: spacingVerticalS };
/** Secondary text: state, time, capacity, channel, reason, and why a move is disabled. */
export const SMALL: CSSProperties = { color: colorNeutralForeground2, fontSize: fontSizeBase200, lineHeight: lineHeightBase200 };
export const WARNING: CSSProperties = { ...SMALL, color: tokens.colorPaletteRedForeground1 };
