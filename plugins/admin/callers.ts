/**
 * Who made a change, in the webhook's terms: the platform (an application user listed in
 * PLATFORM_USER_IDS), an operator (a supervisor or admin listed in OPERATOR_USER_IDS), or a user.
 * The audit names the user (and the calling user under impersonation), never the user agent, so only
 * the id lists apply. The webhook's own classification is being written in plugins/caller.ts (issue
 * 15); once it is merged, callerClassOf should become a call to it, with the same settings.
 */
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
 * The class of a change made by `userId` (and `callingUserId`, set when one user acted for another).
 * As the webhook checks both InitiatingUserId and UserId, either one in a list is enough; the platform
 * wins over operators, since its changes are never blocked.
 */
export function callerClassOf(userId: string | undefined, callingUserId: string | undefined, lists: CallerLists): CallerClass {
  const ids = [userId, callingUserId].filter(isGuid).map((id) => id.toLowerCase());
  if (ids.length === 0) return "unknown";
  if (ids.some((id) => lists.platform.has(id))) return "platform";
  if (ids.some((id) => lists.operators.has(id))) return "operator";
  return "user";
}
