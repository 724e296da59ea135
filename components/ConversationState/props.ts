/**
 * Reads the PCF property bag into plain values. Defensive on purpose: a form can bind nothing,
 * a harness can hand over fake metadata, and a masked field has no value at all.
 */
import { channelValuesOf, type Strings } from "./lifecycle";
import type { Inputs } from "./inputs";
import type { OptionLabel, UnavailableActions, ViewInput } from "./viewModel";

type Bag = { readonly [K in keyof Inputs]?: unknown };
type Field = { raw?: unknown; formatted?: unknown; security?: { readable?: unknown; editable?: unknown }; attributes?: { Options?: unknown } };

const field = (bag: Bag, name: keyof Inputs): Field => {
  const value = bag[name];
  return typeof value === "object" && value !== null ? (value as Field) : {};
};

const wholeNumber = (raw: unknown): number | null => (typeof raw === "number" && Number.isInteger(raw) ? raw : null);
const text = (raw: unknown): string | null => (typeof raw === "string" ? raw : null);

/** Fields keep the same Options array between updates; keeping our copy keeps memoised views still. */
const optionCache = new WeakMap<object, readonly OptionLabel[]>();
const NO_OPTIONS: readonly OptionLabel[] = [];
const NO_CHANNELS: readonly number[] = [];

export function optionsOf(attributes: Field["attributes"]): readonly OptionLabel[] {
  const options = attributes?.Options;
  if (!Array.isArray(options)) return NO_OPTIONS;
  const cached = optionCache.get(options);
  if (cached) return cached;
  const labels = options
    .filter((o): o is { Value: number; Label?: unknown } => typeof o === "object" && o !== null && Number.isInteger((o as { Value?: unknown }).Value))
    .map((o) => ({ value: o.Value, label: typeof o.Label === "string" ? o.Label : "" }));
  optionCache.set(options, labels);
  return labels;
}

// The same channel values give the same array, so the memoised view skips a re-render.
let lastChannels: readonly number[] = [];
function channelsOf(raw: unknown): readonly number[] {
  const values = channelValuesOf(raw);
  if (values.length === lastChannels.length && values.every((v, i) => v === lastChannels[i])) return lastChannels;
  lastChannels = values;
  return values;
}

function dateOf(raw: unknown): number | null {
  const ms = raw instanceof Date ? raw.getTime() : typeof raw === "string" || typeof raw === "number" ? new Date(raw).getTime() : NaN;
  return Number.isFinite(ms) ? ms : null;
}

function reasonOf(reason: Field): string | null {
  const value = wholeNumber(reason.raw);
  if (value === null) return null;
  const label = optionsOf(reason.attributes).find((o) => o.value === value)?.label;
  if (label) return label;
  return typeof reason.formatted === "string" && reason.formatted !== "" ? reason.formatted : String(value);
}

export interface ContextFlags {
  /** context.mode.isControlDisabled */
  readonly disabled: boolean;
}

export function readInput(parameters: Bag, flags: ContextFlags, strings: Strings): ViewInput {
  const status = field(parameters, "statusReason");
  const masked = status.security?.readable === false;
  const channels = field(parameters, "channel");
  return {
    value: masked ? null : wholeNumber(status.raw),
    masked,
    readOnly: flags.disabled === true || status.security?.editable === false,
    options: optionsOf(status.attributes),
    // A masked channel decides nothing: no values, so the kind is unknown and no move is hidden wrongly.
    channelValues: channels.security?.readable === false ? NO_CHANNELS : channelsOf(channels.raw),
    conversationMode: text(field(parameters, "conversationMode").raw),
    since: dateOf(field(parameters, "statusUpdatedOn").raw),
    changeReason: reasonOf(field(parameters, "statusChangeReason")),
    wrapUpBlock: text(field(parameters, "wrapUpBlock").raw),
    wrapUpMinutes: ((raw) => (typeof raw === "number" ? raw : null))(field(parameters, "wrapUpMinutes").raw),
    unavailableActions: (field(parameters, "unavailableActions").raw === "disable" ? "disable" : "hide") as UnavailableActions,
    strings,
  };
}
