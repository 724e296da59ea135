/** @jsx h */
/** The whole control: badge, actions and live region inside the host's Fluent theme and direction. */
import * as React from "react";
import { h } from "./jsx";
import { FluentProvider, type Theme } from "@fluentui/react-components";
import { Actions } from "./Actions";
import { StatusBadge } from "./Badge";
import { say } from "./strings";
import { HIDDEN, ROOT } from "./styles";
import { viewModel, type ViewInput } from "./viewModel";

export interface ViewProps extends ViewInput {
  /** Sets the bound Status Reason (the adapter turns it into notifyOutputChanged). */
  readonly onChange: (value: number) => void;
  readonly rtl: boolean;
  readonly theme: Theme;
}

// Memoised: the adapter hands over the same values between updates, and then nothing is derived again.
export const View = React.memo(function View(props: ViewProps) {
  const { strings } = props;
  const model = viewModel(props);
  // The live region speaks when the status changes, not on first render.
  const previous = React.useRef(model.announce);
  const [message, setMessage] = React.useState("");
  React.useEffect(() => {
    if (model.announce !== previous.current && model.announce !== null) setMessage(say(strings, "control.announce", { status: model.announce }));
    previous.current = model.announce;
  }, [model.announce, strings]);
  return (
    <FluentProvider theme={props.theme} dir={props.rtl ? "rtl" : "ltr"} style={ROOT}>
      <StatusBadge model={model} strings={strings} />
      {model.actions.length > 0 && <Actions actions={model.actions} strings={strings} onChange={props.onChange} />}
      <div role="status" aria-live="polite" aria-atomic="true" style={HIDDEN}>
        {message}
      </div>
    </FluentProvider>
  );
});
