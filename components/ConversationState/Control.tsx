/**
 * The whole control: the store's state and the settings, through the pure view model, rendered as the
 * badge, the notice and the actions inside the host's Fluent theme and direction. Renders again when
 * the store's state changes (a read arrived, the form answered), and when updateView hands over new settings.
 */
import * as React from "react";
import { FluentProvider, type Theme } from "@fluentui/react-components";
import { Actions } from "./Actions";
import { StatusBadge } from "./Badge";
import { Notice } from "./Notice";
import type { ControlSettings } from "./settings";
import type { Store } from "./store";
import type { Say } from "./strings";
import { ROOT } from "./styles";
import { viewModel } from "./viewModel";

export interface ControlProps {
  readonly store: Store;
  readonly settings: ControlSettings;
  readonly say: Say;
  readonly theme: Theme;
}

export const Control = ({ store, settings, say, theme }: ControlProps) => {
  const [state, setState] = React.useState(store.state);
  React.useEffect(() => {
    setState(store.state);
    return store.subscribe(() => setState(store.state));
  }, [store]);
  const model = React.useMemo(() => viewModel(state, settings, say), [state, settings, say]);
  return (
    <FluentProvider theme={theme} dir={settings.dir} style={ROOT}>
      <StatusBadge {...model} say={say} />
      {model.notice && <Notice notice={model.notice} say={say} onClick={model.notice.button === "retry" ? store.retry : store.dismiss} />}
      {model.actions.length > 0 && <Actions actions={model.actions} busy={model.actionsBusy} say={say} onRequest={store.request} />}
    </FluentProvider>
  );
};
