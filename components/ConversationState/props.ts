/**
 * Reads the PCF context into the view's plain props. A form can bind nothing, a harness hands over
 * fake options and odd raw values, and a masked field has no value at all: none of it may throw.
 */
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { channelKindOf, channelValuesOf, type Strings } from "./lifecycle";
import type { Inputs } from "./inputs";
import type { ViewProps } from "./View";
import type { PlatformOption } from "./viewModel";

type Field = { raw?: unknown; formatted?: unknown; security?: { readable?: boolean; editable?: boolean }; attributes?: { Options?: unknown } };
type Bag = { readonly [K in keyof Inputs]?: Field };

const NO_OPTIONS: readonly PlatformOption[] = [];
const text = (raw: unknown): string | null => (typeof raw === "string" ? raw : null);
const wholeNumber = (raw: unknown): number | null => (Number.isInteger(raw) ? (raw as number) : null);
// Passed on as handed over: when the platform keeps the array between updates, the memoised view stays still.
function optionsOf(field?: Field): readonly PlatformOption[] {
  const options = field?.attributes?.Options;
  return Array.isArray(options) ? options : NO_OPTIONS;
}

function dateOf(raw: unknown): number | null {
  const ms = raw instanceof Date || typeof raw === "string" || typeof raw === "number" ? new Date(raw).getTime() : NaN;
  return Number.isFinite(ms) ? ms : null;
}

/** The change reason's label from its own options, else the platform's formatted value. */
function reasonOf(field?: Field): string | null {
  const value = wholeNumber(field?.raw);
  if (value === null) return null;
  const label = optionsOf(field).find((o) => o?.Value === value)?.Label;
  return typeof label === "string" && label ? label : typeof field?.formatted === "string" && field.formatted ? field.formatted : String(value);
}

export function readInput(context: ComponentFramework.Context<Inputs>, strings: Strings): Omit<ViewProps, "onChange"> {
  const bag = context.parameters as Bag;
  const status = bag.statusReason;
  const masked = status?.security?.readable === false;
  // A masked channel decides nothing: no values, so the kind is unknown and no move is hidden wrongly.
  const channels = bag.channel?.security?.readable === false ? [] : channelValuesOf(bag.channel?.raw);
  const design = context.fluentDesignLanguage;
  const minutes = bag.wrapUpMinutes?.raw;
  return {
    value: masked ? null : wholeNumber(status?.raw),
    masked,
    readOnly: context.mode.isControlDisabled || status?.security?.editable === false,
    options: optionsOf(status),
    kind: channels.length > 0 ? channelKindOf(channels, bag.conversationMode?.raw === "persistent" ? "persistent" : "live").kind : null,
    since: dateOf(bag.statusUpdatedOn?.raw),
    changeReason: reasonOf(bag.statusChangeReason),
    wrapUpBlock: text(bag.wrapUpBlock?.raw),
    wrapUpMinutes: typeof minutes === "number" ? minutes : null,
    unavailableActions: bag.unavailableActions?.raw === "disable" ? "disable" : "hide",
    strings,
    rtl: context.userSettings?.isRTL === true,
    // The host's own token theme when it sends one, else Fluent's light or dark web theme.
    theme: design?.tokenTheme ?? (design?.isDarkTheme ? webDarkTheme : webLightTheme),
  };
}
