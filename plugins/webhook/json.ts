/**
 * A guard before JSON.parse. V8 parses 800 KB of "[[[[…" in 60–110 ms: one such body would stall
 * every other request. Dataverse contexts nest about ten levels, so a large body nested deeper than
 * MAX_JSON_DEPTH is refused after a linear scan. Small bodies skip the scan (they parse in a few
 * milliseconds at any depth), which keeps the common 4 KB request free of it.
 */
export const MAX_JSON_DEPTH = 64;
export const SCAN_ABOVE_BYTES = 32 * 1024;

/** True when `text` opens more than `max` arrays/objects at once (brackets inside strings ignored). */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}

export const tooDeep = (text: string): boolean => text.length > SCAN_ABOVE_BYTES && nestedDeeperThan(text, MAX_JSON_DEPTH);
