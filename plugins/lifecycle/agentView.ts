/**
 * The lifecycle as the agent's control shows it: status rows, the channel kind, the moves on offer
 * and why a move is denied, read from agentView.generated.ts, which scripts/compile-agent.ts compiles
 * from this model. It imports only types from the other model modules, so the control's bundle carries
 * only these tables; tests check every answer against the model (statusOf, channelKindOf, evaluate,
 * formatVerdict).
 */
import { CHANNEL_GROUPS, MOVES, GROUP_KINDS, STATUS_ROWS, WHY } from "./agentView.generated";
import type { ChannelKind } from "./channels";
import type { CapacityRule, StatusName } from "./statuses";

/** A status reason as the control needs it: name, state name, capacity rule, and 1 when it is final. */
export type StatusRow = readonly [name: StatusName, state: string, capacity: CapacityRule, final?: 1];
/** A denied move's sentence: the message's resx key, and its other values in filling order, each a resx key or several, space-separated (a list). */
export type Why = readonly [key: string, values: Readonly<Record<string, string>>];
/** A move on offer: target status, and why this channel kind denies it (none when allowed). */
export type Move = readonly [to: number, why: Why | undefined];

/** The row of a status reason, or undefined for any other value. */
export const statusRow = (value: unknown): StatusRow | undefined => (typeof value === "number" ? STATUS_ROWS[value - 1] : undefined);

/** The kind channelKindOf gives these msdyn_channel values: the first group one of them is in decides. */
export const kindOf = (values: readonly number[], persistent: boolean): ChannelKind =>
  GROUP_KINDS[+persistent][CHANNEL_GROUPS.findIndex((group) => group.some((value) => values.includes(value)))] ?? "unknown";

/** The moves an agent makes from this (known) status on some channel, in transition-table order, each with why this kind denies it. */
export const movesOf = (from: number, kind: ChannelKind): Move[] =>
  (MOVES[kind].split("|")[from - 1].match(/../g) ?? []).map(([to, why]: string) => [+to, WHY[parseInt(why, 36) - 1]]);

/** {name} placeholders filled in; an unknown one is left as it is, so a gap is visible. */
export const fill = (text: string, values: Readonly<Record<string, string>>): string =>
  text.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);

/**
 * The sentence formatVerdict makes for a denied move, from its compiled keys. `say` answers a resx key
 * (the key itself when the string is missing); from and to are status names.
 */
export const whyText = ([key, keys]: Why, from: string, to: string, kind: ChannelKind, say: (key: string) => string): string => {
  const values: Record<string, string> = { from: say(`status.${from}`), to: say(`status.${to}`), channel: say(`channelKind.${kind}`) };
  // In filling order: a value's own text may name the ones before it ("It happens only for {channels}.").
  for (const name in keys) values[name] = fill(keys[name].split(" ").map(say).join(say("list.separator")), values);
  return fill(say(key), values);
};
