/**
 * One table of verdict reasons: stable code → whether it allows the change, the message key
 * (resx, every language) and the HTTP status the webhook answers with.
 */
export const REASONS = {
  allowed: { allowed: true, messageKey: "verdict.allowed", httpStatus: 200 },
  unchanged: { allowed: true, messageKey: "verdict.unchanged", httpStatus: 200 },
  "unknown-status": { allowed: false, messageKey: "verdict.unknownStatus", httpStatus: 422 },
  "internal-status": { allowed: false, messageKey: "verdict.internalStatus", httpStatus: 422 },
  terminal: { allowed: false, messageKey: "verdict.terminal", httpStatus: 422 },
  "no-such-transition": { allowed: false, messageKey: "verdict.noSuchTransition", httpStatus: 422 },
  "not-for-channel": { allowed: false, messageKey: "verdict.notForChannel", httpStatus: 422 },
  "not-for-actor": { allowed: false, messageKey: "verdict.notForActor", httpStatus: 422 },
} as const;

export type ReasonCode = keyof typeof REASONS;
export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];

/** The seed's own sentences that explain a denial; texts are in the resx files as "rule.<id>". */
export const RULES = ["waiting-async-only", "closed-terminal", "internal-only"] as const;
export type Rule = (typeof RULES)[number];
