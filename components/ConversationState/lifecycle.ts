/**
 * The parts of the lifecycle model the control uses, imported module by module. Moves and verdicts
 * come from the compiled agent table, so the bundle carries no transition rows and no decision code.
 */
export { statusOf, STATES } from "../../plugins/lifecycle/statuses";
export type { StatusName, StatusValue } from "../../plugins/lifecycle/statuses";
export { channelKindOf, channelValuesOf } from "../../plugins/lifecycle/channels";
export type { ChannelKind } from "../../plugins/lifecycle/channels";
export { agentMoves, agentVerdict } from "../../plugins/lifecycle/agent";
export { capacityAt, wrapUpBlockOf } from "../../plugins/lifecycle/capacity";
export type { WrapUpBlock } from "../../plugins/lifecycle/timeouts";
export { channelKindLabel, formatTemplate, formatVerdict, statusLabel } from "../../plugins/lifecycle/format";
export type { Strings } from "../../plugins/lifecycle/format";
