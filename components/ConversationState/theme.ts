/** The Fluent theme the host asks for: its own token theme when it sends one, else light or dark. */
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

export function themeOf(design: ComponentFramework.FluentDesignState | undefined): Theme {
  if (design?.tokenTheme && typeof design.tokenTheme === "object") return design.tokenTheme as Theme;
  return design?.isDarkTheme === true ? webDarkTheme : webLightTheme;
}
