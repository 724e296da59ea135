/**
 * The conversation form's handlers: the only code that touches Xrm. Every decision is the
 * lifecycle model's (agentVerdict: the person on the form is an agent); this file reads the form,
 * asks, and acts: hide choices, revert a denied change, stop a denied save, explain in the user's language.
 */
import { ConversationColumn } from "../lifecycle/conversationTable";
import { agentVerdict, type AgentVerdict } from "../lifecycle/agent";
import { channelKindOf, channelValuesOf, type ChannelKind } from "../lifecycle/channels";
import { State, STATES, Status, statusOf } from "../lifecycle/statuses";
import { DEFAULT_CONTROL_COLUMN, TRANSITION_REQUESTED } from "../events/transitionRequested";
import { explain, type FormKey } from "./messages";
import { choiceControls, showChoices } from "./options";
import { modeOf, parseSettings, type FormSettings } from "./settings";
import { platformStrings } from "./strings";
import { createTransitionHandler } from "./transitionRequests";

export const NOTIFICATION_ID = "ocs_conversationstate";
const STATUS = ConversationColumn.Status;
const CHANNEL = ConversationColumn.Channel;
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

type StatusColumn = Xrm.Attributes.OptionSetAttribute;

export interface ConversationForm {
  onLoad(context: Xrm.Events.EventContext, parameter?: unknown): void;
  onStatusChange(context: Xrm.Events.EventContext): void;
  onSave(context: Xrm.Events.SaveEventContext): void;
}

/** The move's verdict, or nothing when the model cannot judge it (unknown or missing status): never block those. */
function judge(from: number | null, to: number | null, kind: ChannelKind): AgentVerdict | undefined {
  return from === to || !statusOf(from) || !statusOf(to) ? undefined : agentVerdict(from as number, to as number, kind);
}

const denied = (verdict: AgentVerdict | undefined): verdict is AgentVerdict => !!verdict && !verdict.allowed;

export function createForm(): ConversationForm {
  // Customer Service workspace keeps several conversation forms open at once: one state per record.
  const forms = new Map<string, FormState>();
  const watched = new WeakSet<Xrm.Entity>();
  const keyOf = (form: Xrm.FormContext): string => form.data.entity.getId();
  const statusOn = (form: Xrm.FormContext) => form.getAttribute<StatusColumn>(STATUS) as StatusColumn | null;
  const clear = (form: Xrm.FormContext) => form.ui.clearFormNotification(NOTIFICATION_ID);

  // The onLoad settings of each open record, also for forms without Status Reason.
  const settingsOf = new Map<string, FormSettings>();
  const LIVE: FormSettings = { mode: "live" };

  function kindOf(form: Xrm.FormContext, settings: FormSettings, channels?: unknown): ChannelKind {
    // A column missing from the form reads as empty (undefined).
    const read = (name: string): unknown => form.getAttribute(name)?.getValue();
    return channelKindOf(channelValuesOf(channels ?? read(CHANNEL)), modeOf(settings, read)).kind;
  }

  function start(form: Xrm.FormContext, settings: FormSettings, value: number | null): FormState {
    const state: FormState = { settings, saved: value, undo: value, current: value, platform: new Map() };
    forms.set(keyOf(form), state);
    const entity = form.data.entity;
    if (!watched.has(entity)) {
      watched.add(entity);
      entity.addOnPostSave?.((context) => {
        const now = forms.get(keyOf(form));
        if (now && !context.getEventArgs().getIsSaveSuccess()) now.saved = now.undo;
      });
      // The form's data loaded again (formContext.data.refresh, or after a save): the record as it is now
      // on the server, perhaps moved by the platform meanwhile, is what the next change is judged from.
      form.data.addOnLoad?.(() => {
        const now = forms.get(keyOf(form));
        const status = statusOn(form);
        if (!now || !status) return;
        now.saved = now.undo = now.current = status.getValue();
        clear(form);
        refresh(form, status, now);
      });
    }
    return state;
  }

  // A handler that runs without onLoad (a maker forgot it) still judges from the value the form loaded with.
  const stateOf = (form: Xrm.FormContext, status: StatusColumn): FormState =>
    forms.get(keyOf(form)) ?? start(form, LIVE, status.getInitialValue());

  function notify(form: Xrm.FormContext, key: FormKey, verdict: AgentVerdict): void {
    // Clear first: a second setFormNotification with the same id may keep the old text.
    clear(form);
    form.ui.setFormNotification(explain(platformStrings, key, verdict), "ERROR", NOTIFICATION_ID);
  }

  function refresh(form: Xrm.FormContext, status: StatusColumn, state: FormState): void {
    const from = state.current;
    const kind = kindOf(form, state.settings);
    const platform = from === null ? undefined : state.platform.get(from);
    // What the model cannot judge (the current value, an unknown one) stays.
    const keep = (to: number): boolean => {
      const verdict = judge(from, to, kind);
      return !verdict || (verdict.allowed && (!platform || platform.includes(to)));
    };
    for (const control of choiceControls(status)) showChoices(control, keep);
    if (statusOf(from) && !state.platform.has(from as number)) askPlatform(form, status, state, from as number);
  }

  // Dataverse's own transition rules, where configured; a failure or an empty answer means "no rules".
  function askPlatform(form: Xrm.FormContext, status: StatusColumn, state: FormState, from: number): void {
    state.platform.set(from, null);
    const answered = (list: unknown): void => {
      if (!Array.isArray(list) || list.length === 0) return;
      state.platform.set(
        from,
        list.filter((v): v is number => typeof v === "number"),
      );
      if (state.current === from) refresh(form, status, state);
    };
    try {
      Xrm.Utility.getAllowedStatusTransitions(form.data.entity.getEntityName(), from).then(answered, () => undefined);
    } catch {
      // Not available in this client: the model alone decides.
    }
  }

  /** The channel kind for a move the control asks for; without msdyn_channel on the form, read from the record. */
  async function kindForRequest(form: Xrm.FormContext): Promise<ChannelKind> {
    const settings = settingsOf.get(keyOf(form)) ?? LIVE;
    if (form.getAttribute(CHANNEL)) return kindOf(form, settings);
    try {
      const entity = form.data.entity;
      const row = await Xrm.WebApi.retrieveRecord(entity.getEntityName(), entity.getId().replace(/[{}]/g, ""), `?$select=${CHANNEL}`);
      return kindOf(form, settings, row[CHANNEL] ?? []);
    } catch {
      // Unreadable: "unknown" allows what some channel allows; the server's webhook judges with the real channel.
      return "unknown";
    }
  }

  const carryOut = createTransitionHandler({ strings: platformStrings, kindOf: kindForRequest });
  // A control is subscribed once, however often onLoad runs.
  const subscribed = new WeakSet<object>();

  /** Subscribes to the Conversation state control on `column` (every control of it: body, header). */
  function listen(form: Xrm.FormContext, column: string): void {
    const controls: Xrm.Controls.Control[] = [];
    form.getAttribute(column)?.controls.forEach((control) => controls.push(control));
    const named = form.getControl?.(column);
    if (named && !controls.includes(named)) controls.push(named);
    for (const control of controls) {
      const events = control as unknown as { addEventHandler?: (name: string, handler: (request: unknown) => void) => void };
      // Only code components have addEventHandler ("Control types supported: Custom code components").
      if (typeof events.addEventHandler !== "function" || subscribed.has(control)) continue;
      subscribed.add(control);
      events.addEventHandler(TRANSITION_REQUESTED, (request) => void carryOut(form, request));
    }
  }

  /** A handler that finds the Status Reason (a form without one is left alone) and this record's state. */
  const handler =
    <C extends Xrm.Events.EventContext>(act: (form: Xrm.FormContext, status: StatusColumn, state: FormState, context: C) => void) =>
    (context: C): void => {
      const form = context.getFormContext();
      const status = statusOn(form);
      if (status) act(form, status, stateOf(form, status), context);
    };

  return {
    onLoad(context, parameter) {
      const form = context.getFormContext();
      const settings = parseSettings(parameter);
      settingsOf.set(keyOf(form), settings);
      listen(form, settings.control ?? DEFAULT_CONTROL_COLUMN);
      const status = statusOn(form);
      if (!status) return;
      const state = start(form, settings, status.getValue());
      clear(form);
      refresh(form, status, state);
    },

    onStatusChange: handler((form, status, state) => {
      const verdict = judge(state.current, status.getValue(), kindOf(form, state.settings));
      if (denied(verdict)) {
        // setValue does not fire OnChange, so this cannot loop.
        status.setValue(state.current);
        notify(form, "form.reverted", verdict);
        return;
      }
      state.current = status.getValue();
      clear(form);
      refresh(form, status, state);
    }),

    onSave: handler<Xrm.Events.SaveEventContext>((form, status, state, context) => {
      const args = context.getEventArgs();
      const mode = args.getSaveMode() as number;
      const current = status.getValue();
      const kind = kindOf(form, state.settings);
      // The first denial explains the save: the pending change, then what the save mode itself does.
      const checks: [FormKey, AgentVerdict | undefined][] = [
        ["form.saveBlocked", judge(state.saved, current, kind)],
        ["form.deactivateBlocked", mode === DEACTIVATE ? judge(current, Status.Closed, kind) : undefined],
        // Reactivate only means something for a conversation out of the Open state (Closed, in practice).
        [
          "form.reactivateBlocked",
          mode === REACTIVATE && statusOf(current)?.state !== State.Open ? judge(current, REOPENED, kind) : undefined,
        ],
      ];
      for (const [key, verdict] of checks) {
        if (denied(verdict)) {
          args.preventDefault();
          notify(form, key, verdict);
          return;
        }
      }
      // Trust the save until PostSave says it failed (clients without PostSave keep this guess).
      state.undo = state.saved;
      state.saved = current;
      clear(form);
    }),
  };
}
