/**
 * The status-change plug-in: a Dataverse-style handler over a RemoteExecutionContext. It decides;
 * the request pipeline (plugins/webhook/pipeline.ts) answers and logs. Who made the change comes
 * from caller.ts, every status value and transition from the lifecycle model.
 */
import {
  MAX_OPTION_VALUES,
  entityOf,
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
import { classifyCaller, isPlatform, judgedAs, withoutOperatorReason, type Caller, type CallerFacts, type CallerSettings } from "./caller";
import { callerFactsOf } from "./callerFacts";

export const CONVERSATION_TABLE = "msdyn_ocliveworkitem";
/**
 * The columns the plug-in reads from the step's pre-image: status, channel and workstream (for the
 * mode). The registration's single source of truth. msdyn_statuschangereason is not among them: the
 * operator rule reads the reason the request sets (its Target), not the one the row had.
 */
export const PRE_IMAGE_COLUMNS = ["statuscode", "statecode", "msdyn_channel", "msdyn_liveworkstreamid"] as const;
export const MODES = ["enforce", "audit", "off"] as const;
export type Mode = (typeof MODES)[number];

export interface ValidationSettings extends CallerSettings {
  readonly mode: Mode;
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
export type PluginCode =
  "not-applicable" | "no-status-change" | "validation-off" | "insufficient-context" | "state-mismatch" | "operator-close";
export type Gap = "size-exceeded" | "no-pre-image" | "no-target" | "no-status-in-pre-image" | "no-state-parameter" | "unreadable-value";

export interface Change {
  readonly message: string;
  readonly from?: number;
  readonly to?: number;
  readonly state?: number;
  readonly channel?: ChannelKind;
}

/** msdyn_channel values the model does not know, and how many were beyond MAX_OPTION_VALUES. */
export interface ChannelNotes {
  readonly unknownValues: readonly number[];
  readonly omittedValues: number;
}

export type Decision =
  | { readonly kind: "pass"; readonly allowed: true; readonly code: "validation-off" }
  | { readonly kind: "pass"; readonly allowed: true; readonly code: "not-applicable" | "no-status-change"; readonly caller: Caller }
  | {
      readonly kind: "model";
      readonly allowed: boolean;
      readonly caller: Caller;
      readonly verdict: Verdict;
      readonly notes: ChannelNotes;
    }
  | {
      readonly kind: "operator-close";
      readonly allowed: true;
      readonly caller: Caller;
      /** The model's own answer for the move, for the log: an operator's close may go where no rule goes. */
      readonly verdict: Verdict;
    }
  | {
      readonly kind: "insufficient-context";
      readonly allowed: boolean;
      readonly caller: Caller;
      readonly gap: Gap;
      readonly change: Change;
      readonly problem?: string;
    }
  | {
      readonly kind: "state-mismatch";
      readonly allowed: boolean;
      readonly caller: Caller;
      readonly change: Change & { readonly to: number; readonly state: number };
    };

const PASS_OFF = Object.freeze({ kind: "pass", allowed: true, code: "validation-off" } as const);

const STATE_MESSAGES = new Set(["SetState", "SetStateDynamicEntity"]);
/** Dataverse's "use the state's default status reason" in SetState. */
const DEFAULT_STATUS = -1;

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

/** msdyn_channel's values, at most MAX_OPTION_VALUES of them (Web API text included). */
function channelValuesIn(value: Value | undefined): { values: readonly number[]; omitted: number } {
  if (typeof value === "string") {
    const parts = value.split(",", MAX_OPTION_VALUES + 1);
    if (parts.length <= MAX_OPTION_VALUES) return { values: channelValuesOf(value), omitted: 0 };
    let commas = 0;
    for (let i = value.indexOf(","); i >= 0; i = value.indexOf(",", i + 1)) commas++;
    return { values: channelValuesOf(parts.slice(0, MAX_OPTION_VALUES).join(",")), omitted: commas + 1 - MAX_OPTION_VALUES };
  }
  const omitted =
    typeof value === "object" && value !== null && "type" in value && value.type === "OptionSetValueCollection" ? (value.omitted ?? 0) : 0;
  return { values: channelValuesOf(optionsOf(value)), omitted };
}

/** The channel kind from the row's msdyn_channel, and persistent mode from its workstream. */
export function channelOf(row: Entity | undefined, settings: ValidationSettings): { kind: ChannelKind } & ChannelNotes {
  if (!row) return { kind: "unknown", unknownValues: [], omittedValues: 0 };
  const workstream = referenceOf(row.Attributes.get("msdyn_liveworkstreamid"));
  const persistent =
    workstream !== undefined && settings.persistentWorkstreams.size > 0 && settings.persistentWorkstreams.has(normaliseGuid(workstream.id));
  const { values, omitted } = channelValuesIn(row.Attributes.get("msdyn_channel"));
  const { kind, unknownValues } = channelKindOf(values, persistent ? "persistent" : "live");
  return { kind, unknownValues, omittedValues: omitted };
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
  const target = entityOf(raw);
  if (!target) throw new ContextError("InputParameters.Target", "expected an Entity");
  return {
    target,
    status: option(target.Attributes.get("statuscode"), "Target.statuscode"),
    state: option(target.Attributes.get("statecode"), "Target.statecode"),
  };
}

function touchesStatus(context: RemoteExecutionContext): boolean {
  if (STATE_MESSAGES.has(context.MessageName)) return true;
  const target = entityOf(context.InputParameters.get("Target"));
  if (!target) return true;
  return target.Attributes.has("statuscode") || target.Attributes.has("statecode");
}

/**
 * Decides one request. A value the check reads with the wrong type throws ContextError (the host
 * answers 400) for most callers; for the platform, or any change in audit mode, it passes instead,
 * as insufficient context naming the value: never wedge a conversation.
 */
export function validateStatusChange(context: RemoteExecutionContext, settings: ValidationSettings, facts: RequestFacts): Decision {
  if (settings.mode === "off") return PASS_OFF;
  const callerFacts = callerFactsOf(context);
  const caller = classifyCaller(callerFacts, settings);
  if (context.PrimaryEntityName !== CONVERSATION_TABLE) return { kind: "pass", allowed: true, code: "not-applicable", caller };
  const message = context.MessageName;
  if (message !== "Create" && message !== "Update" && !STATE_MESSAGES.has(message))
    return { kind: "pass", allowed: true, code: "not-applicable", caller };

  // Only the listed and the parent-message platform pass unchecked: a user agent can be forged, and a
  // forged one must not reopen a Closed conversation by making its context too large to check.
  const lenient = isPlatform(caller.class) || settings.mode === "audit";
  if (facts.sizeExceeded) return { kind: "insufficient-context", allowed: lenient, caller, gap: "size-exceeded", change: { message } };
  try {
    return decideChange(context, settings, caller, callerFacts, lenient);
  } catch (e) {
    if (!lenient || !(e instanceof ContextError)) throw e;
    return { kind: "insufficient-context", allowed: true, caller, gap: "unreadable-value", change: { message }, problem: e.message };
  }
}

/** An operator may close from any open status (PLATFORM.md §1: force close, an admin closing a stuck conversation). */
function closesFromOpen(from: number, to: number): boolean {
  return statusOf(to)?.terminal === true && statusOf(from)?.state === State.Open;
}

/** Each class's rule (an operator's close is decided before): the verdict the answer reports, and whether the change may go ahead. */
function judge(caller: Caller, from: number, to: number, kind: ChannelKind): { verdict: Verdict; allowed: boolean } {
  switch (caller.class) {
    case "platform":
    case "platform-parent-message":
      return { verdict: evaluate(from, to, kind), allowed: true };
    case "platform-user-agent": {
      // What the platform may do, except leaving Closed: that is what a forged user agent would want.
      const verdict = evaluate(from, to, kind);
      return { verdict, allowed: !(statusOf(from)?.terminal === true && from !== to) };
    }
    case "interactive-user": {
      const verdict = evaluate(from, to, kind, "agent");
      return { verdict, allowed: verdict.allowed };
    }
    case "api-client":
    case "operator": {
      // The move must exist for this channel for some actor; moves no one may make stay denied.
      const verdict = evaluate(from, to, kind);
      return { verdict, allowed: verdict.allowed };
    }
  }
}

function decideChange(
  context: RemoteExecutionContext,
  settings: ValidationSettings,
  caller: Caller,
  callerFacts: CallerFacts,
  lenient: boolean,
): Decision {
  const message = context.MessageName;
  const isCreate = message === "Create";
  if (!touchesStatus(context)) return { kind: "pass", allowed: true, code: "no-status-change", caller };

  const asked = requested(context);
  if (typeof asked === "string") return { kind: "insufficient-context", allowed: lenient, caller, gap: asked, change: { message } };

  // Create has no pre-image: a new conversation starts from the default status of statecode Open.
  const image = isCreate ? undefined : preImageOf(context, settings.preImageAlias);
  const row = isCreate ? asked.target : image;
  if (!isCreate && !image) return { kind: "insufficient-context", allowed: lenient, caller, gap: "no-pre-image", change: { message } };
  const from = isCreate ? defaultStatusOf(State.Open) : option(image?.Attributes.get("statuscode"), "PreEntityImages.statuscode");
  if (from === undefined)
    return { kind: "insufficient-context", allowed: lenient, caller, gap: "no-status-in-pre-image", change: { message } };

  // Without a status reason, Dataverse uses the requested state's default one.
  const currentState =
    option(image?.Attributes.get("statecode"), "PreEntityImages.statecode") ?? (statusOf(from) ? stateOf(from as StatusValue) : undefined);
  if (asked.status === undefined && asked.state === undefined) return { kind: "pass", allowed: true, code: "no-status-change", caller };
  if (asked.status === undefined && asked.state === currentState && !STATE_MESSAGES.has(message))
    return { kind: "pass", allowed: true, code: "no-status-change", caller };
  const state = asked.state ?? currentState;
  const to = asked.status ?? (state === undefined ? undefined : defaultStatusOf(state));
  const { kind, unknownValues, omittedValues } = channelOf(row, settings);
  // Consistency is checked when the request names the state; a lone statuscode brings its own.
  if (to === undefined || (asked.state !== undefined && statusOf(to) && stateOf(to as StatusValue) !== asked.state)) {
    return {
      kind: "state-mismatch",
      allowed: lenient,
      caller,
      change: { message, from, to: to ?? DEFAULT_STATUS, state: state ?? DEFAULT_STATUS, channel: kind },
    };
  }
  let judged = caller;
  if (caller.class === "operator") {
    if (closesFromOpen(from, to)) return { kind: "operator-close", allowed: true, caller, verdict: evaluate(from, to, kind) };
    // Any other move of an operator's is judged as the same request without the operator's reason.
    judged = judgedAs(caller, withoutOperatorReason(callerFacts, settings));
  }
  const { verdict, allowed } = judge(judged, from, to, kind);
  return {
    kind: "model",
    allowed: allowed || settings.mode === "audit",
    caller: judged,
    verdict,
    notes: { unknownValues, omittedValues },
  };
}
