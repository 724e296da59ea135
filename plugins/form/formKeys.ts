/**
 * Build time: the resx keys the form script can show, found by asking the model, so the build can
 * refuse a resx (shipped as a RESX web resource) that lacks one. Pure: the caller reads the files.
 */
import { agentVerdict } from "../lifecycle/agent";
import { ALL_CHANNEL_KINDS } from "../lifecycle/channels";
import type { Strings } from "../lifecycle/format";
import { STATUSES } from "../lifecycle/statuses";
import { explain, FORM_KEYS } from "./messages";

/** Every notification the form can show, in a fixed order: each wrapper around each move an agent is denied. */
export function notifications(strings: Strings): string[] {
  const texts: string[] = [];
  for (const kind of ALL_CHANNEL_KINDS) {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const verdict = agentVerdict(from.value, to.value, kind);
        if (!verdict.allowed) for (const key of FORM_KEYS) texts.push(explain(strings, key, verdict));
      }
    }
  }
  return texts;
}

/** Every key the form can ever read: every notification rendered with strings that record each key asked for and answer it. */
export function formKeys(): string[] {
  const keys = new Set<string>();
  notifications((key) => {
    keys.add(key);
    return key;
  });
  return [...keys].sort();
}

/** The keys the form can show that a language's resx lacks (empty values count as missing). */
export function missingKeys(resx: Readonly<Record<string, string>>): string[] {
  return formKeys().filter((key) => !resx[key]);
}
