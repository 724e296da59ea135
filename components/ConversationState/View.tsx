/** The whole control, pure: badge, notice and actions inside the host's Fluent theme and direction. */
import * as React from "react";
import { FluentProvider, type Theme } from "@fluentui/react-components";
import { Actions } from "./Actions";
import { StatusBadge } from "./Badge";
import { Notice } from "./Notice";
import { ROOT } from "./styles";
import type { ViewModel } from "./viewModel";

export interface ViewProps extends ViewModel {
  readonly theme: Theme;
  readonly onRequest: (to: number, trigger: string | null) => void;
  readonly onRetry: () => void;
  readonly onDismiss: () => void;
}

export const View = (props: ViewProps) => (
  <FluentProvider theme={props.theme} dir={props.dir} style={ROOT}>
    <StatusBadge {...props} />
    {props.notice && <Notice notice={props.notice} say={props.say} onRetry={props.onRetry} onDismiss={props.onDismiss} />}
    {props.actions.length > 0 && <Actions actions={props.actions} busy={props.actionsBusy} say={props.say} onRequest={props.onRequest} />}
  </FluentProvider>
);
