/**
 * Pure derivation: the control's state and settings → what the badge, the notice and the buttons
 * show, with their accessibility text. Moves and why one is denied come from the lifecycle model
 * (agent.ts), sentences and status labels from its formatter, labels from the table's metadata first.
 */
import { agentMoves, agentVerdict } from "../../plugins/lifecycle/agent";
import { channelKindOf, type ChannelKind } from "../../plugins/lifecycle/channels";
import { formatVerdict, statusLabel } from "../../plugins/lifecycle/format";
import { statusOf, type StatusDefinition, type StatusName } from "../../plugins/lifecycle/statuses";
import type { ConversationRecord } from "./record";
import type { Action, State } from "./store";
import type { ControlSettings } from "./settings";
import type { Say } from "./strings";
import type { Clock } from "./timeInStatus";

/** Tone picks colour and icon: a status name, or one of the states without a status. */
export type BadgeTone = StatusName | "unknown" | "masked" | "loading" | "setup" | "new" | "unavailable";

export interface ActionView {
  readonly to: number;
  readonly label: string;
  /** "Moves the conversation to Wrap-up.", for screen readers. */
  readonly hint: string;
  /** Why the move is unavailable on this channel (the model's verdict, localised); null when the agent can make it. */
  readonly why: string | null;
  /** Closed cannot be undone, so it asks first. */
  readonly confirm: boolean;
  /** The lifecycle trigger the button stands for, sent with the request. */
  readonly trigger: string | null;
}

export interface Notice {
  readonly intent: "info" | "warning" | "error";
  readonly text: string;
  /** Its button, if any: read again (control.retry), or put an answer away (control.dismiss). */
  readonly button?: "retry" | "dismiss";
  /** Work in progress (a spinner). */
  readonly busy?: boolean;
}

export interface ViewModel {
  readonly tone: BadgeTone;
  readonly label: string;
  /** The badge is being read (first read or refresh). */
  readonly busy: boolean;
  /** Small texts after the badge and its clock: channel, change reason, help. */
  readonly notes: readonly (string | null)[];
  readonly clock: Clock | null;
  readonly notice: Notice | null;
  /** A configuration problem the maker should fix (bad wrap-up minutes). */
  readonly warning: string | null;
  readonly actions: readonly ActionView[];
  /** A move is on its way: the buttons wait. */
  readonly actionsBusy: boolean;
}

/** Everything but the badge and the notice, for the states without a status. */
const NO_STATUS = { busy: false, notes: [], clock: null, notice: null, warning: null, actions: [], actionsBusy: false } as const;

/** The conversation's channel kind: its msdyn_channel values, in the workstream's mode (or the maker's). */
function kindOf(record: ConversationRecord, { modes }: State, settings: ControlSettings): ChannelKind {
  const read = record.workstreamId === null ? null : modes[record.workstreamId];
  return channelKindOf(record.channels, settings.mode === "auto" ? (read ?? "live") : settings.mode).kind;
}

/** The table's own label of a status, else the model's (resx, then English). */
const statusLabelOf = (value: number, { labels }: State, say: Say): string => labels?.status.get(value) ?? statusLabel(say.strings, value);

/** The moves an agent makes from here on some channel: the ones this kind denies are left out, or kept with why. */
function actionsFor(from: StatusDefinition, kind: ChannelKind, state: State, settings: ControlSettings, say: Say): ActionView[] {
  if (!settings.actions) return [];
  return agentMoves(from.value, "unknown").flatMap((to) => {
    const verdict = agentVerdict(from.value, to, kind);
    if (!verdict.allowed && !settings.showDenied) return [];
    const target = statusOf(to) as StatusDefinition;
    const status = statusLabelOf(to, state, say);
    return {
      to,
      // The seed's wording for the move, else "Move to …".
      label: say.strings(`action.${from.name}-${target.name}`) ?? say("action.moveTo", { status }),
      hint: say("action.hint", { status }),
      why: verdict.allowed ? null : formatVerdict(verdict, say.strings),
      confirm: target.terminal,
      trigger: verdict.params.trigger ?? null,
    };
  });
}

function actionNotice(action: Action, say: Say): Notice | null {
  switch (action.kind) {
    case "pending":
      return { intent: "info", text: say("control.working"), busy: true };
    case "refused":
      return { intent: "warning", text: action.message, button: "dismiss" };
    case "failed":
      return { intent: "error", text: say("control.failed", { message: action.message }), button: "dismiss" };
    case "no-handler":
      return { intent: "warning", text: say("control.noHandler"), button: "dismiss" };
    case "idle":
      return null;
  }
}

export function viewModel(state: State, settings: ControlSettings, say: Say): ViewModel {
  const { target } = settings;
  if (target.kind === "not-configured")
    return { ...NO_STATUS, tone: "setup", label: say("control.setup"), notice: { intent: "info", text: say("control.noEntityId") } };
  if (target.kind === "wrong-table")
    return {
      ...NO_STATUS,
      tone: "setup",
      label: say("control.setup"),
      notice: { intent: "error", text: say("control.wrongTable", { table: target.table }) },
    };
  if (target.kind === "new-record") return { ...NO_STATUS, tone: "new", label: say("control.newLabel"), notes: [say("control.newRecord")] };

  const { record, problem } = state;
  const problemNotice: Notice | null = problem && {
    intent: problem.kind === "offline" ? "warning" : "error",
    text: say(`control.${problem.kind}`, { message: problem.message }),
    button: "retry",
  };
  if (!record)
    return problemNotice
      ? { ...NO_STATUS, tone: "unavailable", label: say("control.unavailable"), notice: problemNotice }
      : { ...NO_STATUS, tone: "loading", label: say("control.loading"), busy: true };

  const value = record.status;
  const status = statusOf(value);
  const kind = kindOf(record, state, settings);
  // The table's own label of the change reason, else the Web API's formatted value, else the number.
  const reason =
    record.changeReason === null
      ? null
      : (state.labels?.changeReason.get(record.changeReason) ?? record.changeReasonText ?? String(record.changeReason));
  return {
    // Dataverse returns no value for a column the user may not read (column security): the status is hidden.
    tone: value === null ? "masked" : (status?.name ?? "unknown"),
    label: value === null ? say("control.hidden") : statusLabelOf(value, state, say),
    busy: state.reading,
    notes: [
      value === null ? say("control.masked") : null,
      status ? say("control.channel", { channel: say(`channelKind.${kind}`) }) : null,
      reason === null ? null : say("control.reason", { reason }),
      value !== null && !status ? say("control.unknownHelp") : null,
    ],
    clock: status ? { status: status.value, since: record.statusUpdatedOn ?? settings.boundUpdatedOn, block: settings.block } : null,
    notice:
      actionNotice(state.action, say) ?? (problemNotice && { ...problemNotice, text: `${problemNotice.text} ${say("control.lastRead")}` }),
    // wrapUpBlockOf gives nothing only for custom minutes outside 1–60.
    warning: settings.block === undefined ? say("capacity.invalidMinutes", { value: String(settings.blockMinutes) }) : null,
    actions: status ? actionsFor(status, kind, state, settings, say) : [],
    actionsBusy: state.action.kind === "pending",
  };
}
