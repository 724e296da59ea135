/**
 * The lifecycle as an agent meets it, for browser bundles (the control and the form script): the
 * model's verdicts for the agent, from agentTable.generated.ts, which scripts/compile-lifecycle.ts
 * compiles from this model. What the statuses alone decide comes from statusRuling, the rule the
 * model's own decide() uses. Tests check every answer against evaluate(from, to, kind, "agent").
 */
import { AGENT_MOVES } from "./agentTable.generated";
import { ALL_CHANNEL_KINDS, type ChannelKind } from "./channels";
import { REASONS, type ReasonCode } from "./codes";
import type { StatusValue } from "./statuses";
import { statusRuling } from "./statusRuling";
import type { Verdict, VerdictParams } from "./verdict";

/** A verdict without the transition objects, which browsers never read. */
export type AgentVerdict = Omit<Verdict, "transitions">;

/** The verdict an agent gets for a move on these channel kinds; params other than from, to and channel. */
export interface AgentMoveVerdict {
  readonly channels: readonly ChannelKind[];
  readonly reason: ReasonCode;
  readonly params: Omit<VerdictParams, "from" | "to" | "channel">;
}

/** A move of the lifecycle (some transition makes it), with its verdicts for the agent on every channel kind. */
export interface AgentMove {
  readonly from: StatusValue;
  readonly to: StatusValue;
  readonly verdicts: readonly AgentMoveVerdict[];
}

function checkChannel(channel: ChannelKind): void {
  if (!ALL_CHANNEL_KINDS.includes(channel)) {
    throw new TypeError(`Unknown channel kind "${String(channel)}"; expected one of ${ALL_CHANNEL_KINDS.join(", ")}.`);
  }
}

const verdictOf = (reason: ReasonCode, params: VerdictParams): AgentVerdict => ({
  allowed: REASONS[reason].allowed,
  reason,
  messageKey: REASONS[reason].messageKey,
  params,
});

/** A pair of statuses no transition joins. */
const NO_SUCH_TRANSITION = { reason: "no-such-transition", params: {} } as const;

/** Can the agent move the conversation from → to on this channel kind, and why: the statuses alone, else the table. */
export function agentVerdict(from: number, to: number, channel: ChannelKind): AgentVerdict {
  checkChannel(channel);
  const move = AGENT_MOVES.find((m) => m.from === from && m.to === to);
  const { reason, params } = statusRuling(from, to) ?? move?.verdicts.find((v) => v.channels.includes(channel)) ?? NO_SUCH_TRANSITION;
  return verdictOf(reason, { from, to, channel, ...params });
}

/** The statuses the agent can move to from `from` on this channel kind, in transition-table order. */
export function agentMoves(from: number, channel: ChannelKind): StatusValue[] {
  checkChannel(channel);
  return AGENT_MOVES.filter(
    (m) => m.from === from && m.verdicts.some((v) => v.channels.includes(channel) && REASONS[v.reason].allowed),
  ).map((m) => m.to);
}
