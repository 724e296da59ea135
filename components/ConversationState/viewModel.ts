/**
 * Pure derivation: the control's plain props → what the badge and the action buttons show, with
 * their accessibility text. Every status, transition and capacity rule comes from the lifecycle model.
 */
import {
  availableTransitions,
  channelKindLabel,
  channelKindOf,
  evaluate,
  formatVerdict,
  parseConversationMode,
  reachableStatuses,
  statusLabel,
  statusOf,
  stateOf,
  STATES,
  wrapUpBlockOf,
  type ChannelKind,
  type StatusName,
  type StatusValue,
  type Strings,
  type WrapUpBlock,
} from "./lifecycle";
import type { ClockInput } from "./timeInStatus";
import { say } from "./strings";

export interface OptionLabel {
  readonly value: number;
  readonly label: string;
}

export type UnavailableActions = "hide" | "disable";

/** Everything the view needs, already read out of the PCF context. */
export interface ViewInput {
  readonly value: number | null;
  /** security.readable is false: the user may not see the value at all. */
  readonly masked: boolean;
  /** Disabled control or security.editable false: show the badge without actions. */
  readonly readOnly: boolean;
  /** The Status Reason field's own options (real labels in Dataverse; fake 0, 1, 2 in pcf-start). */
  readonly options: readonly OptionLabel[];
  readonly channelValues: readonly number[];
  /** "auto", "live" or "persistent"; auto is the workstream default (live). */
  readonly conversationMode: string | null;
  readonly since: number | null;
  readonly changeReason: string | null;
  readonly wrapUpBlock: string | null;
  readonly wrapUpMinutes: number | null;
  readonly unavailableActions: UnavailableActions;
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
  /** "Channel: live chat"; null when masked or when no status is shown. */
  readonly channel: string | null;
  readonly kind: ChannelKind;
  readonly reason: string | null;
  /** A configuration problem the maker should fix (bad wrap-up minutes). */
  readonly warning: string | null;
  readonly clock: ClockInput;
  readonly actions: readonly ActionView[];
  readonly actionsLabel: string;
  /** The status label announced by the live region when it changes; null when masked. */
  readonly announce: string | null;
}

/** True when the field carries Dataverse's real statuscode options rather than a harness's fake ones. */
export function hasStatusOptions(options: readonly OptionLabel[]): boolean {
  return options.length > 0 && options.every((o) => statusOf(o.value) !== undefined);
}

export function labelOf(value: number, options: readonly OptionLabel[], strings: Strings): string {
  const own = hasStatusOptions(options) ? options.find((o) => o.value === value)?.label : undefined;
  return own && own.trim() !== "" ? own : statusLabel(strings, value);
}

function blockOf(input: ViewInput): { block: WrapUpBlock; warning: string | null } {
  const mode = input.wrapUpBlock ?? undefined;
  const block = wrapUpBlockOf(mode, input.wrapUpMinutes ?? undefined);
  if (block) return { block, warning: null };
  const warning = mode === "custom" ? say(input.strings, "capacity.invalidMinutes", { value: String(input.wrapUpMinutes) }) : null;
  return { block: { mode: "always" }, warning };
}

function actionsFor(from: StatusValue, kind: ChannelKind, input: ViewInput): ActionView[] {
  const { strings, options } = input;
  const allowed = new Set<number>(reachableStatuses(from, kind, "agent"));
  const source = statusOf(from);
  const seen = new Set<number>();
  const actions: ActionView[] = [];
  // Every move an agent makes from here on some channel; "unknown" is the kind that admits them all.
  for (const transition of availableTransitions(from, "unknown", "agent")) {
    if (seen.has(transition.to)) continue;
    seen.add(transition.to);
    const enabled = allowed.has(transition.to);
    if (!enabled && input.unavailableActions === "hide") continue;
    const target = statusOf(transition.to);
    const status = labelOf(transition.to, options, strings);
    actions.push({
      to: transition.to,
      label: strings(`action.${source?.name}-${target?.name}`) ?? say(strings, "action.moveTo", { status }),
      hint: say(strings, "action.hint", { status }),
      enabled,
      reason: enabled ? null : formatVerdict(evaluate(from, transition.to, kind, "agent"), strings),
      confirm: target?.terminal === true,
    });
  }
  return actions;
}

const reasonOf = (input: ViewInput): string | null =>
  input.changeReason === null ? null : say(input.strings, "control.reason", { reason: input.changeReason });

export function viewModel(input: ViewInput): ViewModel {
  const { strings } = input;
  const actionsLabel = say(strings, "control.actions");
  const { block, warning } = blockOf(input);
  const none = { channel: null, kind: "unknown" as ChannelKind, reason: null, warning, actions: [], actionsLabel };
  if (input.masked) {
    return { ...none, badge: { tone: "masked", label: say(strings, "control.masked"), state: null, help: null }, clock: { status: null, since: null, block }, announce: null };
  }
  if (input.value === null) {
    const label = say(strings, "control.empty");
    return { ...none, badge: { tone: "empty", label, state: null, help: null }, clock: { status: null, since: null, block }, announce: label };
  }
  const value = input.value;
  const status = statusOf(value);
  const label = labelOf(value, input.options, strings);
  if (!status) {
    const badge: BadgeView = { tone: "unknown", label, state: null, help: say(strings, "control.unknownHelp") };
    return { ...none, badge, clock: { status: null, since: null, block }, reason: reasonOf(input), announce: label };
  }
  const mode = parseConversationMode(input.conversationMode === "auto" ? undefined : (input.conversationMode ?? undefined)) ?? "live";
  const { kind } = channelKindOf(input.channelValues, mode);
  const state = STATES.find((s) => s.value === stateOf(status.value));
  // Resolved and Scheduled are states of their own, named like their status.
  const stateText = strings(`state.${state?.name}`) ?? strings(`status.${state?.name}`) ?? state?.label ?? "";
  return {
    badge: { tone: status.name, label, state: say(strings, "control.state", { state: stateText }), help: null },
    channel: input.channelValues.length > 0 ? say(strings, "control.channel", { channel: channelKindLabel(strings, kind) }) : null,
    kind,
    reason: reasonOf(input),
    warning,
    clock: { status: value, since: input.since, block },
    actions: input.readOnly ? [] : actionsFor(status.value, kind, input),
    actionsLabel,
    announce: label,
  };
}
