/**
 * The parts of the lifecycle model the control uses, imported module by module: the bundle then
 * leaves out what the browser never needs (the timeout table, the CLI's parsers).
 */
export { statusOf, stateOf, STATES } from "../../plugins/lifecycle/statuses";
export type { StatusName, StatusValue } from "../../plugins/lifecycle/statuses";
export { channelKindOf, channelValuesOf, parseConversationMode } from "../../plugins/lifecycle/channels";
export type { ChannelKind } from "../../plugins/lifecycle/channels";
export { availableTransitions, evaluate, reachableStatuses } from "../../plugins/lifecycle/verdict";
export { capacityAt, wrapUpBlockOf } from "../../plugins/lifecycle/capacity";
export type { WrapUpBlock } from "../../plugins/lifecycle/timeouts";
export { channelKindLabel, formatTemplate, formatVerdict, statusLabel } from "../../plugins/lifecycle/format";
export type { Strings } from "../../plugins/lifecycle/format";
