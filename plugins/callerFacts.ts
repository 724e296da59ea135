/**
 * The context's fields that say who made a change (caller.ts classifies them), read so that a
 * malformed one degrades to "absent": they decide a class, never a 400.
 */
import { ContextError, entityOf, optionOf, type RemoteExecutionContext } from "./context";
import type { CallerFacts } from "./caller";

/**
 * Read from the request's Target, not the pre-image: an operator's close carries one of
 * OPERATOR_CLOSE_REASONS here (the pre-image keeps PRE_IMAGE_COLUMNS).
 */
export const STATUS_CHANGE_REASON_COLUMN = "msdyn_statuschangereason";

function tolerant<T>(read: () => T): T | null {
  try {
    return read();
  } catch (e) {
    if (e instanceof ContextError) return null;
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
  const target = entityOf(tolerant(() => context.InputParameters.get("Target")) ?? undefined);
  const reason = target ? tolerant(() => optionOf(target.Attributes.get(STATUS_CHANGE_REASON_COLUMN))) : null;
  return {
    userAgent: tolerant(() => context.InitiatingUserAgent),
    initiatingUserId: tolerant(() => context.InitiatingUserId),
    userId: tolerant(() => context.UserId),
    ...parentChain(context),
    ...(typeof reason === "number" ? { statusChangeReason: reason } : {}),
  };
}
