/**
 * Connects the store to the pure view: renders again when the store's state changes (a read
 * arrived, the form answered), and when updateView hands over new settings.
 */
import * as React from "react";
import type { Theme } from "@fluentui/react-components";
import type { ControlSettings } from "./settings";
import type { Store } from "./store";
import type { Say } from "./strings";
import { View } from "./View";
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
  return <View {...model} theme={theme} onRequest={store.request} onRetry={store.retry} onDismiss={store.dismiss} />;
};
