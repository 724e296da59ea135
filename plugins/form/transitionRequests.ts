/**
 * Carries out the moves the control asks for (its `transitionRequested` event), on the form and not
 * behind it: the request is checked against the lifecycle model, then the status reason (and, for
 * a move to another state such as Closed, the status) is set and the form saved, so the form's own
 * OnSave check and the server's webhook still judge the change. When Status Reason is not on the form,
 * the change is written through Xrm.WebApi and the form refreshed. msdyn_statuschangereason is left
 * to the platform: no document says which reason a manual move should carry.
 */
import { ConversationColumn } from "../lifecycle/conversationTable";
import { agentVerdict } from "../lifecycle/agent";
import type { Strings } from "../lifecycle/format";
import { statusLabel } from "../lifecycle/format";
import { stateOf, statusOf, type StatusValue } from "../lifecycle/statuses";
import { isTransitionRequest, type TransitionRequest, type TransitionResult } from "../events/transitionRequested";
import { transitionMessage, verdictSentence, type TransitionKey } from "./messages";
import type { ChannelKind } from "../lifecycle/channels";

const STATUS = ConversationColumn.Status;
const STATE = ConversationColumn.State;
// formContext.ui.getFormType(): 3 Read Only, 4 Disabled (Client API getFormType).
const READ_ONLY_FORM_TYPES = [3, 4];

export interface TransitionDeps {
  readonly strings: Strings;
  /** The channel kind as the form knows it now (msdyn_channel and the conversation mode). */
  readonly kindOf: (form: Xrm.FormContext) => Promise<ChannelKind>;
}

type Answer = Exclude<TransitionResult, { outcome: "working" }>;

/** A platform error (Xrm.WebApi, save) as one line for the agent. */
const errorText = (error: unknown): string => {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === "string" && message.trim() ? message.trim() : String(error);
};

export function createTransitionHandler(deps: TransitionDeps): (form: Xrm.FormContext, request: unknown) => Promise<void> {
  const refuse = (key: TransitionKey, values: Record<string, string> = {}): Answer => ({
    outcome: "refused",
    reason: key.slice("form.transition.".length),
    message: transitionMessage(deps.strings, key, values),
  });
  const fail = (error: unknown): Answer => ({
    outcome: "failed",
    message: transitionMessage(deps.strings, "form.transition.failed", { message: errorText(error) }),
  });
  const label = (value: number): string => statusLabel(deps.strings, value);

  /** The move as the form can make it, or the reason it cannot. */
  async function check(form: Xrm.FormContext, request: TransitionRequest): Promise<Answer | null> {
    if (READ_ONLY_FORM_TYPES.includes(form.ui.getFormType() as number)) return refuse("form.transition.readOnly");
    if (!form.data.entity.getId()) return refuse("form.transition.newRecord");
    const status = form.getAttribute<Xrm.Attributes.OptionSetAttribute>(STATUS);
    if (status) {
      if (status.getIsDirty()) return refuse("form.transition.pendingChange");
      const now = status.getValue();
      if (now !== request.from) return refuse("form.transition.changedMeanwhile", { status: label(now ?? NaN), from: label(request.from) });
      if (status.getUserPrivilege?.().canUpdate === false) return refuse("form.transition.noPermission");
    }
    const verdict = agentVerdict(request.from, request.to, await deps.kindOf(form));
    return verdict.allowed ? null : { outcome: "refused", reason: verdict.reason, message: verdictSentence(deps.strings, verdict) };
  }

  /** Sets the columns on the form and saves; puts them back if the save fails, so nothing refused stays dirty. */
  async function onForm(form: Xrm.FormContext, status: Xrm.Attributes.OptionSetAttribute, to: StatusValue): Promise<void> {
    const state = form.getAttribute<Xrm.Attributes.OptionSetAttribute>(STATE);
    const before = { status: status.getValue(), state: state?.getValue() ?? null };
    status.setValue(to);
    if (state && state.getValue() !== stateOf(to)) state.setValue(stateOf(to));
    try {
      await form.data.save();
    } catch (error) {
      status.setValue(before.status as number);
      state?.setValue(before.state as number);
      throw error;
    }
  }

  /** Writes through the Web API (Status Reason is not on this form), then refreshes the form. */
  async function behindTheForm(form: Xrm.FormContext, to: StatusValue): Promise<void> {
    const entity = form.data.entity;
    await Xrm.WebApi.updateRecord(entity.getEntityName(), entity.getId().replace(/[{}]/g, ""), { [STATUS]: to, [STATE]: stateOf(to) });
    await form.data.refresh(false);
  }

  return async (form, request) => {
    if (!isTransitionRequest(request)) {
      console.warn("ConversationState.Form: ignored a transitionRequested event without { from, to, trigger, done }.", request);
      const done = (request as { done?: unknown } | null)?.done;
      if (typeof done === "function")
        done({ outcome: "failed", message: transitionMessage(deps.strings, "form.transition.failed", { message: "malformed request" }) });
      return;
    }
    request.done({ outcome: "working" });
    let answer: Answer;
    try {
      answer = (await check(form, request)) ?? { outcome: "changed" };
      if (answer.outcome === "changed") {
        const status = form.getAttribute<Xrm.Attributes.OptionSetAttribute>(STATUS);
        const to = (statusOf(request.to) as { value: StatusValue }).value;
        // A state change (Closed) needs the Status column on the form too; without it, write through the Web API.
        const sameState = status && (stateOf(to) === stateOf(request.from as StatusValue) || form.getAttribute(STATE));
        if (status && sameState) await onForm(form, status, to);
        else await behindTheForm(form, to);
      }
    } catch (error) {
      answer = fail(error);
    }
    request.done(answer);
  };
}
