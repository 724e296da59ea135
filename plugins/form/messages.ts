/**
 * The form's notifications and answers: a verdict's own sentence, wrapped in what happened on the
 * form, in the user's language from the RESX web resources, or plain English composed from the model
 * when the platform has no answer. Shared by the form and the build (which checks every resx has every key).
 */
import type { AgentVerdict } from "../lifecycle/agent";
import { formatTemplate, formatVerdict, statusLabel, type Strings } from "../lifecycle/format";

/** The resx templates the form wraps a verdict in; {from} is the status the move started from. */
export const FORM_KEYS = ["form.reverted", "form.saveBlocked", "form.deactivateBlocked", "form.reactivateBlocked"] as const;
export type FormKey = (typeof FORM_KEYS)[number];

/** Why the form script did not carry out a move the control asked for, beside the model's verdicts. */
export const TRANSITION_KEYS = [
  "form.transition.pendingChange",
  "form.transition.readOnly",
  "form.transition.noPermission",
  "form.transition.newRecord",
  "form.transition.changedMeanwhile",
  "form.transition.failed",
] as const;
export type TransitionKey = (typeof TRANSITION_KEYS)[number];

/** English, for when no RESX web resource answers (not deployed, or the user's language missing). */
const ENGLISH_TRANSITION: Readonly<Record<TransitionKey, string>> = {
  "form.transition.pendingChange": "Save or discard the pending Status Reason change first, then try again.",
  "form.transition.readOnly": "This form is read-only, so the status can't be changed here.",
  "form.transition.noPermission":
    "You don't have permission to change this conversation's status. Ask your administrator for write access to Status Reason.",
  "form.transition.newRecord": "Save the conversation first: its status can be changed once it exists.",
  "form.transition.changedMeanwhile": "The status is now {status}, not {from}: it changed meanwhile. Check it, then try again.",
  "form.transition.failed": "The status was not changed: {message}",
};

const english: Strings = () => undefined;

/**
 * The verdict's sentence in the user's language when the platform has its template, else plain
 * English from the model's labels, e.g. "Active → Waiting is not allowed for an agent on live-chat
 * (not-for-channel)." The form judges only moves between known statuses, so `from` and `to` are set.
 */
export function verdictSentence(strings: Strings, verdict: AgentVerdict): string {
  if (strings(verdict.messageKey)) return formatVerdict(verdict, strings);
  const { from, to, channel } = verdict.params as { from: number; to: number; channel: string };
  return `${statusLabel(english, from)} → ${statusLabel(english, to)} is not allowed for an agent on ${channel} (${verdict.reason}).`;
}

/** A denial wrapped in what happened on the form ("… The status reason was set back to Active."). */
export function explain(strings: Strings, key: FormKey, verdict: AgentVerdict): string {
  const template = strings(key);
  const from = (verdict.params as { from: number }).from;
  if (template && strings(verdict.messageKey))
    return formatTemplate(template, { message: formatVerdict(verdict, strings), from: statusLabel(strings, from) });
  const was = statusLabel(english, from);
  const move = verdictSentence(english, verdict);
  return key === "form.reverted" ? `${move} Set back to ${was}.` : `Not saved: ${move}`;
}

/** One of the form's own answers to the control, filled in; status values become their labels. */
export function transitionMessage(strings: Strings, key: TransitionKey, values: Readonly<Record<string, string>> = {}): string {
  return formatTemplate(strings(key) ?? ENGLISH_TRANSITION[key], values);
}
