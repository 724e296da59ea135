/**
 * The PCF adapter, and nothing more: context → plain props for the View, and one output callback
 * that sets the bound Status Reason through notifyOutputChanged/getOutputs.
 */
import * as React from "react";
import type { Strings } from "./lifecycle";
import type { Inputs, Outputs } from "./inputs";
import { readInput } from "./props";
import { stringsFrom } from "./strings";
import { themeOf } from "./theme";
import { View } from "./View";

export class ConversationState implements ComponentFramework.ReactControl<Inputs, Outputs> {
  private notifyOutputChanged: () => void = () => undefined;
  private strings: Strings = () => undefined;
  private next: number | undefined;

  // Bound once, so the memoised view keeps the same handler between updates.
  private readonly onChange = (value: number): void => {
    this.next = value;
    this.notifyOutputChanged();
  };

  private readonly now = (): number => Date.now();

  public init(context: ComponentFramework.Context<Inputs>, notifyOutputChanged: () => void): void {
    this.notifyOutputChanged = notifyOutputChanged;
    this.strings = stringsFrom((key) => context.resources.getString(key));
  }

  public updateView(context: ComponentFramework.Context<Inputs>): React.ReactElement {
    return React.createElement(View, {
      ...readInput(context.parameters, { disabled: context.mode.isControlDisabled }, this.strings),
      onChange: this.onChange,
      rtl: context.userSettings?.isRTL === true,
      theme: themeOf(context.fluentDesignLanguage),
      now: this.now,
    });
  }

  public getOutputs(): Outputs {
    return { statusReason: this.next };
  }

  public destroy(): void {
    // Nothing to release: React unmounts the view and its clock.
  }
}
