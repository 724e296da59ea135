/**
 * One table of verdict reasons: stable code → whether it allows the change and the message key
 * (resx, every language).
 */
export const REASONS = {
  allowed: { allowed: true, messageKey: "verdict.allowed" },
  unchanged: { allowed: true, messageKey: "verdict.unchanged" },
  "unknown-status": { allowed: false, messageKey: "verdict.unknownStatus" },
  "internal-status": { allowed: false, messageKey: "verdict.internalStatus" },
  terminal: { allowed: false, messageKey: "verdict.terminal" },
  "no-such-transition": { allowed: false, messageKey: "verdict.noSuchTransition" },
  "not-for-channel": { allowed: false, messageKey: "verdict.notForChannel" },
  "not-for-actor": { allowed: false, messageKey: "verdict.notForActor" },
} as const;

export type ReasonCode = keyof typeof REASONS;
// Marked pure so browser bundles, which never read the list, drop the call (bundlers keep a module-level call they cannot prove pure).
export const REASON_CODES = /* @__PURE__ */ Object.keys(REASONS) as ReasonCode[];

/** The seed's own sentences that explain a denial; texts are in the resx files as "rule.<id>". */
export const RULES = ["waiting-async-only", "closed-terminal", "internal-only"] as const;
export type Rule = (typeof RULES)[number];
