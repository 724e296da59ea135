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

export const themeOf = (name: ThemeName): Theme => THEMES[name];
export const isDark = (name: ThemeName): boolean => name !== "light";
