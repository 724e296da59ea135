/**
 * The parts of the lifecycle model the control uses. Status rows, channel kinds, moves and why a move
 * is denied come from the compiled tables of agentView.ts, so the bundle carries no transition rows,
 * no status or channel tables and no decision code.
 */
export { fill, kindOf, movesOf, statusRow, whyText } from "../../plugins/lifecycle/agentView";
export type { StatusRow } from "../../plugins/lifecycle/agentView";
export { channelValuesOf } from "../../plugins/lifecycle/channels";
export type { ChannelKind } from "../../plugins/lifecycle/channels";
export { wrapUpBlockOf } from "../../plugins/lifecycle/capacity";
export type { WrapUpBlock } from "../../plugins/lifecycle/timeouts";
export type { CapacityRule, StatusName } from "../../plugins/lifecycle/statuses";
