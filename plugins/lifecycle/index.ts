/** The conversation lifecycle model: data and pure functions, no I/O, no platform imports. */
export { Status, State, STATUSES, STATES, statusOf, statusNamed, stateOf } from "./statuses";
export type { StatusValue, StateValue, StatusDefinition, StateDefinition, StatusName, CapacityRule } from "./statuses";
export {
  CHANNEL_KINDS,
  ALL_CHANNEL_KINDS,
  CHANNELS,
  ConversationMode,
  WorkDistributionMode,
  channelOf,
  parseConversationMode,
  channelKindOf,
  channelValuesOf,
} from "./channels";
export type { ChannelKind, KnownChannelKind, ChannelDefinition, ChannelFamily, ChannelResolution, ConversationModeName } from "./channels";
export { ACTORS, TRIGGERS, TRIGGER_NAMES, actorOf } from "./triggers";
export type { Actor, Trigger } from "./triggers";
export { parseStatus, parseChannel, parseActor } from "./names";
export { TRANSITIONS, WAITING_CHANNELS, kindMask } from "./transitions";
export type { Transition } from "./transitions";
export { PROVENANCE, CHANNEL_LABELS, provenanceOf } from "./provenance";
export type { Provenance, Source } from "./provenance";
export { StatusChangeReason, STATUS_CHANGE_REASONS, OPERATOR_CLOSE_REASONS, statusChangeReasonOf } from "./statusChangeReasons";
export type { StatusChangeReasonDefinition } from "./statusChangeReasons";
export { TIMEOUTS, AUTO_CLOSE_CHECK_INTERVAL_MS, automaticMoveOf } from "./timeouts";
export type { Timeout, TimeoutDuration, WrapUpBlock } from "./timeouts";
export { capacityAt, wrapUpBlockOf, WRAP_UP_BLOCK_MINUTES } from "./capacity";
export type { CapacityEffect } from "./capacity";
export { REASONS, REASON_CODES, RULES } from "./codes";
export type { ReasonCode, Rule } from "./codes";
export { evaluate, decide, availableTransitions, reachableStatuses } from "./verdict";
export type { Verdict, VerdictParams } from "./verdict";
export { formatTemplate, formatVerdict, verdictValues, statusLabel, channelKindLabel } from "./format";
export type { Strings } from "./format";
export {
  CONVERSATION_TABLE,
  CONVERSATION_SET,
  ConversationColumn,
  ConversationNavigation,
  WORKSTREAM_TABLE,
  WORKSTREAM_SET,
  WorkstreamColumn,
  lookupValue,
} from "./conversationTable";
