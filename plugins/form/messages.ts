/**
 * The form's notifications: a verdict's own sentence wrapped in what happened on the form, in the
 * user's language from the RESX web resources, or plain English composed from the model when the
 * platform has no answer. Shared by the form and the build (which checks every resx has every key).
 */
import type { AgentVerdict } from "../lifecycle/agent";
import { formatTemplate, formatVerdict, statusLabel, type Strings } from "../lifecycle/format";

/** The resx templates the form wraps a verdict in; {from} is the status the move started from. */
export const FORM_KEYS = ["form.reverted", "form.saveBlocked", "form.deactivateBlocked", "form.reactivateBlocked"] as const;
export type FormKey = (typeof FORM_KEYS)[number];

const english: Strings = () => undefined;

/**
 * The platform answers both templates, or the whole notification is plain English: the model's
 * English status labels, the channel kind and the reason code, e.g.
 * "Active → Waiting is not allowed for an agent on live-chat (not-for-channel). Set back to Active."
 * The form only judges moves between known statuses, so `from` and `to` are set.
 */
export function explain(strings: Strings, key: FormKey, verdict: AgentVerdict): string {
  const template = strings(key);
  const { from, to, channel } = verdict.params as { from: number; to: number; channel: string };
  if (template && strings(verdict.messageKey))
    return formatTemplate(template, { message: formatVerdict(verdict, strings), from: statusLabel(strings, from) });
  const was = statusLabel(english, from);
  const move = `${was} → ${statusLabel(english, to)} is not allowed for an agent on ${channel} (${verdict.reason}).`;
  return key === "form.reverted" ? `${move} Set back to ${was}.` : `Not saved: ${move}`;
}
