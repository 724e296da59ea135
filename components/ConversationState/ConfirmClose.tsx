/** Closed is final ("Agents can't reactivate or reopen closed conversations"), so it asks first. */
import * as React from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import type { Strings } from "./lifecycle";
import { say } from "./strings";

export interface ConfirmCloseProps {
  readonly strings: Strings;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

export function ConfirmClose({ strings, onConfirm, onCancel }: ConfirmCloseProps) {
  return (
    <Dialog open modalType="alert" onOpenChange={(_, data) => data.open || onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{say(strings, "action.confirmTitle")}</DialogTitle>
          <DialogContent>{say(strings, "action.confirmBody")}</DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onConfirm} data-action="confirm">
              {say(strings, "action.confirm")}
            </Button>
            <Button onClick={onCancel} data-action="cancel">
              {say(strings, "action.cancel")}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
