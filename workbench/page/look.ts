/** How the page shows the form: the user's language, theme, and the form's read-only and masked states. */
import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

export const LANGUAGES = [
  { lcid: 1033, name: "English" },
  { lcid: 1025, name: "العربية (Arabic)" },
  { lcid: 1036, name: "Français" },
] as const;

export const THEMES = { light: webLightTheme, dark: webDarkTheme, "high contrast": teamsHighContrastTheme } as const;
export type ThemeName = keyof typeof THEMES;

export interface PageLook {
  readonly lcid: number;
  readonly theme: ThemeName;
  readonly readOnly: boolean;
  readonly masked: boolean;
}

/** What a maker sets on the form: the control's inputs and the form library's On Load parameter. */
export interface MakerSettings {
  readonly conversationMode: "auto" | "live" | "persistent";
  readonly unavailableActions: "hide" | "disable";
  readonly actions: "on" | "off";
  /** ConversationState.Form.onLoad's parameter, as typed in the form editor. */
  readonly formParameter: "" | "persistent";
}

export const DEFAULT_MAKER: MakerSettings = { conversationMode: "auto", unavailableActions: "hide", actions: "on", formParameter: "" };

export const themeOf = (name: ThemeName): Theme => THEMES[name];
export const isDark = (name: ThemeName): boolean => name !== "light";
