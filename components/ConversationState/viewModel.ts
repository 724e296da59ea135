/**
 * Pure derivation: the PCF context → what the badge and the action buttons show, with their
 * accessibility text. Status rows, moves and why a move is denied come from the lifecycle model.
 */
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";
import {
  channelValuesOf,
  kindOf,
  movesOf,
  statusRow,
  whyText,
  wrapUpBlockOf,
  type ChannelKind,
  type StatusName,
  type StatusRow,
} from "./lifecycle";
import type { Inputs } from "./inputs";
import { choiceLabel, dateOf, isMasked, optionsOf, wholeNumber, type Bag, type PlatformOption } from "./props";
import { sayFrom, text, type Say } from "./strings";
import type { Clock } from "./timeInStatus";

/** Tone picks colour and icon: a status name, or one of the non-status cases. */
export type BadgeTone = StatusName | "unknown" | "empty" | "masked";

export interface ActionView {
  readonly to: number;
  readonly label: string;
  /** "Moves the conversation to Wrap-up.", for screen readers. */
  readonly hint: string;
  /** Why the move is unavailable here (the model's verdict, localised); null when the agent can make it. */
  readonly why: string | null;
  /** Closed cannot be undone, so it asks first. */
  readonly confirm: boolean;
}

export interface ViewModel {
  readonly tone: BadgeTone;
  readonly label: string;
  /** Small texts by the badge: the state (or why nothing is shown), then, after the clock, channel, change reason, help. */
  readonly notes: readonly (string | null)[];
  /** A configuration problem the maker should fix (bad wrap-up minutes). */
  readonly warning: string | null;
  /** What the time-dependent texts need; null when there is no known status to time. */
  readonly clock: Clock | null;
  readonly actions: readonly ActionView[];
  readonly dir: "ltr" | "rtl";
  readonly theme: Theme;
  /** The resx strings, filled in. */
  readonly say: Say;
}

/** The field's own label when it carries Dataverse's real statuscode options (not a harness's fake 0, 1, 2), else ours. */
export const labelOf = (value: number, options: readonly PlatformOption[], say: Say): string => {
  const own = options.length > 0 && options.every((o) => statusRow(o?.Value)) ? text(options.find((o) => o.Value === value)?.Label) : "";
  const row = statusRow(value);
  return own.trim() ? own : row ? say(`status.${row[0]}`) : say("status.unknown", { value: String(value) });
};

/** The moves an agent makes from here on some channel: the ones this kind denies are left out, or kept with why. */
const actionsFor = (
  value: number,
  [from]: StatusRow,
  kind: ChannelKind,
  showDenied: boolean,
  options: readonly PlatformOption[],
  say: Say,
): ActionView[] =>
  movesOf(value, kind)
    .filter(([, why]) => showDenied || !why)
    .map(([to, why]) => {
      const [target, , , final] = statusRow(to) as StatusRow;
      const status = labelOf(to, options, say);
      const key = `action.${from}-${target}`;
      const label = say(key);
      return {
        to,
        // The seed's wording for the move, else "Move to …".
        label: label === key ? say("action.moveTo", { status }) : label,
        hint: say("action.hint", { status }),
        why: why ? whyText(why, from, target, kind, say) : null,
        confirm: !!final,
      };
    });

export const viewModel = (context: ComponentFramework.Context<Inputs>): ViewModel => {
  const say = sayFrom((key) => context.resources.getString(key));
  const {
    statusReason: field,
    channel,
    statusUpdatedOn,
    statusChangeReason,
    conversationMode,
    wrapUpBlock,
    wrapUpMinutes,
    unavailableActions,
  } = context.parameters as Bag;
  const masked = isMasked(field);
  const value = masked ? null : wholeNumber(field?.raw);
  const status = statusRow(value);
  const options = optionsOf(field);
  const label = masked ? "••••" : value === null ? say("control.empty") : labelOf(value, options, say);
  // A masked channel decides nothing: no values, so the kind is unknown and no move is hidden wrongly.
  const channels = isMasked(channel) ? [] : channelValuesOf(channel?.raw);
  const kind = channels.length > 0 ? kindOf(channels, conversationMode?.raw === "persistent") : null;
  const reason = value === null ? null : choiceLabel(statusChangeReason);
  const mode = text(wrapUpBlock?.raw);
  const minutes = typeof wrapUpMinutes?.raw === "number" ? wrapUpMinutes.raw : null;
  const block = wrapUpBlockOf(mode || undefined, minutes ?? undefined);
  const design = context.fluentDesignLanguage;
  return {
    tone: masked ? "masked" : status ? status[0] : value === null ? "empty" : "unknown",
    label,
    notes: [
      masked ? say("control.masked") : status ? say("control.state", { state: say(`state.${status[1]}`) }) : null,
      status && kind ? say("control.channel", { channel: say(`channelKind.${kind}`) }) : null,
      reason === null ? null : say("control.reason", { reason }),
      value !== null && !status ? say("control.unknownHelp") : null,
    ],
    warning: !block && mode === "custom" ? say("capacity.invalidMinutes", { value: String(minutes) }) : null,
    clock: status ? { capacity: status[2], since: dateOf(statusUpdatedOn?.raw), block } : null,
    actions:
      status && !context.mode.isControlDisabled && field?.security?.editable !== false
        ? actionsFor(value as number, status, kind ?? "unknown", unavailableActions?.raw === "disable", options, say)
        : [],
    dir: context.userSettings?.isRTL === true ? "rtl" : "ltr",
    // The host's own token theme when it sends one, else Fluent's light or dark web theme.
    theme: design?.tokenTheme ?? (design?.isDarkTheme ? webDarkTheme : webLightTheme),
    say,
  };
};
