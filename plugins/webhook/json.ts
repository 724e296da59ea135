/**
 * The body's JSON: a depth guard, then a parse that refuses prototype keys. V8 parses 800 KB of
 * "[[[[…" in 60–110 ms, and a deep body costs every later step too, so every body nested deeper
 * than MAX_JSON_DEPTH is refused after one linear scan, whatever its size. Dataverse contexts nest
 * about ten levels (a ParentContext chain adds one per level).
 */
import { parse } from "secure-json-parse";

export const MAX_JSON_DEPTH = 64;

/** Where the string that opens at `start` closes (the index of its quote), or -1 when it never does. */
function stringEnd(text: string, start: number): number {
  // indexOf jumps over the string's characters, which are most of a context's bytes.
  for (let quote = text.indexOf('"', start + 1); quote >= 0; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 92 /* \ */) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
  return -1;
}

/** True when `text` has at most `max` "{" and "[" characters at all: then it cannot nest deeper. */
function fewOpenings(text: string, max: number): boolean {
  let count = 0;
  for (let i = text.indexOf("{"); i >= 0; i = text.indexOf("{", i + 1)) if (++count > max) return false;
  for (let i = text.indexOf("["); i >= 0; i = text.indexOf("[", i + 1)) if (++count > max) return false;
  return true;
}

/** True when `text` opens more than `max` arrays/objects at once (brackets inside strings ignored). */
export function nestedDeeperThan(text: string, max: number): boolean {
  // A context of a step with a few columns has fewer openings than the limit: two indexOf sweeps settle it.
  if (fewOpenings(text, max)) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i = stringEnd(text, i);
      if (i < 0) return false; // unterminated: the parse reports it
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}

/**
 * JSON.parse, refusing `__proto__` and `constructor.prototype` keys (secure-json-parse, as Fastify
 * does): nothing here merges objects, but a body that carries them is not a Dataverse context.
 */
export function parseJson(text: string): unknown {
  // The library scans every body with two regexes for every spelling of the two keys. Both keys,
  // spelled plainly, contain "proto" (__proto__, constructor.prototype), and any other spelling a
  // \u escape: a body with neither (and no BOM for the library to strip) parses as it is.
  if (text.indexOf("proto") < 0 && text.indexOf("\\u") < 0 && text.charCodeAt(0) !== 0xfeff) return JSON.parse(text);
  return parse(text, undefined, { protoAction: "error", constructorAction: "error" });
}
