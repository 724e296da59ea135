/**
 * A stored row as the Web API returns it ("Retrieve a table row", "Query data": formatted values,
 * "Lookup properties"): `@odata.etag`, the selected properties, and, when the request's Prefer
 * odata.include-annotations asks for them, each value's annotations before the value itself:
 *   <property>@OData.Community.Display.V1.FormattedValue            labels in the caller's language
 *   _<lookup>_value@Microsoft.Dynamics.CRM.associatednavigationproperty
 *   _<lookup>_value@Microsoft.Dynamics.CRM.lookuplogicalname
 * Dates are formatted in UTC (Dataverse uses the user's time zone; the workbench has none).
 */
import { fail } from "./errors";
import { propertyOf, readable, type Column, type EntitySet, type EntitySets, type Row } from "./entitySets";
import { optionOf } from "./optionSets";
import type { AnnotationFilter } from "./query";
import type { Store } from "./store";

export const FORMATTED = "OData.Community.Display.V1.FormattedValue";
export const NAVIGATION = "Microsoft.Dynamics.CRM.associatednavigationproperty";
export const LOOKUP_LOGICAL_NAME = "Microsoft.Dynamics.CRM.lookuplogicalname";

export interface ReadContext {
  readonly sets: EntitySets;
  readonly store: Store;
  /** The caller's UI language (usersettings.uilanguageid). */
  readonly lcid: number;
  readonly annotations: AnnotationFilter;
}

const LOCALES: Readonly<Record<number, string>> = { 1033: "en-US", 1025: "ar-SA", 1036: "fr-FR" };
const localeOf = (lcid: number): string => LOCALES[lcid] ?? "en-US";

/** Intl formatters are costly to build (about 50 µs each): one per locale and kind, reused for every value. */
const formatters = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat; number: Intl.NumberFormat }>();
function formattersOf(lcid: number) {
  const locale = localeOf(lcid);
  let found = formatters.get(locale);
  if (!found) {
    found = {
      day: new Intl.DateTimeFormat(locale, { year: "numeric", month: "numeric", day: "numeric", timeZone: "UTC" }),
      time: new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone: "UTC" }),
      number: new Intl.NumberFormat(locale),
    };
    formatters.set(locale, found);
  }
  return found;
}

export function formatDate(iso: string, lcid: number): string {
  const date = new Date(iso);
  const { day: dayFormat, time: timeFormat } = formattersOf(lcid);
  const day = dayFormat.format(date);
  const time = timeFormat.format(date);
  // Newer ICU puts a narrow no-break space before AM/PM; Dataverse writes a plain one.
  return `${day} ${time}`.replace(/\u202f/g, " ");
}

/** The columns a $select names (every readable one without $select), or 400 naming an unknown one. */
export function selectColumns(sets: EntitySets, set: EntitySet, select: readonly string[] | undefined): Column[] {
  if (select === undefined) return set.columns.filter(readable);
  return select.map((property) => {
    const column = sets.column(set, property);
    if (!column || !readable(column)) throw fail("propertyNotFound", { property, entity: set.logical });
    return column;
  });
}

export function formattedValue(column: Column, value: unknown, row: Row, context: ReadContext): string | undefined {
  if (value === null || value === undefined) return undefined;
  switch (column.kind) {
    case "choice":
      return column.optionSet ? optionOf(column.optionSet, value)?.label(context.lcid) : undefined;
    case "choices":
      return column.optionSet
        ? String(value)
            .split(",")
            .map((v) => optionOf(column.optionSet!, Number(v))?.label(context.lcid) ?? v)
            .join("; ")
        : undefined;
    case "bool":
      return value ? "Yes" : "No";
    case "datetime":
      return formatDate(String(value), context.lcid);
    case "int":
      return typeof value === "number" ? formattersOf(context.lcid).number.format(value) : undefined;
    case "entityname":
      return context.sets.logical(String(value))?.display;
    case "lookup": {
      const target = context.sets.targetLogical(column, row);
      const set = target ? context.sets.logical(target) : undefined;
      return set ? context.sets.nameOf(set, context.store.get(set, String(value))) : undefined;
    }
    default:
      return undefined;
  }
}

/** Adds one property (and its annotations) to an answer object. */
export function putValue(out: Row, column: Column, row: Row, context: ReadContext): void {
  const property = propertyOf(column);
  const value = column.computed ? column.computed(row) : (row[property] ?? null);
  if (value !== null && context.annotations(FORMATTED)) {
    const text = formattedValue(column, value, row, context);
    if (text !== undefined) out[`${property}@${FORMATTED}`] = text;
  }
  if (column.kind === "lookup" && value !== null) {
    if (column.nav && context.annotations(NAVIGATION)) out[`${property}@${NAVIGATION}`] = column.nav;
    const logical = context.sets.targetLogical(column, row);
    if (logical && context.annotations(LOOKUP_LOGICAL_NAME)) out[`${property}@${LOOKUP_LOGICAL_NAME}`] = logical;
  }
  out[property] = value;
}

/** A row as the Web API answers it: etag, the columns asked for, and always the primary key. */
export function represent(set: EntitySet, row: Row, columns: readonly Column[], context: ReadContext): Row {
  const id = String(row[set.key]);
  const out: Row = { "@odata.etag": context.store.etag(id) };
  for (const column of columns) putValue(out, column, row, context);
  if (!(set.key in out)) out[set.key] = id;
  return out;
}
