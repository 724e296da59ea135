/**
 * The request's query options and preferences ("Query data using the Web API", "Page results",
 * "Compose HTTP requests and handle errors": Prefer return=representation, odata.include-annotations,
 * odata.maxpagesize). Option values are form-decoded, as Dataverse's web server does: '+' is a space,
 * so a date-time's offset must be sent as %2B.
 */
import { fail } from "./errors";

export interface OrderBy {
  readonly property: string;
  readonly descending: boolean;
}

export interface QueryOptions {
  readonly select?: readonly string[];
  readonly filter?: string;
  readonly orderby?: readonly OrderBy[];
  readonly top?: number;
  readonly count: boolean;
  readonly skiptoken?: string;
  readonly expand?: string;
}

/** Dataverse's largest page, and the page size when none is asked for ("Page results"). */
export const MAX_PAGE_SIZE = 5000;

const SUPPORTED = ["$select", "$filter", "$orderby", "$top", "$count", "$skiptoken", "$expand"];

/** Raw query text → options by name (each at most once). */
export function parseQueryString(raw: string): ReadonlyMap<string, string> {
  const params = new Map<string, string>();
  for (const part of raw.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    let name: string;
    let value: string;
    const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, " "));
    try {
      name = decode(eq < 0 ? part : part.slice(0, eq));
      value = decode(eq < 0 ? "" : part.slice(eq + 1));
    } catch {
      throw fail("querySyntax", { option: part.slice(0, 40), position: 0, detail: "it is not correctly percent-encoded." });
    }
    if (params.has(name)) throw fail("duplicateQueryOption", { option: name });
    params.set(name, value);
  }
  return params;
}

const list = (text: string): string[] => text.split(",").map((s) => s.trim());

/** The system query options a resource accepts; any other $option is refused, naming it. */
export function queryOptions(params: ReadonlyMap<string, string>, allowed: readonly string[]): QueryOptions {
  for (const name of params.keys()) {
    if (!name.startsWith("$")) continue;
    if (!allowed.includes(name)) {
      const why = name === "$skip" ? "$skip (Dataverse does not support it: page with Prefer: odata.maxpagesize)" : name;
      throw fail("unsupportedQuery", { option: name, what: why, supported: allowed.filter((o) => SUPPORTED.includes(o)).join(", ") });
    }
  }
  const select = params.get("$select");
  if (select !== undefined && list(select).some((s) => s === ""))
    throw fail("querySyntax", { option: "$select", position: 0, detail: "an empty column name." });
  const orderby = params.get("$orderby");
  const top = params.get("$top");
  if (top !== undefined && (!/^\d+$/.test(top) || Number(top) < 1))
    throw fail("invalidArgument", { detail: `$top must be a whole number from 1 (got '${top}').` });
  const count = params.get("$count");
  if (count !== undefined && count !== "true" && count !== "false")
    throw fail("invalidArgument", { detail: `$count must be true or false (got '${count}').` });
  return {
    select: select === undefined ? undefined : list(select),
    filter: params.get("$filter"),
    orderby: orderby === undefined ? undefined : list(orderby).map(orderItem),
    top: top === undefined ? undefined : Number(top),
    count: count === "true",
    skiptoken: params.get("$skiptoken"),
    expand: params.get("$expand"),
  };
}

function orderItem(item: string): OrderBy {
  const match = /^([\w/]+)(?:\s+(asc|desc))?$/i.exec(item);
  if (!match) throw fail("querySyntax", { option: "$orderby", position: 0, detail: `'${item}' is not '<property> [asc|desc]'.` });
  return { property: match[1], descending: match[2]?.toLowerCase() === "desc" };
}

export type AnnotationFilter = (annotation: string) => boolean;

export interface Preferences {
  readonly returnRepresentation: boolean;
  readonly maxPageSize?: number;
  readonly annotations: AnnotationFilter;
  /** The annotations preference as sent, to echo in Preference-Applied. */
  readonly annotationsText?: string;
  readonly any: boolean;
}

const NONE: AnnotationFilter = () => false;

/** `*`, names, `Prefix*` wildcards, and `-name` exclusions, comma-separated. */
export function annotationFilter(text: string): AnnotationFilter {
  const patterns = list(text).filter(Boolean);
  const matches = (pattern: string, name: string) =>
    pattern === "*" || (pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : pattern === name);
  return (name) =>
    patterns.some((p) => !p.startsWith("-") && matches(p, name)) && !patterns.some((p) => p.startsWith("-") && matches(p.slice(1), name));
}

/** The Prefer header(s): preferences separated by commas outside quotes. */
export function parsePrefer(header: string | string[] | undefined): Preferences {
  const text = Array.isArray(header) ? header.join(",") : (header ?? "");
  const items = text.match(/(?:[^,"]|"[^"]*")+/g) ?? [];
  let returnRepresentation = false;
  let maxPageSize: number | undefined;
  let annotations = NONE;
  let annotationsText: string | undefined;
  for (const raw of items) {
    const item = raw.trim();
    const eq = item.indexOf("=");
    const name = (eq < 0 ? item : item.slice(0, eq)).trim().toLowerCase();
    const value =
      eq < 0
        ? ""
        : item
            .slice(eq + 1)
            .trim()
            .replace(/^"(.*)"$/, "$1");
    if (name === "return") returnRepresentation = value === "representation";
    else if (name === "odata.maxpagesize") {
      const size = Number(value);
      if (!/^\d+$/.test(value) || size < 1 || size > MAX_PAGE_SIZE)
        throw fail("invalidArgument", { detail: `odata.maxpagesize must be a whole number from 1 to ${MAX_PAGE_SIZE} (got '${value}').` });
      maxPageSize = size;
    } else if (name === "odata.include-annotations") {
      annotations = annotationFilter(value);
      annotationsText = value;
    }
  }
  return { returnRepresentation, maxPageSize, annotations, annotationsText, any: items.length > 0 };
}

/** The Preference-Applied header for what the answer honoured. */
export function preferenceApplied(prefs: Preferences, used: { representation?: boolean; pageSize?: boolean }): string | undefined {
  const applied: string[] = [];
  if (used.representation && prefs.returnRepresentation) applied.push("return=representation");
  if (prefs.annotationsText !== undefined) applied.push(`odata.include-annotations="${prefs.annotationsText}"`);
  if (used.pageSize && prefs.maxPageSize !== undefined) applied.push(`odata.maxpagesize=${prefs.maxPageSize}`);
  return applied.length > 0 ? applied.join(",") : undefined;
}

/**
 * A page of rows and the $skiptoken of the next one. The token has the shape of Dataverse's paging
 * cookie (`<cookie pagenumber="2" pagingcookie="…" istracking="False" />`) but is opaque to clients:
 * the workbench keeps the offset in it.
 */
export function page<T>(rows: readonly T[], size: number, skiptoken: string | undefined): { rows: T[]; next?: string } {
  let offset = 0;
  let number = 1;
  if (skiptoken !== undefined) {
    const match =
      /^<cookie pagenumber="(\d+)" pagingcookie="%3ccookie%20page%3d%22\d+%22%3e%3cworkbench%20offset%3d%22(\d+)%22%20%2f%3e%3c%2fcookie%3e" istracking="False" \/>$/.exec(
        skiptoken,
      );
    if (!match) throw fail("invalidPagingCookie");
    number = Number(match[1]);
    offset = Number(match[2]);
  }
  const slice = rows.slice(offset, offset + size);
  const end = offset + slice.length;
  if (end >= rows.length) return { rows: slice };
  const cookie = encodeURIComponent(`<cookie page="${number}"><workbench offset="${end}" /></cookie>`).toLowerCase();
  return { rows: slice, next: `<cookie pagenumber="${number + 1}" pagingcookie="${cookie}" istracking="False" />` };
}
