/** One button per move the agent can make; unavailable moves, when shown, say why they are disabled. */
import * as React from "react";
import { Button, makeStyles, tokens, useId } from "@fluentui/react-components";
import { ConfirmClose } from "./ConfirmClose";
import type { Strings } from "./lifecycle";
import type { ActionView } from "./viewModel";

const useStyles = makeStyles({
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  // Fluent's focus ring is an outline; forced colours need a system colour to stay visible.
  button: { "@media (forced-colors: active)": { ":focus-visible": { outline: "2px solid Highlight" } } },
  reason: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  hidden: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0,0,0,0)", whiteSpace: "nowrap" },
});

interface ActionButtonProps {
  readonly action: ActionView;
  readonly describedBy: string;
  readonly onPick: (action: ActionView) => void;
  readonly className: string;
}

const ActionButton = React.memo(function ActionButton({ action, describedBy, onPick, className }: ActionButtonProps) {
  const onClick = React.useCallback(() => onPick(action), [onPick, action]);
  // disabledFocusable keeps a disabled move reachable by Tab, so its reason is read out.
  return (
    <Button className={className} aria-describedby={describedBy} onClick={action.enabled ? onClick : undefined} disabledFocusable={!action.enabled} data-to={action.to}>
      {action.label}
    </Button>
  );
});

export interface ActionsProps {
  readonly actions: readonly ActionView[];
  readonly label: string;
  readonly strings: Strings;
  readonly onChange: (value: number) => void;
}

export const Actions = React.memo(function Actions({ actions, label, strings, onChange }: ActionsProps) {
  const s = useStyles();
  const base = useId("ocs-action-");
  const [confirming, setConfirming] = React.useState<ActionView | null>(null);
  const onPick = React.useCallback((action: ActionView) => (action.confirm ? setConfirming(action) : onChange(action.to)), [onChange]);
  const onConfirm = React.useCallback(() => {
    if (confirming) onChange(confirming.to);
    setConfirming(null);
  }, [confirming, onChange]);
  const onCancel = React.useCallback(() => setConfirming(null), []);
  return (
    <div role="group" aria-label={label} className={s.group}>
      <div className={s.buttons}>
        {actions.map((action) => (
          <ActionButton key={action.to} action={action} describedBy={`${base}${action.to}`} onPick={onPick} className={s.button} />
        ))}
      </div>
      {actions.map((action) => (
        <span key={action.to} id={`${base}${action.to}`} className={action.enabled ? s.hidden : s.reason} data-reason={action.enabled ? undefined : action.to}>
          {action.enabled ? action.hint : `${action.label}: ${action.reason}`}
        </span>
      ))}
      {confirming && <ConfirmClose strings={strings} onConfirm={onConfirm} onCancel={onCancel} />}
    </div>
  );
});
