/**
 * The conversation form's handlers: the only code that touches Xrm. Every decision is the
 * lifecycle model's (evaluate, with the agent as the actor); this file reads the form, asks,
 * and acts: hide choices, revert a denied change, stop a denied save, explain in the user's language.
 */
import { channelKindOf, channelValuesOf, type ChannelKind } from "../lifecycle/channels";
import { formatTemplate, formatVerdict, statusLabel, type Strings } from "../lifecycle/format";
import { State, STATES, Status, statusOf } from "../lifecycle/statuses";
import { evaluate, type Verdict } from "../lifecycle/verdict";
import { choiceControls, showChoices } from "./options";
import { modeOf, parseSettings, type FormSettings } from "./settings";
import { stringsFor, type StringTable } from "./strings";

export const NOTIFICATION_ID = "ocs_conversationstate";
const STATUS = "statuscode";
const CHANNEL = "msdyn_channel";
// getSaveMode() values (PLATFORM.md §6).
const DEACTIVATE = 5;
const REACTIVATE = 6;
// Reactivate returns a conversation to the Open state, at that state's default status reason.
const REOPENED = (STATES.find((s) => s.value === State.Open) as (typeof STATES)[number]).defaultStatus;

interface FormState {
  settings: FormSettings;
  /** The status reason as last saved: a save judges the move from here. */
  saved: number | null;
  /** `saved` before the save in flight, put back if that save fails. */
  undo: number | null;
  /** The last status reason the form accepted: a change judges the move from here. */
  current: number | null;
  /** getAllowedStatusTransitions answers by status; null while asking or when it has no answer. */
  platform: Map<number, readonly number[] | null>;
}

export interface ConversationForm {
  onLoad(context: Xrm.Events.EventContext, parameter?: unknown): void;
  onStatusChange(context: Xrm.Events.EventContext): void;
  onSave(context: Xrm.Events.SaveEventContext): void;
}

/** The move's verdict, or nothing when the model cannot judge it (unknown or missing status): never block those. */
function judge(from: number | null, to: number | null, kind: ChannelKind): Verdict | undefined {
  return from === to || !statusOf(from) || !statusOf(to) ? undefined : evaluate(from as number, to as number, kind, "agent");
}

export function createForm(table: StringTable): ConversationForm {
  // Customer Service workspace keeps several conversation forms open at once: one state per record.
  const forms = new Map<string, FormState>();
  const watched = new WeakSet<Xrm.Entity>();
  const keyOf = (form: Xrm.FormContext): string => form.data.entity.getId();
  const statusOn = (form: Xrm.FormContext) => form.getAttribute<Xrm.Attributes.OptionSetAttribute>(STATUS) as Xrm.Attributes.OptionSetAttribute | null;
  const strings = (): Strings => stringsFor(table, Xrm.Utility.getGlobalContext().userSettings.languageId);

  function kindOf(form: Xrm.FormContext, state: FormState): ChannelKind {
    const read = (name: string): unknown => {
      const attribute = form.getAttribute(name);
      return attribute ? attribute.getValue() : null;
    };
    return channelKindOf(channelValuesOf(read(CHANNEL)), modeOf(state.settings, read)).kind;
  }

  function start(form: Xrm.FormContext, settings: FormSettings, value: number | null): FormState {
    const state: FormState = { settings, saved: value, undo: value, current: value, platform: new Map() };
    forms.set(keyOf(form), state);
    const entity = form.data.entity;
    if (!watched.has(entity) && typeof entity.addOnPostSave === "function") {
      watched.add(entity);
      entity.addOnPostSave((context) => {
        const now = forms.get(keyOf(form));
        if (now && !context.getEventArgs().getIsSaveSuccess()) now.saved = now.undo;
      });
    }
    return state;
  }

  // A handler that runs without onLoad (a maker forgot it) still judges from the value the form loaded with.
  function stateOf(form: Xrm.FormContext, status: Xrm.Attributes.OptionSetAttribute): FormState {
    return forms.get(keyOf(form)) ?? start(form, { mode: "live" }, status.getInitialValue());
  }

  function notify(form: Xrm.FormContext, key: string, verdict: Verdict, values: Record<string, string> = {}): void {
    const t = strings();
    const message = formatVerdict(verdict, t);
    const text = formatTemplate(t(key) ?? "{message}", { ...values, message });
    // Clear first: a second setFormNotification with the same id may keep the old text.
    form.ui.clearFormNotification(NOTIFICATION_ID);
    form.ui.setFormNotification(text, "ERROR", NOTIFICATION_ID);
  }

  function refresh(form: Xrm.FormContext, status: Xrm.Attributes.OptionSetAttribute, state: FormState): void {
    const from = state.current;
    const kind = kindOf(form, state);
    const platform = from === null ? undefined : state.platform.get(from);
    const keep = (to: number): boolean => {
      if (to === from || !statusOf(to) || !statusOf(from)) return true;
      return evaluate(from as number, to, kind, "agent").allowed && (!platform || platform.indexOf(to) >= 0);
    };
    for (const control of choiceControls(status)) showChoices(control, keep);
    if (from !== null && statusOf(from) && !state.platform.has(from)) askPlatform(form, status, state, from);
  }

  // Dataverse's own transition rules, where configured; a failure or an empty answer means "no rules".
  function askPlatform(form: Xrm.FormContext, status: Xrm.Attributes.OptionSetAttribute, state: FormState, from: number): void {
    state.platform.set(from, null);
    const answered = (list: unknown): void => {
      if (!Array.isArray(list) || list.length === 0) return;
      state.platform.set(from, list.filter((v): v is number => typeof v === "number"));
      if (state.current === from) refresh(form, status, state);
    };
    try {
      Xrm.Utility.getAllowedStatusTransitions(form.data.entity.getEntityName(), from).then(answered, () => undefined);
    } catch {
      // Not available in this client: the model alone decides.
    }
  }

  return {
    onLoad(context, parameter) {
      const form = context.getFormContext();
      const status = statusOn(form);
      if (!status) return;
      const state = start(form, parseSettings(parameter), status.getValue());
      form.ui.clearFormNotification(NOTIFICATION_ID);
      refresh(form, status, state);
    },

    onStatusChange(context) {
      const form = context.getFormContext();
      const status = statusOn(form);
      if (!status) return;
      const state = stateOf(form, status);
      const previous = state.current;
      const next = status.getValue();
      const verdict = judge(previous, next, kindOf(form, state));
      if (verdict && !verdict.allowed) {
        // setValue does not fire OnChange, so this cannot loop.
        status.setValue(previous);
        notify(form, "form.reverted", verdict, { from: statusLabel(strings(), previous as number) });
        return;
      }
      state.current = next;
      form.ui.clearFormNotification(NOTIFICATION_ID);
      refresh(form, status, state);
    },

    onSave(context) {
      const form = context.getFormContext();
      const status = statusOn(form);
      if (!status) return;
      const state = stateOf(form, status);
      const args = context.getEventArgs();
      const mode = args.getSaveMode() as number;
      const current = status.getValue();
      const kind = kindOf(form, state);
      const pending = judge(state.saved, current, kind);
      const closing = mode === DEACTIVATE ? judge(current, Status.Closed, kind) : undefined;
      // Reactivate only means something for a conversation out of the Open state (Closed, in practice).
      const reopening = mode === REACTIVATE && statusOf(current)?.state !== State.Open ? judge(current, REOPENED, kind) : undefined;
      const [key, verdict] =
        pending && !pending.allowed
          ? ["form.saveBlocked", pending]
          : closing && !closing.allowed
            ? ["form.deactivateBlocked", closing]
            : reopening && !reopening.allowed
              ? ["form.reactivateBlocked", reopening]
              : [undefined, undefined];
      if (key && verdict) {
        args.preventDefault();
        notify(form, key, verdict);
        return;
      }
      // Trust the save until PostSave says it failed (clients without PostSave keep this guess).
      state.undo = state.saved;
      state.saved = current;
      form.ui.clearFormNotification(NOTIFICATION_ID);
    },
  };
}
