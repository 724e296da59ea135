/** @jsx h */
/** One button per move the agent can make; unavailable moves, when shown, say why. Closed asks first. */
import * as React from "react";
import { h } from "./jsx";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, useId } from "@fluentui/react-components";
import type { Strings } from "./lifecycle";
import { say } from "./strings";
import { GROUP, HIDDEN, ROW, SMALL } from "./styles";
import type { ActionView } from "./viewModel";

export interface ActionsProps {
  readonly actions: readonly ActionView[];
  readonly strings: Strings;
  readonly onChange: (value: number) => void;
}

export function Actions({ actions, strings, onChange }: ActionsProps) {
  const id = useId("ocs-");
  // The move waiting for confirmation: Closed, which agents can't undo.
  const [confirming, setConfirming] = React.useState<number | null>(null);
  const cancel = (): void => setConfirming(null);
  return (
    <div role="group" aria-label={say(strings, "control.actions")} style={GROUP}>
      <div style={ROW}>
        {actions.map((action) => (
          // disabledFocusable keeps a disabled move reachable by Tab, so its reason is read out; Fluent ignores its clicks.
          <Button
            key={action.to}
            data-to={action.to}
            aria-describedby={id + action.to}
            disabledFocusable={!action.enabled}
            onClick={() => (action.confirm ? setConfirming(action.to) : onChange(action.to))}
          >
            {action.label}
          </Button>
        ))}
      </div>
      {actions.map((action) => (
        <span key={action.to} id={id + action.to} style={action.enabled ? HIDDEN : SMALL}>
          {action.enabled ? action.hint : `${action.label}: ${action.reason}`}
        </span>
      ))}
      {confirming !== null && (
        <Dialog open modalType="alert" onOpenChange={cancel}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>{say(strings, "action.confirmTitle")}</DialogTitle>
              <DialogContent>{say(strings, "action.confirmBody")}</DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={() => (cancel(), onChange(confirming))}>
                  {say(strings, "action.confirm")}
                </Button>
                <Button onClick={cancel}>{say(strings, "action.cancel")}</Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </div>
  );
}
