/**
 * The lifecycle as an agent meets it, for browser bundles (the control and the form script).
 * It answers from agent.generated.ts, a table compiled from this model by
 * scripts/compile-agent.ts, so a bundle carries no transition rows and no decision code.
 * Tests check that it answers exactly as evaluate(from, to, kind, "agent") does.
 */
import { CELLS, MOVES, SIDE, VERDICTS, WIDTH } from "./agent.generated";
import { ALL_CHANNEL_KINDS, type ChannelKind } from "./channels";
import { REASONS, REASON_CODES } from "./codes";
import { statusOf, type StatusValue } from "./statuses";
import type { Verdict, VerdictParams } from "./verdict";

/** A verdict without the transition objects, which browsers never read. */
export type AgentVerdict = Omit<Verdict, "transitions">;

function kindIndex(channel: ChannelKind): number {
  const k = ALL_CHANNEL_KINDS.indexOf(channel);
  if (k < 0) throw new TypeError(`Unknown channel kind "${String(channel)}"; expected one of ${ALL_CHANNEL_KINDS.join(", ")}.`);
  return k;
}

/** Can the agent move the conversation from → to on this channel kind, and why. */
export function agentVerdict(from: number, to: number, channel: ChannelKind): AgentVerdict {
  const k = kindIndex(channel);
  const unknown = !statusOf(from) ? from : !statusOf(to) ? to : undefined;
  const [reason, rest] =
    unknown !== undefined
      ? ([REASON_CODES.indexOf("unknown-status"), { value: unknown }] as const)
      : VERDICTS[parseInt(CELLS.substr(((k * SIDE + from - 1) * SIDE + to - 1) * WIDTH, WIDTH), 36)];
  const code = REASON_CODES[reason];
  return {
    allowed: REASONS[code].allowed,
    reason: code,
    messageKey: REASONS[code].messageKey,
    params: { from, to, channel, ...(rest as VerdictParams) },
  };
}

/** The statuses the agent can move to from `from`, in transition-table order. */
export function agentMoves(from: number, channel: ChannelKind): StatusValue[] {
  const k = kindIndex(channel);
  return statusOf(from) ? ([...MOVES[k * SIDE + from - 1]].map(Number) as StatusValue[]) : [];
}
