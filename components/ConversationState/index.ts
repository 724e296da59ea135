/**
 * The PCF adapter, and nothing more: context → view model for the View, and one output callback
 * that sets the bound Status Reason through notifyOutputChanged/getOutputs.
 */
import type { Inputs, Outputs } from "./inputs";
import { h } from "./jsx";
import { View } from "./View";
import { viewModel } from "./viewModel";

export class ConversationState implements ComponentFramework.ReactControl<Inputs, Outputs> {
  // Set in init, which the platform always calls before updateView.
  private notify!: () => void;
  private next?: number;

  public init(_context: ComponentFramework.Context<Inputs>, notifyOutputChanged: () => void): void {
    this.notify = notifyOutputChanged;
  }

  public updateView(context: ComponentFramework.Context<Inputs>): React.ReactElement {
    return h(View, {
      ...viewModel(context),
      onChange: (value: number) => {
        this.next = value;
        this.notify();
      },
    });
  }

  public getOutputs(): Outputs {
    return { statusReason: this.next };
  }

  public destroy(): void {
    // Nothing to release: React unmounts the view and its clock.
  }
}
