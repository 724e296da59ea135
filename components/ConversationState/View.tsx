/** @jsx h */
/** The whole control: badge and actions inside the host's Fluent theme and direction. */
import { FluentProvider } from "@fluentui/react-components";
import { Actions } from "./Actions";
import { StatusBadge } from "./Badge";
import { h } from "./jsx";
import { ROOT } from "./styles";
import type { ViewModel } from "./viewModel";

export interface ViewProps extends ViewModel {
  /** Sets the bound Status Reason (the adapter turns it into notifyOutputChanged). */
  readonly onChange: (value: number) => void;
}

export const View = (props: ViewProps) => (
  <FluentProvider theme={props.theme} dir={props.dir} style={ROOT}>
    {h(StatusBadge, props)}
    {props.actions.length > 0 && h(Actions, props)}
  </FluentProvider>
);
