/**
 * The PCF adapter, and nothing more: context → settings for the store and props for the view. The
 * store reads the record through context.webAPI and asks the form for moves through context.events.
 */
import * as React from "react";
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";
import { Control } from "./Control";
import type { Context, Events, Inputs, Outputs } from "./inputs";
import { createReader } from "./reader";
import { settingsOf } from "./settings";
import { Store } from "./store";
import { sayFrom } from "./strings";

export class ConversationState implements ComponentFramework.ReactControl<Inputs, Outputs, Events> {
  // Set in init, which the platform always calls before updateView.
  private store!: Store;
  private context!: Context;

  public init(context: Context): void {
    this.context = context;
    this.store = new Store({ reader: createReader(context), events: () => this.context.events });
  }

  public updateView(context: Context): React.ReactElement {
    this.context = context;
    const settings = settingsOf(context);
    this.store.update(settings);
    const design = context.fluentDesignLanguage;
    // The host's own token theme when it sends one, else Fluent's light or dark web theme.
    const theme: Theme = design?.tokenTheme ?? (design?.isDarkTheme ? webDarkTheme : webLightTheme);
    return React.createElement(Control, { store: this.store, settings, say: sayFrom((key) => context.resources.getString(key)), theme });
  }

  public getOutputs(): Outputs {
    return {};
  }

  public destroy(): void {
    this.store.destroy();
  }
}
