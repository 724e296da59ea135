/** @jsx h */
/** One button per move the agent can make; unavailable moves, when shown, say why. Closed asks first. */
import * as React from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, useId } from "@fluentui/react-components";
import { h } from "./jsx";
import { GROUP, ROW, SMALL } from "./styles";
import type { ViewProps } from "./View";

export const Actions = ({ actions, say, onChange }: ViewProps) => {
  const id = useId();
  // The move waiting for confirmation: Closed, which agents can't undo.
  const [confirming, setConfirming] = React.useState<number | null>(null);
  const cancel = (): void => setConfirming(null);
  return (
    <div role="group" aria-label={say("control.actions")} style={GROUP}>
      <div style={ROW}>
        {actions.map(({ to, label, why, confirm }) => (
          // disabledFocusable keeps a disabled move reachable by Tab, so its reason is read out; Fluent ignores its clicks.
          <Button
            key={to}
            data-to={to}
            aria-describedby={id + to}
            disabledFocusable={!!why}
            onClick={() => (confirm ? setConfirming(to) : onChange(to))}
          >
            {label}
          </Button>
        ))}
      </div>
      {actions.map(({ to, label, hint, why }) => (
        // A hidden element still describes the button that points at it (aria-describedby).
        <span key={to} id={id + to} hidden={!why} style={SMALL}>
          {why ? `${label}: ${why}` : hint}
        </span>
      ))}
      {confirming !== null && (
        <Dialog open modalType="alert" onOpenChange={cancel}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>{say("action.confirmTitle")}</DialogTitle>
              <DialogContent>{say("action.confirmBody")}</DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={() => (cancel(), onChange(confirming))}>
                  {say("action.confirm")}
                </Button>
                <Button onClick={cancel}>{say("action.cancel")}</Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </div>
  );
};
