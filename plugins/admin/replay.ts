/**
 * Replays a conversation's audited status changes through the lifecycle model: each step's verdict
 * (as the webhook would give it, for the caller the audit names), the time spent in each status, and
 * the capacity time (Active, plus Wrap-up as far as the workstream's block holds the agent). Pure:
 * changes, lists and a clock in; a report out.
 */
import {
  OPERATOR_CLOSE_REASONS,
  STATUSES,
  State,
  Status,
  capacityAt,
  evaluate,
  statusOf,
  type Actor,
  type ChannelKind,
  type ReasonCode,
  type Rule,
  type StatusName,
  type Verdict,
  type WrapUpBlock,
} from "../lifecycle";
import type { StatusChange } from "./audit";
import { callerClassOf, type CallerClass, type CallerLists } from "./callers";

/** "operator-close": an operator's close from an open status with an operator reason (the webhook's operator setting). */
export type StepReason = ReasonCode | "operator-close";

export interface StepVerdict {
  readonly allowed: boolean;
  readonly reason: StepReason;
  readonly rule?: Rule;
  /** The model's verdict behind it (for its message); absent for operator-close. */
  readonly model?: Verdict;
}

export interface Step {
  /** statuscode before; null for the conversation's creation. */
  readonly from: number | null;
  readonly to: number;
  readonly at: string;
  readonly atMs: number;
  /** systemuserid of the user the audit names. */
  readonly by: string | null;
  readonly byName: string | null;
  readonly callingUser: string | null;
  readonly caller: CallerClass;
  /** msdyn_statuschangereason written with the change, null when the audit has none. */
  readonly reason: number | null;
  readonly verdict: StepVerdict;
  readonly auditId: string;
}

export interface Stint {
  readonly status: number;
  readonly fromMs: number;
  readonly toMs: number;
  readonly capacityMs: number;
}

export interface ReplayInput {
  /** Oldest first. */
  readonly changes: readonly StatusChange[];
  readonly channel: ChannelKind;
  readonly lists: CallerLists;
  readonly block: WrapUpBlock;
  readonly now: number;
  /** The conversation row: its current status and when it was created / last changed status. */
  readonly current: { readonly status: number | undefined; readonly createdOnMs?: number; readonly statusUpdatedOnMs?: number };
}

export interface Replay {
  readonly steps: readonly Step[];
  readonly stints: readonly Stint[];
  /** Milliseconds by status name; always open, active, waiting and wrap-up, others when visited. */
  readonly timeInStatusMs: Readonly<Partial<Record<StatusName, number>>>;
  readonly capacityMs: number;
  /** When the clock stopped: the close, or now. */
  readonly untilMs: number;
  /** What the audit does not say, in words. */
  readonly notes: readonly string[];
}

/** A status in a sentence: its label, as the table prints it. */
const nameOf = (status: number) => statusOf(status)?.label ?? `status ${status}`;

/** Whom the webhook would evaluate the change as: users as agents, the platform and unknown callers by channel only. */
function actorFor(caller: CallerClass): Actor | undefined {
  return caller === "user" || caller === "operator" ? "agent" : undefined;
}

export function verdictFor(from: number, to: number, reason: number | null, caller: CallerClass, channel: ChannelKind): StepVerdict {
  if (
    caller === "operator" &&
    to === Status.Closed &&
    reason !== null &&
    OPERATOR_CLOSE_REASONS.includes(reason) &&
    statusOf(from)?.state === State.Open
  )
    return { allowed: true, reason: "operator-close" };
  const model = evaluate(from, to, channel, actorFor(caller));
  return { allowed: model.allowed, reason: model.reason, ...(model.params.rule ? { rule: model.params.rule } : {}), model };
}

/** Capacity held during a stint of `ms` in `status` (capacity.ts: consumes, or blocked for a while). */
export function capacityOf(status: number, ms: number, block: WrapUpBlock): number {
  const effect = capacityAt(status, 0, block);
  if (effect.effect === "consumes") return ms;
  if (effect.effect === "blocked") return effect.remainingMs === null ? ms : Math.min(ms, effect.remainingMs);
  return 0;
}

export function replay(input: ReplayInput): Replay {
  const notes: string[] = [];
  const steps: Step[] = [];
  const stints: Stint[] = [];
  // The status the conversation was in, and since when, as far as the audit tells.
  let status: number | undefined;
  let since: number | undefined;
  const first = input.changes[0];
  if (first && first.from !== undefined) {
    status = first.from;
    since = input.current.createdOnMs;
    notes.push(
      `The audit starts at ${first.at} with a move out of ${nameOf(first.from)}: the conversation's creation was not audited${since === undefined ? "" : ", so its time before that counts from createdon"}.`,
    );
  }
  if (!first) {
    status = input.current.status;
    since = input.current.statusUpdatedOnMs ?? input.current.createdOnMs;
    notes.push("The audit holds no status change for this conversation; the time below is its current status since msdyn_statusupdatedon.");
  }

  const close = (untilMs: number) => {
    if (status === undefined || since === undefined || untilMs < since) return;
    const ms = untilMs - since;
    stints.push({ status, fromMs: since, toMs: untilMs, capacityMs: capacityOf(status, ms, input.block) });
  };

  for (const change of input.changes) {
    if (change.from !== undefined && status !== undefined && change.from !== status)
      notes.push(
        `At ${change.at} the audit moves the conversation out of ${nameOf(change.from)}, but the previous audited change left it in ${nameOf(status)}: a change in between was not audited.`,
      );
    close(change.atMs);
    const caller = callerClassOf(change.userId, change.callingUserId, change.reason, input.lists);
    const reason = change.reason ?? null;
    // A created conversation is checked from the default status of the Open state, as the webhook checks a Create.
    const from = change.from ?? null;
    const verdictFrom = from ?? Status.Open;
    steps.push({
      from,
      to: change.to,
      at: new Date(change.atMs).toISOString(),
      atMs: change.atMs,
      by: change.userId ?? null,
      byName: change.userName ?? null,
      callingUser: change.callingUserId ?? null,
      caller,
      reason,
      verdict: verdictFor(verdictFrom, change.to, reason, caller, input.channel),
      auditId: change.id,
    });
    status = change.to;
    since = change.atMs;
  }

  const terminal = status !== undefined && statusOf(status)?.terminal === true;
  const untilMs = terminal && since !== undefined ? since : input.now;
  if (!terminal) close(input.now);
  if (first && input.current.status !== undefined && status !== input.current.status)
    notes.push(
      `The conversation is ${nameOf(input.current.status)} now, but the last audited change left it ${status === undefined ? "unknown" : nameOf(status)}: later changes were not audited.`,
    );

  const timeInStatusMs: Partial<Record<StatusName, number>> = {};
  for (const s of STATUSES) if (!s.internal && !s.terminal) timeInStatusMs[s.name] = 0;
  let capacityMs = 0;
  for (const stint of stints) {
    const name = statusOf(stint.status)?.name;
    if (name && !statusOf(stint.status)?.terminal) timeInStatusMs[name] = (timeInStatusMs[name] ?? 0) + (stint.toMs - stint.fromMs);
    capacityMs += stint.capacityMs;
  }
  return { steps, stints, timeInStatusMs, capacityMs, untilMs, notes };
}
