/**
 * Why a conversation's status last changed: msdyn_ocliveworkitem.msdyn_statuschangereason
 * (PLATFORM.md §1). The platform sets it; this project only reads it, except that an operator's
 * close carries one of the two operator reasons. Labels in every language live in the resx files
 * as "statusChangeReason.<name>".
 */

export interface StatusChangeReasonDefinition {
  readonly value: number;
  /** The platform's own name for the value, as documented (typos included). */
  readonly platformName: string;
  /** Stable slug for resx keys, the CLI and JSON output. */
  readonly name: string;
  /** Set by an operator (supervisor or admin) rather than by the platform's own logic. */
  readonly operator: boolean;
}

export const StatusChangeReason = {
  AwaitingAgentAssignment: 192350001,
  AwaitingAgentAcceptance: 192350002,
  InConversation: 192350003,
  AwaitingCustomerResponse: 192350004,
  AgentMovedToWrapUp: 192350005,
  CustomerDisconnectedOrLeftActiveConversation: 192350006,
  CustomerMovedToWrapUp: 192350007,
  ConversationEndedByAgent: 192350008,
  AutoClosedFromWaitingState: 192350009,
  AutoClosedBySystem: 192350010,
  ClosedDueToOverflow: 192350011,
  CustomerDisconnectedOrLeftOpenConversation: 192350012,
  ConversationEndedByBot: 192350013,
  ClosedDueToFailure: 192350014,
  /** The supervisor's Force close in the ongoing-conversations dashboard. */
  ForceClosedBySupervisor: 192350015,
  /** An admin closing the record in Dataverse, typically a conversation stuck open. */
  ClosedInDataverseDirectlyByAdmin: 192350016,
  AssignedBySupervisor: 192350017,
} as const;

const reason = (value: number, platformName: string, name: string, operator = false): StatusChangeReasonDefinition =>
  Object.freeze({ value, platformName, name, operator });

const R = StatusChangeReason;

// value, the platform's name (PLATFORM.md §1, "CutomerMovedToWrapUp" as documented), slug
export const STATUS_CHANGE_REASONS: readonly StatusChangeReasonDefinition[] = [
  reason(R.AwaitingAgentAssignment, "AwaitingAgentAssignment", "awaiting-agent-assignment"),
  reason(R.AwaitingAgentAcceptance, "AwaitingAgentAcceptance", "awaiting-agent-acceptance"),
  reason(R.InConversation, "InConversation", "in-conversation"),
  reason(R.AwaitingCustomerResponse, "AwaitingCustomerResponse", "awaiting-customer-response"),
  reason(R.AgentMovedToWrapUp, "AgentMovedToWrapUp", "agent-moved-to-wrap-up"),
  reason(
    R.CustomerDisconnectedOrLeftActiveConversation,
    "CustomerDisconnectedOrLeftActiveConversation",
    "customer-left-active-conversation",
  ),
  reason(R.CustomerMovedToWrapUp, "CutomerMovedToWrapUp", "customer-moved-to-wrap-up"),
  reason(R.ConversationEndedByAgent, "ConversationEndedByAgent", "conversation-ended-by-agent"),
  reason(R.AutoClosedFromWaitingState, "AutoClosedFromWaitingState", "auto-closed-from-waiting"),
  reason(R.AutoClosedBySystem, "AutoClosedBySystem", "auto-closed-by-system"),
  reason(R.ClosedDueToOverflow, "ClosedDueToOverflow", "closed-due-to-overflow"),
  reason(R.CustomerDisconnectedOrLeftOpenConversation, "CustomerDisconnectedOrLeftOpenConversation", "customer-left-open-conversation"),
  reason(R.ConversationEndedByBot, "ConversationEndedByBot", "conversation-ended-by-bot"),
  reason(R.ClosedDueToFailure, "ClosedDueToFailure", "closed-due-to-failure"),
  reason(R.ForceClosedBySupervisor, "ForceClosedBySupervisor", "force-closed-by-supervisor", true),
  reason(R.ClosedInDataverseDirectlyByAdmin, "ClosedInDataverseDirectlyByAdmin", "closed-by-admin", true),
  reason(R.AssignedBySupervisor, "AssignedBySupervisor", "assigned-by-supervisor"),
];

/** The reasons an operator's close carries (PLATFORM.md §1: supervisors force close, admins close stuck conversations). */
export const OPERATOR_CLOSE_REASONS: readonly number[] = [R.ForceClosedBySupervisor, R.ClosedInDataverseDirectlyByAdmin];

const BY_VALUE: ReadonlyMap<number, StatusChangeReasonDefinition> = new Map(STATUS_CHANGE_REASONS.map((r) => [r.value, r]));

/** The definition of a msdyn_statuschangereason value, or undefined for a value the table does not have. */
export function statusChangeReasonOf(value: unknown): StatusChangeReasonDefinition | undefined {
  return typeof value === "number" ? BY_VALUE.get(value) : undefined;
}
