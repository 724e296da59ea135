/**
 * GET of an entity set ("Query data using the Web API", "Page results"): $filter, $orderby, $top,
 * $count and paging with Prefer: odata.maxpagesize and @odata.nextLink. Without $orderby rows come
 * in the order they were created (Dataverse's own default order is not documented).
 */
import { fail } from "./errors";
import { edmTypeOf, propertyOf, readable, type Column, type EntitySet, type EntitySets, type Row } from "./entitySets";
import { compileFilter, parseFilter, type FilterSchema } from "./filter";
import { MAX_PAGE_SIZE, page, type OrderBy, type Preferences, type QueryOptions } from "./query";
import { represent, selectColumns, type ReadContext } from "./represent";

const TOTAL = "Microsoft.Dynamics.CRM.totalrecordcount";
const TOTAL_EXCEEDED = "Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded";

const valueOf = (column: Column, row: Row): unknown => (column.computed ? column.computed(row) : row[propertyOf(column)]);

/** What $filter may name on a table: its readable properties, typed. */
export function schemaFor(sets: EntitySets, set: EntitySet): FilterSchema {
  return {
    entity: set.logical,
    field(path) {
      const column = path.length === 1 ? sets.column(set, path[0]) : undefined;
      if (!column || !readable(column)) return undefined;
      return { edm: edmTypeOf(column), multi: column.kind === "choices", read: (row) => valueOf(column, row) };
    },
  };
}

function sortKey(column: Column, value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (column.kind === "datetime") return Date.parse(String(value));
  return typeof value === "string" ? value.toLowerCase() : (value as number | boolean);
}

export function sortRows(sets: EntitySets, set: EntitySet, rows: Row[], orderby: readonly OrderBy[]): Row[] {
  const keys = orderby.map(({ property, descending }) => {
    const column = sets.column(set, property);
    if (!column || !readable(column)) throw fail("propertyNotFound", { property, entity: set.logical });
    return { column, sign: descending ? -1 : 1 };
  });
  // Array.prototype.sort is stable: ties keep the creation order. Nulls sort first, as in SQL Server.
  return rows.sort((a, b) => {
    for (const { column, sign } of keys) {
      const x = sortKey(column, valueOf(column, a));
      const y = sortKey(column, valueOf(column, b));
      if (x === y) continue;
      if (x === null) return -sign;
      if (y === null) return sign;
      return x < y ? -sign : sign;
    }
    return 0;
  });
}

export interface CollectionRequest {
  readonly sets: EntitySets;
  readonly set: EntitySet;
  readonly rows: Row[];
  readonly options: QueryOptions;
  readonly prefs: Preferences;
  readonly context: ReadContext;
  /** <base>/api/data/v9.2 */
  readonly base: string;
  /** The raw query text, to build @odata.nextLink from. */
  readonly rawQuery: string;
}

export function readCollection(request: CollectionRequest): { body: Row; paged: boolean } {
  const { sets, set, options, prefs, context } = request;
  const columns = selectColumns(sets, set, options.select);
  let rows = request.rows;
  if (options.filter !== undefined) {
    const test = compileFilter(parseFilter(options.filter), schemaFor(sets, set));
    rows = rows.filter((row) => test(row));
  }
  if (options.orderby) rows = sortRows(sets, set, [...rows], options.orderby);
  const total = rows.length;
  // "If you include both, $top is ignored" (Page results).
  if (options.top !== undefined && prefs.maxPageSize === undefined) rows = rows.slice(0, options.top);
  const { rows: value, next } = page(rows, prefs.maxPageSize ?? MAX_PAGE_SIZE, options.skiptoken);
  const body: Row = { "@odata.context": `${request.base}/$metadata#${set.set}${options.select ? `(${options.select.join(",")})` : ""}` };
  if (context.annotations(TOTAL)) body[`@${TOTAL}`] = options.count ? Math.min(total, MAX_PAGE_SIZE) : -1;
  if (context.annotations(TOTAL_EXCEEDED)) body[`@${TOTAL_EXCEEDED}`] = total > MAX_PAGE_SIZE;
  if (options.count) body["@odata.count"] = Math.min(total, MAX_PAGE_SIZE);
  body.value = value.map((row) => represent(set, row, columns, context));
  if (next !== undefined) {
    const kept = request.rawQuery
      .split("&")
      .filter((part) => part !== "" && !part.startsWith("$skiptoken=") && !part.startsWith("%24skiptoken="));
    body["@odata.nextLink"] = `${request.base}/${set.set}?${[...kept, `$skiptoken=${encodeURIComponent(next)}`].join("&")}`;
  }
  return { body, paged: prefs.maxPageSize !== undefined };
}
