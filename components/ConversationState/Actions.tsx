/** One button per move the agent can make; unavailable moves, when shown, say why. Closed asks first. */
import * as React from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, useId } from "@fluentui/react-components";
import { GROUP, ROW, SMALL } from "./styles";
import type { ActionView } from "./viewModel";
import type { Say } from "./strings";

export interface ActionsProps {
  readonly actions: readonly ActionView[];
  /** A move is on its way: every button waits. */
  readonly busy: boolean;
  readonly say: Say;
  readonly onRequest: (to: number, trigger: string | null) => void;
}

export const Actions = ({ actions, busy, say, onRequest }: ActionsProps) => {
  const id = useId();
  // The move waiting for confirmation: Closed, which agents can't undo.
  const [confirming, setConfirming] = React.useState<ActionView | null>(null);
  const cancel = (): void => setConfirming(null);
  return (
    <div role="group" aria-label={say("control.actions")} aria-busy={busy} style={GROUP}>
      <div style={ROW}>
        {actions.map((action) => (
          // disabledFocusable keeps a disabled move reachable by Tab, so its reason is read out; Fluent ignores its clicks.
          <Button
            key={action.to}
            data-to={action.to}
            aria-describedby={id + action.to}
            disabledFocusable={!!action.why || busy}
            onClick={() => (action.confirm ? setConfirming(action) : onRequest(action.to, action.trigger))}
          >
            {action.label}
          </Button>
        ))}
      </div>
      {actions.map(({ to, label, hint, why }) => (
        // A hidden element still describes the button that points at it (aria-describedby).
        <span key={to} id={id + to} hidden={!why} style={SMALL}>
          {why ? `${label}: ${why}` : hint}
        </span>
      ))}
      {confirming && (
        <Dialog open modalType="alert" onOpenChange={cancel}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>{say("action.confirmTitle")}</DialogTitle>
              <DialogContent>{say("action.confirmBody")}</DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={() => (cancel(), onRequest(confirming.to, confirming.trigger))}>
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
