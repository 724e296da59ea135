/**
 * What the two statuses alone decide, before any transition is looked at: an unknown value, no
 * change, an internal status, or leaving Closed. The model's decide() and the browser's agent table
 * reader both start here, so the rule is written once.
 */
import type { ReasonCode, Rule } from "./codes";
import { statusOf } from "./statuses";

export interface StatusRuling {
  readonly reason: ReasonCode;
  /** The unknown value, the internal status, or the seed's rule: what the verdict's sentence names. */
  readonly params: { readonly value?: number; readonly status?: number; readonly rule?: Rule };
}

/** The ruling, or undefined when the transitions between the two statuses decide. */
export function statusRuling(from: number, to: number): StatusRuling | undefined {
  const source = statusOf(from);
  const target = statusOf(to);
  if (!source) return { reason: "unknown-status", params: { value: from } };
  if (!target) return { reason: "unknown-status", params: { value: to } };
  if (from === to) return { reason: "unchanged", params: {} };
  if (source.internal || target.internal)
    return { reason: "internal-status", params: { status: source.internal ? from : to, rule: "internal-only" } };
  // "Agents can't reactivate or reopen closed conversations."
  if (source.terminal) return { reason: "terminal", params: { rule: "closed-terminal" } };
  return undefined;
}
