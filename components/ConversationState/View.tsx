/** The whole control: badge, actions and live region inside the host's Fluent theme and direction. */
import * as React from "react";
import { FluentProvider, tokens, type Theme } from "@fluentui/react-components";
import { Actions } from "./Actions";
import { StatusBadge } from "./Badge";
import { LiveRegion } from "./LiveRegion";
import { viewModel, type ViewInput } from "./viewModel";

export interface ViewProps extends ViewInput {
  /** Sets the bound Status Reason (the adapter turns it into notifyOutputChanged). */
  readonly onChange: (value: number) => void;
  readonly rtl: boolean;
  readonly theme: Theme;
  /** Injected clock, so tests can move time. */
  readonly now: () => number;
}

// Inline, not makeStyles: classes made outside the provider would carry the wrong direction in RTL.
const ROOT: React.CSSProperties = { display: "flex", flexDirection: "column", paddingBlock: tokens.spacingVerticalXS, backgroundColor: "transparent" };

export const View = React.memo(function View(props: ViewProps) {
  const { value, masked, readOnly, options, channelValues, conversationMode, since, changeReason, wrapUpBlock, wrapUpMinutes, unavailableActions, strings } = props;
  const model = React.useMemo(
    () => viewModel({ value, masked, readOnly, options, channelValues, conversationMode, since, changeReason, wrapUpBlock, wrapUpMinutes, unavailableActions, strings }),
    [value, masked, readOnly, options, channelValues, conversationMode, since, changeReason, wrapUpBlock, wrapUpMinutes, unavailableActions, strings],
  );
  return (
    <FluentProvider theme={props.theme} dir={props.rtl ? "rtl" : "ltr"} style={ROOT} data-kind={model.kind}>
      <StatusBadge badge={model.badge} clock={model.clock} channel={model.channel} reason={model.reason} warning={model.warning} strings={strings} now={props.now} />
      {model.actions.length > 0 && <Actions actions={model.actions} label={model.actionsLabel} strings={strings} onChange={props.onChange} />}
      <LiveRegion status={model.announce} strings={strings} />
    </FluentProvider>
  );
});
