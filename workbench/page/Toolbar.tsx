/** The page's switches: the user's language, the theme, and the form's read-only and masked states. */
import * as React from "react";
import { Select, Switch, Text, tokens } from "@fluentui/react-components";
import { LANGUAGES, THEMES, type PageLook, type ThemeName } from "./look";

export interface ToolbarProps {
  readonly look: PageLook;
  readonly onLook: (look: PageLook) => void;
}

export const Toolbar = ({ look, onLook }: ToolbarProps) => (
  <div
    role="toolbar"
    aria-label="Workbench settings"
    style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalL }}
  >
    <label style={{ display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS }}>
      <Text>Language</Text>
      <Select data-switch="language" value={String(look.lcid)} onChange={(_, d) => onLook({ ...look, lcid: Number(d.value) })}>
        {LANGUAGES.map((l) => (
          <option key={l.lcid} value={l.lcid}>
            {l.name}
          </option>
        ))}
      </Select>
    </label>
    <label style={{ display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS }}>
      <Text>Theme</Text>
      <Select data-switch="theme" value={look.theme} onChange={(_, d) => onLook({ ...look, theme: d.value as ThemeName })}>
        {Object.keys(THEMES).map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </Select>
    </label>
    <Switch
      data-switch="read-only"
      label="Read-only form"
      checked={look.readOnly}
      onChange={(_, d) => onLook({ ...look, readOnly: d.checked })}
    />
    <Switch
      data-switch="masked"
      label="Status masked (column security)"
      checked={look.masked}
      onChange={(_, d) => onLook({ ...look, masked: d.checked })}
    />
  </div>
);
