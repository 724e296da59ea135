/**
 * Request paths as the docs write them ("audits?$select=…&$filter=_objectid_value eq <id>"), checked
 * before anything is sent, then encoded. The resource part must be entity sets, keys and bound
 * operations only; every value compared in a $filter must be a literal (a quoted string, a GUID, a
 * number, a date, true, false or null). So no id, from a person or from an answer, can add a path
 * segment, climb with "..", or widen a filter.
 */
import { WebApiError } from "./errors";
import { isGuid, quoteForMessage } from "./guid";

export const API_PATH = "/api/data/v9.2/";

/** OData string literal: single quotes doubled. */
export const odataString = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** entityset, entityset(<guid>), EntityDefinitions(LogicalName='x'), Microsoft.Dynamics.CRM.Function */
const SEGMENT = /^[A-Za-z_][A-Za-z0-9_.]*(?:\((?:[0-9a-fA-F-]{36}|LogicalName='[A-Za-z0-9_]+')\))?$/;
const KEY = /\(([^()]*)\)$/;
const OPTIONS = new Set(["$select", "$filter", "$orderby", "$top"]);
const NAMES = /^[A-Za-z0-9_]+(?:,[A-Za-z0-9_]+)*$/;
const ORDER = /^[A-Za-z0-9_]+(?: (?:asc|desc))?(?:,[A-Za-z0-9_]+(?: (?:asc|desc))?)*$/;
const OPERAND = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*$/;
const LITERAL = /^(?:@string|-?\d+(?:\.\d+)?|true|false|null|\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?Z|[0-9a-fA-F-]{36})$/;
const STRING_LITERAL = /'(?:[^']|'')*'/g;
/** What a quoted literal becomes while the rest of a $filter is checked. */
const STRING_MARK = "@string";
const DOT_SEGMENT = /\/\.{1,2}(?:\/|$)|%2e/i;

/** The query options of a path, split on "&" outside quoted literals (a name may hold "&"). */
export function splitPath(path: string): { resource: string; options: [string, string][] } {
  const at = path.indexOf("?");
  const resource = at < 0 ? path : path.slice(0, at);
  const query = at < 0 ? "" : path.slice(at + 1);
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const char of query) {
    if (char === "'") quoted = !quoted;
    if (char === "&" && !quoted) {
      parts.push(current);
      current = "";
    } else current += char;
  }
  if (current !== "") parts.push(current);
  const options = parts.map((part): [string, string] => {
    const eq = part.indexOf("=");
    return eq < 0 ? [part, ""] : [part.slice(0, eq), part.slice(eq + 1)];
  });
  return { resource, options };
}

function refuse(request: string, what: string): never {
  throw new WebApiError("bad-id", `${request}: ${what}; nothing was sent.`);
}

export function checkResource(resource: string, request: string): void {
  for (const segment of resource.split("/")) {
    if (!SEGMENT.test(segment)) refuse(request, `the path segment ${quoteForMessage(segment)} is not an entity set, key or operation`);
    const key = KEY.exec(segment)?.[1];
    if (key !== undefined && !key.startsWith("LogicalName=") && !isGuid(key))
      refuse(request, `the id ${quoteForMessage(key)} is not a GUID`);
  }
}

export function checkFilter(filter: string, request: string): void {
  const bare = filter.replace(STRING_LITERAL, STRING_MARK);
  if (bare.includes("'")) refuse(request, "the $filter has an unterminated string literal");
  let depth = 0;
  for (const char of bare) {
    depth += char === "(" ? 1 : char === ")" ? -1 : 0;
    if (depth < 0) break;
  }
  if (depth !== 0) refuse(request, "the $filter has unbalanced parentheses");
  for (const clause of bare.split(/\s+(?:and|or)\s+/)) {
    const plain = clause
      .trim()
      .replace(/^(?:\(|not\s+)+/, "")
      .replace(/\)+$/, "");
    const match = /^(\S+)\s+(?:eq|ne|gt|ge|lt|le)\s+(\S+)$/.exec(plain);
    if (!match || !OPERAND.test(match[1]))
      refuse(request, `the $filter clause ${quoteForMessage(clause.trim())} is not "<column> <operator> <value>"`);
    if (!LITERAL.test(match[2]) || (match[2].length === 36 && !isGuid(match[2])))
      refuse(request, `the value ${quoteForMessage(match[2])} in the $filter is not a GUID or another literal`);
  }
}

/** Checks a path written the docs' way and returns it encoded, relative to API_PATH. */
export function encodePath(path: string, request: string): string {
  const { resource, options } = splitPath(path);
  checkResource(resource, request);
  const encoded = options.map(([name, value]) => {
    if (!OPTIONS.has(name)) refuse(request, `the query option ${quoteForMessage(name)} is not one this client sends`);
    if (name === "$select" && !NAMES.test(value)) refuse(request, `$select ${quoteForMessage(value)} is not a list of column names`);
    if (name === "$orderby" && !ORDER.test(value)) refuse(request, `$orderby ${quoteForMessage(value)} is not a list of columns`);
    if (name === "$top" && !/^\d+$/.test(value)) refuse(request, `$top ${quoteForMessage(value)} is not a whole number`);
    if (name === "$filter") checkFilter(value, request);
    return `${name}=${encodeURIComponent(value)}`;
  });
  return encoded.length > 0 ? `${resource}?${encoded.join("&")}` : resource;
}

/** A date-time literal for $filter: UTC, whole seconds (2025-01-31T08:00:00Z). */
export const odataDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

/** The request URL as the docs write it (unencoded), for messages and --verbose. */
export function entityUrl(env: string, path: string): string {
  return `${new URL(env).origin}${API_PATH}${path}`;
}

/**
 * A server-given URL (@odata.nextLink) may only lead back to the same environment's Web API:
 * the token must never follow a link to another origin. Returns the part after API_PATH.
 */
export function sameApiPath(env: string, link: unknown, request: string): string {
  let url: URL;
  try {
    url = new URL(String(link));
  } catch {
    throw new WebApiError("bad-answer", `${request}: the answer's @odata.nextLink ${quoteForMessage(link)} is not a URL.`);
  }
  // new URL() has already resolved any "..": look at the link as it was written too.
  if (url.origin !== new URL(env).origin || !url.pathname.startsWith(API_PATH) || DOT_SEGMENT.test(String(link).split("?")[0]))
    throw new WebApiError(
      "bad-answer",
      `${request}: the answer's @odata.nextLink points to ${quoteForMessage(url.origin + url.pathname)}, outside ${new URL(env).origin}${API_PATH}; it was not followed.`,
    );
  const resource = decodeURIComponent(url.pathname.slice(API_PATH.length));
  checkResource(resource, request);
  return url.pathname.slice(API_PATH.length) + url.search;
}

/** The id in an OData-EntityId header: exactly <env>/api/data/v9.2/<entitySet>(<guid>), nothing else. */
export function idFromEntityUrl(env: string, header: string | null, entitySet: string): string | undefined {
  const raw = header?.trim();
  if (!raw) return undefined;
  let origin: string;
  try {
    origin = new URL(raw).origin;
  } catch {
    return undefined;
  }
  const at = raw.indexOf(API_PATH);
  if (origin !== new URL(env).origin || at < 0) return undefined;
  const match = /^([A-Za-z0-9_]+)\(([^()]*)\)$/.exec(raw.slice(at + API_PATH.length));
  return match && match[1] === entitySet && isGuid(match[2]) ? match[2].toLowerCase() : undefined;
}
