/**
 * Pure derivation: the control's plain props → what the badge and the action buttons show, with
 * their accessibility text. Every status, transition and capacity rule comes from the lifecycle model.
 */
import {
  agentMoves,
  agentVerdict,
  channelKindLabel,
  formatVerdict,
  statusLabel,
  statusOf,
  STATES,
  wrapUpBlockOf,
  type ChannelKind,
  type StatusName,
  type StatusValue,
  type Strings,
} from "./lifecycle";
import type { ClockInput } from "./timeInStatus";
import { say } from "./strings";

/** One of a choice field's options, as the platform hands it over (attributes.Options). */
export interface PlatformOption {
  readonly Value?: unknown;
  readonly Label?: unknown;
}

/** Everything the view needs, already read out of the PCF context. */
export interface ViewInput {
  readonly value: number | null;
  /** security.readable is false: the user may not see the value at all. */
  readonly masked: boolean;
  /** Disabled control or security.editable false: show the badge without actions. */
  readonly readOnly: boolean;
  /** The Status Reason field's own options (real labels in Dataverse; fake 0, 1, 2 in pcf-start). */
  readonly options: readonly PlatformOption[];
  /** The channel kind of the bound msdyn_channel; null when it is unbound, empty or masked. */
  readonly kind: ChannelKind | null;
  readonly since: number | null;
  readonly changeReason: string | null;
  readonly wrapUpBlock: string | null;
  readonly wrapUpMinutes: number | null;
  readonly unavailableActions: "hide" | "disable";
  readonly strings: Strings;
}

/** Tone picks colour and icon; a status name, or one of the non-status cases. */
export type BadgeTone = StatusName | "unknown" | "empty" | "masked";

export interface BadgeView {
  readonly tone: BadgeTone;
  readonly label: string;
  /** "State: Open" / "State: Closed"; null when there is no known status. */
  readonly state: string | null;
  /** What to do about an unknown value. */
  readonly help: string | null;
}

export interface ActionView {
  readonly to: StatusValue;
  readonly label: string;
  /** "Moves the conversation to Wrap-up.", for screen readers. */
  readonly hint: string;
  readonly enabled: boolean;
  /** Why a shown action is disabled (the model's verdict, localised). */
  readonly reason: string | null;
  /** Closed cannot be undone, so it asks first. */
  readonly confirm: boolean;
}

export interface ViewModel {
  readonly badge: BadgeView;
  /** "Channel: live chat"; null when masked, unbound or when no status is shown. */
  readonly channel: string | null;
  readonly reason: string | null;
  /** A configuration problem the maker should fix (bad wrap-up minutes). */
  readonly warning: string | null;
  readonly clock: ClockInput;
  readonly actions: readonly ActionView[];
  /** The status label announced by the live region when it changes; null when masked. */
  readonly announce: string | null;
}

/** True when the field carries Dataverse's real statuscode options rather than a harness's fake ones. */
export function hasStatusOptions(options: readonly PlatformOption[]): boolean {
  return options.length > 0 && options.every((o) => statusOf(o?.Value) !== undefined);
}

export function labelOf(value: number, options: readonly PlatformOption[], strings: Strings): string {
  const own = hasStatusOptions(options) ? options.find((o) => o.Value === value)?.Label : undefined;
  return typeof own === "string" && own.trim() !== "" ? own : statusLabel(strings, value);
}

function actionsFor(from: NonNullable<ReturnType<typeof statusOf>>, kind: ChannelKind, input: ViewInput): ActionView[] {
  const { strings } = input;
  const allowed = agentMoves(from.value, kind);
  // Every move an agent makes from here on some channel; "unknown" is the kind that admits them all.
  return agentMoves(from.value, "unknown").flatMap((to) => {
    const enabled = allowed.includes(to);
    if (!enabled && input.unavailableActions === "hide") return [];
    const target = statusOf(to) as NonNullable<ReturnType<typeof statusOf>>;
    const status = labelOf(to, input.options, strings);
    return {
      to,
      label: strings(`action.${from.name}-${target.name}`) ?? say(strings, "action.moveTo", { status }),
      hint: say(strings, "action.hint", { status }),
      enabled,
      reason: enabled ? null : formatVerdict(agentVerdict(from.value, to, kind), strings),
      confirm: target.terminal,
    };
  });
}

export function viewModel(input: ViewInput): ViewModel {
  const { strings, value, masked } = input;
  const status = masked ? undefined : statusOf(value);
  // A value is shown: not masked and not empty (known or not).
  const shown = !masked && value !== null;
  const label = masked ? say(strings, "control.masked") : value === null ? say(strings, "control.empty") : labelOf(value, input.options, strings);
  const state = status && STATES.find((s) => s.value === status.state);
  const block = wrapUpBlockOf(input.wrapUpBlock ?? undefined, input.wrapUpMinutes ?? undefined);
  return {
    badge: {
      tone: masked ? "masked" : status ? status.name : shown ? "unknown" : "empty",
      label,
      // Resolved and Scheduled are states of their own, named like their status.
      state: state ? say(strings, "control.state", { state: strings(`state.${state.name}`) ?? statusLabel(strings, state.defaultStatus) }) : null,
      help: shown && !status ? say(strings, "control.unknownHelp") : null,
    },
    channel: status && input.kind ? say(strings, "control.channel", { channel: channelKindLabel(strings, input.kind) }) : null,
    reason: shown && input.changeReason !== null ? say(strings, "control.reason", { reason: input.changeReason }) : null,
    warning: !block && input.wrapUpBlock === "custom" ? say(strings, "capacity.invalidMinutes", { value: String(input.wrapUpMinutes) }) : null,
    clock: { status: status ? status.value : null, since: status ? input.since : null, block: block ?? { mode: "always" } },
    actions: status && !input.readOnly ? actionsFor(status, input.kind ?? "unknown", input) : [],
    announce: masked ? null : label,
  };
}
