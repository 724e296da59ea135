/**
 * The status-change plug-in: a Dataverse-style handler over a RemoteExecutionContext. It decides;
 * the hosts (Fastify, Azure Functions) answer and log. Every status value and transition comes
 * from the lifecycle model.
 */
import {
  optionOf,
  optionsOf,
  referenceOf,
  normaliseGuid,
  ContextError,
  type Entity,
  type RemoteExecutionContext,
  type Value,
} from "./context";
import {
  STATES,
  State,
  channelKindOf,
  channelValuesOf,
  evaluate,
  stateOf,
  statusOf,
  type ChannelKind,
  type StatusValue,
  type Verdict,
} from "./lifecycle";

export const CONVERSATION_TABLE = "msdyn_ocliveworkitem";
/** The columns the plug-in reads from the step's pre-image: status, channel and workstream (for the mode). */
export const PRE_IMAGE_COLUMNS = ["statuscode", "statecode", "msdyn_channel", "msdyn_liveworkstreamid"] as const;
export const MODES = ["enforce", "audit", "off"] as const;
export type Mode = (typeof MODES)[number];

export interface ValidationSettings {
  readonly mode: Mode;
  /** Lower-case GUIDs of application users whose changes are the platform's own. */
  readonly platformUserIds: ReadonlySet<string>;
  /**
   * Whether an InitiatingUserAgent starting with "Microsoft.CCaaS" marks the platform's own change.
   * It is the caller's user agent, so any API client could claim it: hardened setups turn this
   * off and list Omnichannel's application users in platformUserIds instead.
   */
  readonly trustPlatformUserAgent: boolean;
  /** Lower-case msdyn_liveworkstream ids in persistent-chat mode (the context does not carry the mode). */
  readonly persistentWorkstreams: ReadonlySet<string>;
  /** The step's pre-image alias; undefined: the first image in the context. */
  readonly preImageAlias?: string;
}

/** What the host knows beyond the body. */
export interface RequestFacts {
  /** x-ms-dynamics-msg-size-exceeded: Dataverse removed the parameters and images. */
  readonly sizeExceeded: boolean;
}

/** The plug-in's own outcomes, beside the model's reason codes. Texts: plugins/webhook/errors.ts. */
export type PluginCode = "not-applicable" | "no-status-change" | "validation-off" | "insufficient-context" | "state-mismatch";
export type Gap = "size-exceeded" | "no-pre-image" | "no-target" | "no-status-in-pre-image" | "no-state-parameter" | "unreadable-value";
export type Initiator = "platform" | "user";

export interface Change {
  readonly message: string;
  readonly from?: number;
  readonly to?: number;
  readonly state?: number;
  readonly channel?: ChannelKind;
}

export type Decision =
  | { readonly kind: "pass"; readonly allowed: true; readonly code: "not-applicable" | "no-status-change" | "validation-off" }
  | {
      readonly kind: "model";
      readonly allowed: boolean;
      readonly initiator: Initiator;
      readonly verdict: Verdict;
      readonly unknownChannelValues: readonly number[];
    }
  | {
      readonly kind: "insufficient-context";
      readonly allowed: boolean;
      readonly initiator: Initiator;
      readonly gap: Gap;
      readonly change: Change;
      readonly problem?: string;
    }
  | {
      readonly kind: "state-mismatch";
      readonly allowed: boolean;
      readonly initiator: Initiator;
      readonly change: Change & { readonly to: number; readonly state: number };
    };

const PASS_OFF = Object.freeze({ kind: "pass", allowed: true, code: "validation-off" } as const);
const PASS_OTHER = Object.freeze({ kind: "pass", allowed: true, code: "not-applicable" } as const);
const PASS_NO_CHANGE = Object.freeze({ kind: "pass", allowed: true, code: "no-status-change" } as const);

const STATE_MESSAGES = new Set(["SetState", "SetStateDynamicEntity"]);
/** Dataverse's "use the state's default status reason" in SetState. */
const DEFAULT_STATUS = -1;

export function initiatorOf(context: RemoteExecutionContext, settings: ValidationSettings): Initiator {
  if (settings.trustPlatformUserAgent && context.InitiatingUserAgent !== null && context.InitiatingUserAgent.startsWith("Microsoft.CCaaS"))
    return "platform";
  const ids = settings.platformUserIds;
  if (ids.size === 0) return "user";
  if (context.InitiatingUserId !== null && ids.has(normaliseGuid(context.InitiatingUserId))) return "platform";
  if (context.UserId !== null && ids.has(normaliseGuid(context.UserId))) return "platform";
  return "user";
}

export function preImageOf(context: RemoteExecutionContext, alias: string | undefined): Entity | undefined {
  if (alias !== undefined) return context.PreEntityImages.get(alias);
  for (const image of context.PreEntityImages.values()) return image;
  return undefined;
}

function option(value: Value | undefined, path: string): number | undefined {
  const read = optionOf(value);
  if (read === "wrong-type") throw new ContextError(path, "expected an OptionSetValue");
  return read;
}

const defaultStatusOf = (state: number): number | undefined => STATES.find((s) => s.value === state)?.defaultStatus;

/** The channel kind from the row's msdyn_channel, and persistent mode from its workstream. */
export function channelOf(row: Entity | undefined, settings: ValidationSettings): { kind: ChannelKind; unknownValues: readonly number[] } {
  if (!row) return { kind: "unknown", unknownValues: [] };
  const workstream = referenceOf(row.Attributes.get("msdyn_liveworkstreamid"));
  const persistent =
    workstream !== undefined && settings.persistentWorkstreams.size > 0 && settings.persistentWorkstreams.has(normaliseGuid(workstream.id));
  return channelKindOf(channelValuesOf(optionsOf(row.Attributes.get("msdyn_channel"))), persistent ? "persistent" : "live");
}

/** The requested status and state: Target columns (Create, Update) or State/Status parameters (SetState). */
function requested(context: RemoteExecutionContext): { status?: number; state?: number; target?: Entity } | Gap {
  const params = context.InputParameters;
  if (STATE_MESSAGES.has(context.MessageName)) {
    const state = option(params.get("State"), "InputParameters.State");
    if (state === undefined) return "no-state-parameter";
    const status = option(params.get("Status"), "InputParameters.Status");
    return { state, status: status === DEFAULT_STATUS ? undefined : status };
  }
  const raw = params.get("Target");
  if (raw === undefined) return "no-target";
  if (typeof raw !== "object" || raw === null || Array.isArray(raw) || !("type" in raw) || raw.type !== "Entity")
    throw new ContextError("InputParameters.Target", "expected an Entity");
  const target = raw.entity;
  return {
    target,
    status: option(target.Attributes.get("statuscode"), "Target.statuscode"),
    state: option(target.Attributes.get("statecode"), "Target.statecode"),
  };
}

function touchesStatus(context: RemoteExecutionContext): boolean {
  if (STATE_MESSAGES.has(context.MessageName)) return true;
  const target = context.InputParameters.get("Target");
  if (typeof target !== "object" || target === null || Array.isArray(target) || !("type" in target) || target.type !== "Entity")
    return true;
  return target.entity.Attributes.has("statuscode") || target.entity.Attributes.has("statecode");
}

/**
 * Decides one request. A value the check reads with the wrong type throws ContextError (the host
 * answers 400) for a user's change; a platform change, or any change in audit mode, passes
 * instead, as insufficient context naming the value: never wedge a conversation.
 */
export function validateStatusChange(context: RemoteExecutionContext, settings: ValidationSettings, facts: RequestFacts): Decision {
  if (settings.mode === "off") return PASS_OFF;
  if (context.PrimaryEntityName !== CONVERSATION_TABLE) return PASS_OTHER;
  const message = context.MessageName;
  const isCreate = message === "Create";
  if (!isCreate && message !== "Update" && !STATE_MESSAGES.has(message)) return PASS_OTHER;

  const initiator = initiatorOf(context, settings);
  const lenient = initiator === "platform" || settings.mode === "audit";
  if (facts.sizeExceeded) return { kind: "insufficient-context", allowed: lenient, initiator, gap: "size-exceeded", change: { message } };
  try {
    return decideChange(context, settings, initiator, lenient);
  } catch (e) {
    if (!lenient || !(e instanceof ContextError)) throw e;
    return { kind: "insufficient-context", allowed: true, initiator, gap: "unreadable-value", change: { message }, problem: e.message };
  }
}

function decideChange(context: RemoteExecutionContext, settings: ValidationSettings, initiator: Initiator, lenient: boolean): Decision {
  const message = context.MessageName;
  const isCreate = message === "Create";
  if (!touchesStatus(context)) return PASS_NO_CHANGE;

  const asked = requested(context);
  if (typeof asked === "string") return { kind: "insufficient-context", allowed: lenient, initiator, gap: asked, change: { message } };

  // Create has no pre-image: a new conversation starts from the default status of statecode Open.
  const image = isCreate ? undefined : preImageOf(context, settings.preImageAlias);
  const row = isCreate ? asked.target : image;
  if (!isCreate && !image) return { kind: "insufficient-context", allowed: lenient, initiator, gap: "no-pre-image", change: { message } };
  const from = isCreate ? defaultStatusOf(State.Open) : option(image?.Attributes.get("statuscode"), "PreEntityImages.statuscode");
  if (from === undefined)
    return { kind: "insufficient-context", allowed: lenient, initiator, gap: "no-status-in-pre-image", change: { message } };

  // Without a status reason, Dataverse uses the requested state's default one.
  const currentState =
    option(image?.Attributes.get("statecode"), "PreEntityImages.statecode") ?? (statusOf(from) ? stateOf(from as StatusValue) : undefined);
  if (asked.status === undefined && asked.state === undefined) return PASS_NO_CHANGE;
  if (asked.status === undefined && asked.state === currentState && !STATE_MESSAGES.has(message)) return PASS_NO_CHANGE;
  const state = asked.state ?? currentState;
  const to = asked.status ?? (state === undefined ? undefined : defaultStatusOf(state));
  const { kind, unknownValues } = channelOf(row, settings);
  // Consistency is checked when the request names the state; a lone statuscode brings its own.
  if (to === undefined || (asked.state !== undefined && statusOf(to) && stateOf(to as StatusValue) !== asked.state)) {
    return {
      kind: "state-mismatch",
      allowed: lenient,
      initiator,
      change: { message, from, to: to ?? DEFAULT_STATUS, state: state ?? DEFAULT_STATUS, channel: kind },
    };
  }
  const verdict = evaluate(from, to, kind, "agent");
  return { kind: "model", allowed: verdict.allowed || lenient, initiator, verdict, unknownChannelValues: unknownValues };
}
