/**
 * Build time: which resx keys the form script can show, and the compact table that embeds them.
 * Pure (the caller reads the resx files), so the builder and the tests share it.
 */
import { ALL_CHANNEL_KINDS } from "../lifecycle/channels";
import { formatVerdict, statusLabel, type Strings } from "../lifecycle/format";
import { STATUSES } from "../lifecycle/statuses";
import { evaluate } from "../lifecycle/verdict";
import { ENGLISH, type StringTable } from "./strings";

/** The templates the form wraps a verdict in. */
export const FORM_KEYS = ["form.reverted", "form.saveBlocked", "form.deactivateBlocked", "form.reactivateBlocked"] as const;

/**
 * Every key the form can ever show, found by asking the model: each move an agent can be denied,
 * on every channel kind, formatted once with a strings function that records what it reads.
 */
export function formKeys(): string[] {
  const keys = new Set<string>(FORM_KEYS);
  const record: Strings = (key) => {
    keys.add(key);
    return undefined;
  };
  for (const kind of ALL_CHANNEL_KINDS) {
    for (const from of STATUSES) {
      statusLabel(record, from.value);
      for (const to of STATUSES) {
        const verdict = evaluate(from.value, to.value, kind, "agent");
        if (!verdict.allowed) formatVerdict(verdict, record);
      }
    }
  }
  return [...keys].sort();
}

/** Resx maps (by LCID) → the embedded table, keeping only the keys the form can show. */
export function stringTable(resx: Readonly<Record<number, Readonly<Record<string, string>>>>): StringTable {
  const english = resx[ENGLISH];
  if (!english) throw new Error(`The English strings (${ENGLISH}) are missing; they are every other language's fallback.`);
  const keys = formKeys();
  const missing = keys.filter((k) => !english[k]);
  if (missing.length > 0) throw new Error(`The English resx lacks ${missing.join(", ")}: add them to ConversationState.${ENGLISH}.resx.`);
  const languages: Record<string, (string | null)[]> = {};
  for (const lcid of Object.keys(resx)) {
    const strings = resx[Number(lcid)];
    languages[lcid] = keys.map((k) => strings[k] || null);
  }
  return { keys, languages };
}
