/** Localised text for the control: the resx strings PCF hands over, as the model's Strings lookup. */
import { formatTemplate, type Strings } from "./lifecycle";

/** PCF answers a missing key with the key itself (or nothing); both count as missing. */
export function stringsFrom(getString: (key: string) => string): Strings {
  return (key) => {
    const text = getString(key);
    return text && text !== key ? text : undefined;
  };
}

/** A resx template filled in; the key shows through when a string is missing, so the gap is visible. */
export function say(strings: Strings, key: string, values: Readonly<Record<string, string>> = {}): string {
  return formatTemplate(strings(key) ?? key, values);
}
