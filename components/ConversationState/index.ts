/**
 * The PCF adapter, and nothing more: context → plain props for the View, and one output callback
 * that sets the bound Status Reason through notifyOutputChanged/getOutputs.
 */
import * as React from "react";
import type { Strings } from "./lifecycle";
import type { Inputs, Outputs } from "./inputs";
import { readInput } from "./props";
import { stringsFrom } from "./strings";
import { View } from "./View";

export class ConversationState implements ComponentFramework.ReactControl<Inputs, Outputs> {
  // Set in init, which the platform always calls before updateView.
  private notify!: () => void;
  private strings!: Strings;
  private next?: number;

  // Bound once, so the memoised view keeps the same handler between updates.
  private readonly onChange = (value: number): void => {
    this.next = value;
    this.notify();
  };

  public init(context: ComponentFramework.Context<Inputs>, notifyOutputChanged: () => void): void {
    this.notify = notifyOutputChanged;
    this.strings = stringsFrom((key) => context.resources.getString(key));
  }

  public updateView(context: ComponentFramework.Context<Inputs>): React.ReactElement {
    return React.createElement(View, { ...readInput(context, this.strings), onChange: this.onChange });
  }

  public getOutputs(): Outputs {
    return { statusReason: this.next };
  }

  public destroy(): void {
    // Nothing to release: React unmounts the view and its clock.
  }
}
