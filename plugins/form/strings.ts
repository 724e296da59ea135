/**
 * The form script's strings at run time: the table scripts/build-form.ts embeds from the control's
 * resx files (the one source of text), and the lookup that picks the user's language.
 */
import type { Strings } from "../lifecycle/format";

export const ENGLISH = 1033;

/**
 * Keys are listed once and every language is an array in the same order, which keeps the keys out
 * of the bundle three times over. A missing value (null) falls back to English for that key only.
 */
export interface StringTable {
  readonly keys: readonly string[];
  readonly languages: Readonly<Record<string, readonly (string | null)[]>>;
}

/** The strings for a language: unknown languages get English, missing keys get English one by one. */
export function stringsFor(table: StringTable, lcid: number | undefined): Strings {
  const english = table.languages[ENGLISH] ?? [];
  const chosen = (lcid !== undefined && table.languages[lcid]) || english;
  const index = new Map(table.keys.map((k, i) => [k, i]));
  return (key) => {
    const i = index.get(key);
    return i === undefined ? undefined : (chosen[i] ?? english[i] ?? undefined);
  };
}
