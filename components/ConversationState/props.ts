/**
 * Reads the PCF property bag's fields. A form can bind nothing, a harness hands over fake options and
 * odd raw values, and a masked field has no value at all: none of it may throw.
 */
import type { Inputs } from "./inputs";
import { text } from "./strings";

/** One of a choice field's options, as the platform hands it over (attributes.Options). */
export interface PlatformOption {
  readonly Value?: unknown;
  readonly Label?: unknown;
}

/** A property as it may arrive: any part missing or of the wrong type. */
export interface Field {
  readonly raw?: unknown;
  readonly formatted?: unknown;
  readonly security?: { readonly readable?: boolean; readonly editable?: boolean };
  readonly attributes?: { readonly Options?: unknown };
}
export type Bag = { readonly [K in keyof Inputs]?: Field };

const NO_OPTIONS: readonly PlatformOption[] = [];

export const wholeNumber = (raw: unknown): number | null => (Number.isInteger(raw) ? (raw as number) : null);

/** Masked by field security: the user may not read the value. */
export const isMasked = (field?: Field): boolean => field?.security?.readable === false;

/** A choice field's options, or none when the platform sends no list. */
export const optionsOf = (field?: Field): readonly PlatformOption[] =>
  Array.isArray(field?.attributes?.Options) ? field.attributes.Options : NO_OPTIONS;

/** A date and time in epoch ms, or null when unset or not a date. */
export const dateOf = (raw: unknown): number | null => {
  const ms = raw instanceof Date || typeof raw === "string" || typeof raw === "number" ? new Date(raw).getTime() : NaN;
  return Number.isFinite(ms) ? ms : null;
};

/** A choice's label from its own options, else the platform's formatted value, else the number. */
export const choiceLabel = (field?: Field): string | null => {
  const value = wholeNumber(field?.raw);
  return value === null ? null : text(optionsOf(field).find((o) => o?.Value === value)?.Label) || text(field?.formatted) || String(value);
};
