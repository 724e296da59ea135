/** The page's switches: the user's language, the theme, and the form's read-only and masked states. */
import * as React from "react";
import { Select, Switch, Text, tokens } from "@fluentui/react-components";
import { LANGUAGES, THEMES, type MakerSettings, type PageLook, type ThemeName } from "./look";

export interface ToolbarProps {
  readonly look: PageLook;
  readonly onLook: (look: PageLook) => void;
}

export interface MakerBarProps {
  readonly maker: MakerSettings;
  readonly onMaker: (maker: MakerSettings) => void;
}

const LABEL: React.CSSProperties = { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS };

/** The maker's settings, as set in the form editor: the control's properties and the library's parameter. */
export const MakerBar = ({ maker, onMaker }: MakerBarProps) => (
  <div
    role="toolbar"
    aria-label="Maker settings"
    style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalL }}
  >
    <Text weight="semibold">Maker settings</Text>
    <label style={LABEL}>
      <Text>Control: conversation mode</Text>
      <Select
        data-maker="conversationMode"
        value={maker.conversationMode}
        onChange={(_, d) => onMaker({ ...maker, conversationMode: d.value as MakerSettings["conversationMode"] })}
      >
        <option value="auto">auto (the workstream's)</option>
        <option value="live">live</option>
        <option value="persistent">persistent</option>
      </Select>
    </label>
    <label style={LABEL}>
      <Text>unavailable actions</Text>
      <Select
        data-maker="unavailableActions"
        value={maker.unavailableActions}
        onChange={(_, d) => onMaker({ ...maker, unavailableActions: d.value as MakerSettings["unavailableActions"] })}
      >
        <option value="hide">hide</option>
        <option value="disable">disable (with the reason)</option>
      </Select>
    </label>
    <label style={LABEL}>
      <Text>actions</Text>
      <Select
        data-maker="actions"
        value={maker.actions}
        onChange={(_, d) => onMaker({ ...maker, actions: d.value as MakerSettings["actions"] })}
      >
        <option value="on">on</option>
        <option value="off">off (badge only)</option>
      </Select>
    </label>
    <label style={LABEL}>
      <Text>Form library's On Load parameter</Text>
      <Select
        data-maker="formParameter"
        value={maker.formParameter}
        onChange={(_, d) => onMaker({ ...maker, formParameter: d.value as MakerSettings["formParameter"] })}
      >
        <option value="">(empty: live chat)</option>
        <option value="persistent">"persistent"</option>
      </Select>
    </label>
  </div>
);

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
