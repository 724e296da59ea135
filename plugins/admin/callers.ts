/**
 * Who made a change, in the webhook's terms: the platform (an application user listed in
 * PLATFORM_USER_IDS), an operator (a supervisor or admin listed in OPERATOR_USER_IDS), or a user.
 * The audit names the user (and the calling user under impersonation), never the user agent or the
 * parent message, so of the webhook's classification (plugins/caller.ts) only its id lists apply,
 * matched by the same rule (listedId).
 */
import { listedId } from "../caller";
import { OPERATOR_CLOSE_REASONS } from "../lifecycle";
import { isGuid, parseGuidInput } from "../webapi/guid";

export type CallerClass = "platform" | "operator" | "user" | "unknown";

export interface CallerLists {
  /** Lower-case systemuser ids whose changes are the platform's own (the webhook's PLATFORM_USER_IDS). */
  readonly platform: ReadonlySet<string>;
  /** Lower-case systemuser ids of supervisors and admins (the webhook's OPERATOR_USER_IDS). */
  readonly operators: ReadonlySet<string>;
}

/** The webhook's settings of the same names, so one list serves both. */
export const CALLER_SETTINGS = { platform: "PLATFORM_USER_IDS", operators: "OPERATOR_USER_IDS" } as const;

export class CallerListError extends Error {}

function idList(vars: NodeJS.ProcessEnv, name: string): Set<string> {
  const ids = new Set<string>();
  for (const item of (vars[name] ?? "").split(",")) {
    if (item.trim() === "") continue;
    const id = parseGuidInput(item);
    if (!id)
      throw new CallerListError(`${name}: ${JSON.stringify(item.trim())} is not a GUID; expected systemuser ids separated by commas.`);
    ids.add(id);
  }
  return ids;
}

export function callerListsFrom(vars: NodeJS.ProcessEnv): CallerLists {
  return { platform: idList(vars, CALLER_SETTINGS.platform), operators: idList(vars, CALLER_SETTINGS.operators) };
}

/**
 * The class of a change made by `userId` (and `callingUserId`, set when one user acted for another),
 * carrying `reason` (its msdyn_statuschangereason, when the audit recorded one). As the webhook checks
 * both InitiatingUserId and UserId, either one in a list is enough; the platform wins over operators,
 * since its changes are never blocked. As in the webhook (plugins/caller.ts), a listed operator is an
 * operator only for a change that carries an operator's close reason: any other change of theirs,
 * and an agent's change made through an admin's impersonation (the admin is then the calling user),
 * is a user's.
 */
export function callerClassOf(
  userId: string | undefined,
  callingUserId: string | undefined,
  reason: number | undefined,
  lists: CallerLists,
): CallerClass {
  if (![userId, callingUserId].some(isGuid)) return "unknown";
  // As the webhook reads a context: the calling user made the request (InitiatingUserId), for the user (UserId).
  const facts = { initiatingUserId: isGuid(callingUserId) ? callingUserId : null, userId: isGuid(userId) ? userId : null };
  if (listedId(facts, lists.platform) !== undefined) return "platform";
  if (reason !== undefined && OPERATOR_CLOSE_REASONS.includes(reason) && listedId(facts, lists.operators) !== undefined) return "operator";
  return "user";
}
