/**
 * Puts a conversation on the page as a model-driven form would: the form (Client API) over the
 * record, the shipped form script registered on its events (OnLoad with the handler's parameter,
 * OnChange of Status Reason, OnSave), and the production control on Status updated on, with its
 * entityId and entityName bound and its events answered by the handlers the script adds.
 */
import type * as ReactDOMType from "react-dom";
import type { Theme } from "@fluentui/react-components";
import { ConversationColumn as C, CONVERSATION_SET, CONVERSATION_TABLE } from "../../plugins/lifecycle/conversationTable";
import { pcfContext } from "./pcfContext";
import { openForm, type ColumnSpec, type XrmForm } from "./xrmForm";

declare const ReactDOM: typeof ReactDOMType;

interface FormScript {
  onLoad(context: unknown, parameter?: unknown): void;
  onStatusChange(context: unknown): void;
  onSave(context: unknown): void;
}

interface Control {
  init(context: unknown, notifyOutputChanged: () => void): void;
  updateView(context: unknown): unknown;
  destroy(): void;
}

export interface Look {
  readonly languageId: number;
  readonly strings: Readonly<Record<string, string>>;
  readonly theme: Theme;
  readonly dark: boolean;
  readonly readOnly: boolean;
  readonly masked: boolean;
  readonly offline: boolean;
}

export interface ConversationFormOptions {
  readonly id: string;
  readonly container: HTMLElement;
  /** The control class the production bundle registered (ComponentFramework.registerControl). */
  readonly Control: new () => Control;
  readonly formScript: FormScript;
  /** The onLoad handler's "comma separated list of parameters", as a maker types it. */
  readonly formScriptParameter?: string;
  /** The maker's inputs on the control (conversationMode, unavailableActions, actions, …). */
  readonly inputs?: Readonly<Record<string, unknown>>;
  readonly statusOptions: readonly { value: number; text: string }[];
  readonly look: Look;
}

export interface MountedConversation {
  readonly form: XrmForm;
  /** updateView again, after the form or the look changed. */
  update(look?: Look): void;
  destroy(): void;
}

const COLUMNS = (statusOptions: ConversationFormOptions["statusOptions"], readOnly: boolean): ColumnSpec[] => [
  { name: C.Status, kind: "optionset", options: statusOptions, readOnly },
  { name: C.State, kind: "optionset", readOnly: true },
  { name: C.Channel, kind: "multiselect", readOnly: true },
  { name: C.StatusUpdatedOn, kind: "datetime", readOnly: true },
  { name: "subject", kind: "text", readOnly },
];

export async function mountConversation(options: ConversationFormOptions): Promise<MountedConversation> {
  const form = await openForm({
    table: CONVERSATION_TABLE,
    entitySet: CONVERSATION_SET,
    id: options.id,
    columns: COLUMNS(options.statusOptions, options.look.readOnly),
    controlColumn: C.StatusUpdatedOn,
  });
  const script = options.formScript;
  const context = (args?: unknown) => ({ getFormContext: () => form.formContext, getEventArgs: () => args, getContext: () => ({}) });
  form.formContext.getAttribute(C.Status)?.addOnChange(() => script.onStatusChange(context()));
  form.formContext.data.entity.addOnSave((saveContext: unknown) => script.onSave(saveContext));
  form.setFormType(options.look.readOnly ? 3 : 2);
  // OnLoad runs before the control raises anything, as on a real form.
  script.onLoad(context(), options.formScriptParameter);

  let look = options.look;
  const events: Record<string, (payload: unknown) => void> = {
    transitionRequested: (payload) => form.raiseControlEvent(C.StatusUpdatedOn, "transitionRequested", payload),
  };
  const control = new options.Control();
  const contextNow = () =>
    pcfContext({
      parameters: {
        ...options.inputs,
        statusUpdatedOn: form.values[C.StatusUpdatedOn],
        entityId: options.id,
        entityName: CONVERSATION_TABLE,
      },
      masked: look.masked,
      hiddenColumns: look.masked ? [C.Status, C.State] : [],
      disabled: look.readOnly,
      strings: look.strings,
      languageId: look.languageId,
      theme: look.theme,
      dark: look.dark,
      offline: look.offline,
      events,
    });
  control.init(contextNow(), () => undefined);
  const render = (): void => void ReactDOM.render(control.updateView(contextNow()) as never, options.container);
  render();
  form.onChange(render);
  return {
    form,
    update(next) {
      if (next) look = next;
      form.setFormType(look.readOnly ? 3 : 2);
      render();
    },
    destroy() {
      control.destroy();
      ReactDOM.unmountComponentAtNode(options.container);
    },
  };
}
