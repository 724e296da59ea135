/** Localised text for the control: the resx strings PCF hands over, looked up and filled in by one function. */
import { fill } from "./lifecycle";

/** A resx template filled in; the key itself when the string is missing, so the gap is visible. */
export type Say = (key: string, values?: Readonly<Record<string, string>>) => string;

/** PCF answers a missing key with the key itself (or nothing); both show the key. */
export const sayFrom =
  (getString: (key: string) => string | undefined): Say =>
  (key, values = {}) =>
    fill(getString(key) || key, values);

/** A string as handed over, or "" for anything else (so `||` can fall back). */
export const text = (value: unknown): string => (typeof value === "string" ? value : "");
