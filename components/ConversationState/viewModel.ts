/**
 * Pure derivation: the control's state and settings → what the badge, the notice and the buttons
 * show, with their accessibility text. Moves and why one is denied come from the lifecycle model
 * (agent.ts), sentences from its formatter, labels from the table's metadata or the resx files.
 */
import { agentMoves, agentVerdict } from "../../plugins/lifecycle/agent";
import { channelKindOf, type ChannelKind } from "../../plugins/lifecycle/channels";
import { formatVerdict } from "../../plugins/lifecycle/format";
import { statusOf, type StatusName } from "../../plugins/lifecycle/statuses";
import { recordShown, type State } from "./store";
import type { ConversationRecord } from "./record";
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
  /** A read can be tried again. */
  readonly retry: boolean;
  /** An answer to a move can be put away. */
  readonly dismiss: boolean;
  /** Work in progress (a spinner). */
  readonly busy: boolean;
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
  readonly dir: "ltr" | "rtl";
  readonly say: Say;
}

const notice = (intent: Notice["intent"], text: string, more: Partial<Notice> = {}): Notice => ({
  intent,
  text,
  retry: false,
  dismiss: false,
  busy: false,
  ...more,
});

/** The conversation's channel kind: its msdyn_channel values, in the workstream's mode (or the maker's). */
function kindOf(record: ConversationRecord, state: State, settings: ControlSettings): ChannelKind {
  const read = record.workstreamId === null ? null : state.modes[record.workstreamId];
  const mode = settings.mode !== "auto" ? settings.mode : (read ?? "live");
  return channelKindOf(record.channels, mode).kind;
}

function statusLabelOf(value: number, state: State, say: Say): string {
  const status = statusOf(value);
  return state.labels?.status.get(value) ?? (status ? say(`status.${status.name}`) : say("status.unknown", { value: String(value) }));
}

/** The table's own label of a change reason, else the Web API's formatted value, else the number. */
const reasonLabelOf = (record: ConversationRecord, state: State): string | null =>
  record.changeReason === null
    ? null
    : (state.labels?.changeReason.get(record.changeReason) ?? record.changeReasonText ?? String(record.changeReason));

/** The moves an agent makes from here on some channel: the ones this kind denies are left out, or kept with why. */
function actionsFor(from: number, kind: ChannelKind, state: State, settings: ControlSettings, say: Say): ActionView[] {
  const source = statusOf(from);
  if (!source || !settings.actions) return [];
  return agentMoves(from, "unknown").flatMap((to) => {
    const verdict = agentVerdict(from, to, kind);
    if (!verdict.allowed && !settings.showDenied) return [];
    const target = statusOf(to);
    const status = statusLabelOf(to, state, say);
    const key = `action.${source.name}-${target?.name}`;
    const label = say(key);
    return [
      {
        to,
        // The seed's wording for the move, else "Move to …".
        label: label === key ? say("action.moveTo", { status }) : label,
        hint: say("action.hint", { status }),
        why: verdict.allowed ? null : formatVerdict(verdict, say.strings),
        confirm: target?.terminal === true,
        trigger: verdict.params.trigger ?? null,
      },
    ];
  });
}

function actionNotice(state: State, say: Say): Notice | null {
  const action = state.action;
  switch (action.kind) {
    case "pending":
      return notice("info", say("control.working"), { busy: true });
    case "refused":
      return notice("warning", action.message, { dismiss: true });
    case "failed":
      return notice("error", say("control.failed", { message: action.message }), { dismiss: true });
    case "no-handler":
      return notice("warning", say("control.noHandler"), { dismiss: true });
    case "idle":
      return null;
  }
}

const PROBLEM_KEYS = {
  offline: "control.offline",
  forbidden: "control.forbidden",
  "not-found": "control.notFound",
  failed: "control.readFailed",
} as const;

export function viewModel(state: State, settings: ControlSettings, say: Say): ViewModel {
  const base = { notes: [], clock: null, actions: [], actionsBusy: false, warning: null, dir: settings.rtl ? "rtl" : "ltr", say } as const;
  const target = settings.target;
  if (target.kind === "not-configured")
    return { ...base, tone: "setup", label: say("control.setup"), busy: false, notice: notice("info", say("control.noEntityId")) };
  if (target.kind === "wrong-table")
    return {
      ...base,
      tone: "setup",
      label: say("control.setup"),
      busy: false,
      notice: notice("error", say("control.wrongTable", { table: target.table })),
    };
  if (target.kind === "new-record")
    return { ...base, tone: "new", label: say("control.newLabel"), busy: false, notes: [say("control.newRecord")], notice: null };

  const read = state.read;
  const problem =
    read.kind === "problem"
      ? notice(read.problem === "offline" ? "warning" : "error", say(PROBLEM_KEYS[read.problem], { message: read.message }), {
          retry: true,
        })
      : null;
  const record = recordShown(read);
  if (!record) {
    const loading = read.kind !== "problem";
    return {
      ...base,
      tone: loading ? "loading" : "unavailable",
      label: say(loading ? "control.loading" : "control.unavailable"),
      busy: loading,
      notice: problem,
    };
  }

  const value = record.status;
  const status = statusOf(value);
  const kind = kindOf(record, state, settings);
  const reason = reasonLabelOf(record, state);
  return {
    ...base,
    // Dataverse returns no value for a column the user may not read (column security): the status is hidden.
    tone: value === null ? "masked" : (status?.name ?? "unknown"),
    label: value === null ? say("control.hidden") : statusLabelOf(value, state, say),
    busy: read.kind === "shown" && read.refreshing,
    notes: [
      value === null ? say("control.masked") : null,
      status ? say("control.channel", { channel: say(`channelKind.${kind}`) }) : null,
      reason === null ? null : say("control.reason", { reason }),
      value !== null && !status ? say("control.unknownHelp") : null,
    ],
    clock: status ? { status: status.value, since: record.statusUpdatedOn ?? settings.boundUpdatedOn, block: settings.block } : null,
    notice: actionNotice(state, say) ?? (problem ? { ...problem, text: `${problem.text} ${say("control.lastRead")}` } : null),
    // wrapUpBlockOf gives nothing only for custom minutes outside 1–60.
    warning: settings.block === undefined ? say("capacity.invalidMinutes", { value: String(settings.blockMinutes) }) : null,
    actions: value === null ? [] : actionsFor(value, kind, state, settings, say),
    actionsBusy: state.action.kind === "pending",
  };
}
