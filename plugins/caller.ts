/**
 * Who initiated a status change, from the context's fields and the settings: pure, no I/O. The
 * validator (validate-status-change.ts) applies each class's rule; docs/webhook.md has the table.
 * Evidence for the signals: PLATFORM.md §1 (Omnichannel's user agents, the CCaaS_ messages, the
 * operator reasons). No list of Omnichannel's application users is documented, so ids are settings.
 */
import { normaliseGuid } from "./context";
import { OPERATOR_CLOSE_REASONS, statusChangeReasonOf } from "./lifecycle";

/** In the order they are tried: the first that matches is the caller's class. */
export const CALLER_CLASSES = [
  "platform",
  "platform-parent-message",
  "operator",
  "platform-user-agent",
  "interactive-user",
  "api-client",
] as const;
export type CallerClass = (typeof CALLER_CLASSES)[number];

/** Omnichannel's services call Dataverse with user agents like "Microsoft.CCaaS.AssignmentEngineVNext…" (PLATFORM.md §1). */
export const PLATFORM_USER_AGENT_PREFIX = "Microsoft.CCaaS";
/** The conversation table's own messages: CCaaS_AcceptConversation, CCaaS_RejectConversation, … (PLATFORM.md §1). */
export const PLATFORM_MESSAGE_PREFIX = "CCaaS_";
/** Every browser's user agent starts with this; a model-driven app's users send one (PLATFORM.md §1). */
export const BROWSER_USER_AGENT_PREFIX = "Mozilla/";

export interface CallerFacts {
  readonly userAgent: string | null;
  readonly initiatingUserId: string | null;
  readonly userId: string | null;
  /** MessageName of each ParentContext, nearest first, as far as the chain could be read. */
  readonly parentMessages: readonly string[];
  /** Why the rest of the ParentContext chain could not be read, when it could not. */
  readonly parentProblem?: string;
  /** The Target's msdyn_statuschangereason, when the request carries a readable one. */
  readonly statusChangeReason?: number;
}

export interface CallerSettings {
  /** Lower-case GUIDs of Omnichannel's application users. */
  readonly platformUserIds: ReadonlySet<string>;
  /** Lower-case GUIDs of the admins and supervisors who may close a stuck conversation. */
  readonly operatorUserIds: ReadonlySet<string>;
  /** Whether a Microsoft.CCaaS user agent alone (without a listed id) counts as the platform, within limits. */
  readonly trustPlatformUserAgent: boolean;
}

export interface Caller {
  readonly class: CallerClass;
  /** One sentence for the log: which field and value decided the class. Built when read (a log line at the level). */
  readonly why: string;
  /** For a Microsoft.CCaaS user agent alone: the ids an admin confirms before listing one in PLATFORM_USER_IDS. */
  readonly ids?: { readonly initiatingUserId: string | null; readonly userId: string | null };
}

/** The classes whose changes are never blocked, and pass unchecked when the context is short. */
export function isPlatform(caller: CallerClass): boolean {
  return caller === "platform" || caller === "platform-parent-message";
}

/** Which of the two ids is listed, InitiatingUserId first (the user who made the request). */
export function listedId(facts: Pick<CallerFacts, "initiatingUserId" | "userId">, ids: ReadonlySet<string>): string | undefined {
  if (ids.size === 0) return undefined;
  if (facts.initiatingUserId !== null && ids.has(normaliseGuid(facts.initiatingUserId)))
    return `InitiatingUserId ${facts.initiatingUserId}`;
  if (facts.userId !== null && ids.has(normaliseGuid(facts.userId))) return `UserId ${facts.userId}`;
  return undefined;
}

const shown = (text: string): string => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

/** The sentence is only built when a log line asks for it: most requests log nothing. */
class Classified implements Caller {
  readonly class: CallerClass;
  readonly ids?: Caller["ids"];
  readonly #because: () => string;

  constructor(name: CallerClass, because: () => string, ids?: Caller["ids"]) {
    this.class = name;
    this.#because = because;
    if (ids) this.ids = ids;
  }

  get why(): string {
    return this.#because();
  }
}

const caller = (name: CallerClass, why: () => string, ids?: Caller["ids"]): Caller => new Classified(name, why, ids);

function userAgentClass(facts: CallerFacts, settings: CallerSettings): Caller {
  const agent = facts.userAgent;
  if (agent !== null && agent.startsWith(PLATFORM_USER_AGENT_PREFIX)) {
    if (settings.trustPlatformUserAgent)
      return caller(
        "platform-user-agent",
        () =>
          `InitiatingUserAgent ${shown(agent)} starts with ${PLATFORM_USER_AGENT_PREFIX}, but neither InitiatingUserId ${facts.initiatingUserId ?? "(none)"} nor UserId ${facts.userId ?? "(none)"} is in PLATFORM_USER_IDS: once you have confirmed that the id is Omnichannel's application user, list it`,
        { initiatingUserId: facts.initiatingUserId, userId: facts.userId },
      );
    return caller(
      "api-client",
      () =>
        `InitiatingUserAgent ${shown(agent)} starts with ${PLATFORM_USER_AGENT_PREFIX}, which TRUST_PLATFORM_USER_AGENT=false ignores, and no id is in PLATFORM_USER_IDS`,
    );
  }
  if (agent !== null && agent.startsWith(BROWSER_USER_AGENT_PREFIX))
    return caller("interactive-user", () => `InitiatingUserAgent ${shown(agent)} is a browser's: checked as the agent`);
  return caller("api-client", () =>
    agent === null || agent === ""
      ? "no InitiatingUserAgent"
      : `InitiatingUserAgent ${shown(agent)} is neither a browser's nor Omnichannel's`,
  );
}

/** facts + settings → the caller's class and why. The first class that matches wins (CALLER_CLASSES' order). */
export function classifyCaller(facts: CallerFacts, settings: CallerSettings): Caller {
  const platformId = listedId(facts, settings.platformUserIds);
  if (platformId !== undefined) return caller("platform", () => `${platformId} is in PLATFORM_USER_IDS`);

  const parent = facts.parentMessages.findIndex((name) => name.startsWith(PLATFORM_MESSAGE_PREFIX));
  if (parent >= 0)
    return caller(
      "platform-parent-message",
      () => `the change runs inside ${facts.parentMessages[parent]} (ParentContext level ${parent + 1}), one of the table's own messages`,
    );

  const reason = facts.statusChangeReason;
  const operatorId = listedId(facts, settings.operatorUserIds);
  if (operatorId !== undefined && reason !== undefined && OPERATOR_CLOSE_REASONS.includes(reason))
    return {
      class: "operator",
      why: `${operatorId} is in OPERATOR_USER_IDS and msdyn_statuschangereason is ${reason} (${statusChangeReasonOf(reason)?.platformName})`,
    };

  const byAgent = userAgentClass(facts, settings);
  return facts.parentProblem === undefined
    ? byAgent
    : { ...byAgent, why: `${byAgent.why}; ParentContext not read: ${facts.parentProblem}` };
}

/** The class an operator's request would have without its operator reason: the rule for its other moves. */
export function withoutOperatorReason(facts: CallerFacts, settings: CallerSettings): Caller {
  return classifyCaller({ ...facts, statusChangeReason: undefined }, settings);
}

/** The class another rule was judged by, with why: an operator's move that is not a close. */
export function judgedAs(operator: Caller, other: Caller): Caller {
  return caller(
    other.class,
    () => `${operator.why}, but the move is not a close from an open status, so it is judged as ${other.class}: ${other.why}`,
    other.ids,
  );
}
