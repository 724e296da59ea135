/**
 * Ids that go into a URL or a $filter must be GUIDs, whoever supplied them: a value read from an
 * answer (a row id, an OData-EntityId) is as untrusted as a command-line argument. A hostile answer
 * once turned `serviceendpoints(<id>)` into `systemusers(…)` through `..` segments.
 */

/** 8-4-4-4-12 hex digits, nothing else (no braces, no spaces). */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: unknown): value is string {
  return typeof value === "string" && GUID.test(value);
}

/** A GUID as typed by a person: surrounding spaces and braces are dropped, case is lowered. */
export function parseGuidInput(input: string): string | undefined {
  const trimmed = input.trim().replace(/^\{(.*)\}$/, "$1");
  return GUID.test(trimmed) ? trimmed.toLowerCase() : undefined;
}

/** Shown in messages: a hostile value could be long or hold control characters. */
export function quoteForMessage(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  const clipped = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return JSON.stringify(clipped);
}
