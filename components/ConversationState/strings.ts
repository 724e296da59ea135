/** Localised text for the control: the resx strings PCF hands over, looked up and filled in. */
import { formatTemplate, type Strings } from "../../plugins/lifecycle/format";

/** A resx template filled in; the key itself when the string is missing, so the gap is visible. */
export type Say = ((key: string, values?: Readonly<Record<string, string>>) => string) & {
  /** The same strings for the model's formatters: undefined when missing. */
  readonly strings: Strings;
};

/** PCF answers a missing key with the key itself (or nothing): both count as missing. */
export function sayFrom(getString: (key: string) => string | undefined): Say {
  const strings: Strings = (key) => {
    const text = getString(key);
    return text && text !== key ? text : undefined;
  };
  return Object.assign((key: string, values: Readonly<Record<string, string>> = {}) => formatTemplate(strings(key) ?? key, values), {
    strings,
  });
}
