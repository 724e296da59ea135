/**
 * The context's fields that say who made a change (caller.ts classifies them), read so that a
 * malformed one degrades to "absent": they decide a class, never a 400.
 */
import { ConversationColumn } from "./lifecycle/conversationTable";
import { ContextError, entityOf, optionOf, type RemoteExecutionContext } from "./context";
import type { CallerFacts } from "./caller";

/**
 * Read from the request's Target, not the pre-image: an operator's close carries one of
 * OPERATOR_CLOSE_REASONS here (the pre-image keeps PRE_IMAGE_COLUMNS).
 */
export const STATUS_CHANGE_REASON_COLUMN = ConversationColumn.StatusChangeReason;

type TextField = "InitiatingUserAgent" | "InitiatingUserId" | "UserId";

/** A text field, or null when it is absent or not text. */
function text(context: RemoteExecutionContext, name: TextField): string | null {
  try {
    return context[name];
  } catch (e) {
    if (e instanceof ContextError) return null;
    throw e;
  }
}

/** The Target's msdyn_statuschangereason when it is a readable number. */
function reasonOf(context: RemoteExecutionContext): number | undefined {
  try {
    const reason = optionOf(entityOf(context.InputParameters.get("Target"))?.Attributes.get(STATUS_CHANGE_REASON_COLUMN));
    return typeof reason === "number" ? reason : undefined;
  } catch (e) {
    if (e instanceof ContextError) return undefined;
    throw e;
  }
}

/** Each ParentContext's MessageName, nearest first, as far as the chain can be read. */
function parentChain(context: RemoteExecutionContext): { parentMessages: string[]; parentProblem?: string } {
  const parentMessages: string[] = [];
  try {
    for (let parent = context.ParentContext; parent !== null; parent = parent.ParentContext) parentMessages.push(parent.MessageName);
    return { parentMessages };
  } catch (e) {
    if (!(e instanceof ContextError)) throw e;
    return { parentMessages, parentProblem: e.message };
  }
}

export function callerFactsOf(context: RemoteExecutionContext): CallerFacts {
  const { parentMessages, parentProblem } = parentChain(context);
  return {
    userAgent: text(context, "InitiatingUserAgent"),
    initiatingUserId: text(context, "InitiatingUserId"),
    userId: text(context, "UserId"),
    parentMessages,
    parentProblem,
    statusChangeReason: reasonOf(context),
  };
}
