/**
 * A POST or PATCH body → the column values to store, checked as Dataverse checks them ("Create a table
 * row", "Update and delete table rows", "Associate table rows on create": `<navigation>@odata.bind`).
 * Unknown properties, read-only ones, wrong types, unknown option values and dangling lookups are
 * refused before anything is stored.
 */
import { isoSeconds } from "./clock";
import { fail, payloadError, unknownProperty, type DataverseError } from "./errors";
import { edmTypeOf, propertyOf, type Column, type EntitySet, type EntitySets, type Row } from "./entitySets";
import { optionOf } from "./optionSets";
import { isGuid } from "./security";
import type { Store } from "./store";

export type WriteOperation = "create" | "update";

const INT32 = { min: -2147483648, max: 2147483647 };

/** The body as a JSON object, or Dataverse's payload error. */
export function readBody(raw: string | undefined, set: EntitySet): Record<string, unknown> {
  if (raw === undefined || raw.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (error) {
    throw payloadError(set.set, `Invalid JSON. ${(error as Error).message}`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw payloadError(
      set.set,
      `The request body must be a JSON object of column values, not ${Array.isArray(body) ? "an array" : typeof body}.`,
    );
  return body as Record<string, unknown>;
}

const shown = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/** The target of an @odata.bind: /set(id), set(id) or the full URL of the row. */
const BIND = /^(?:.*\/api\/data\/v\d+\.\d+\/|\/)?(\w+)\(\{?([^)}]*)\}?\)$/;

export function changesOf(sets: EntitySets, store: Store, set: EntitySet, body: Record<string, unknown>, operation: WriteOperation): Row {
  const values: Row = {};
  const cannot = (property: string): DataverseError =>
    payloadError(
      set.set,
      `The property '${property}' of 'Microsoft.Dynamics.CRM.${set.logical}' cannot be set on ${operation}: Dataverse maintains it.`,
    );
  const convert = (column: Column, value: unknown): DataverseError =>
    payloadError(set.set, `Cannot convert the literal '${shown(value)}' to the expected type '${edmTypeOf(column)}' for '${column.name}'.`);

  for (const [key, value] of Object.entries(body)) {
    if (key.endsWith("@odata.bind")) {
      const nav = key.slice(0, -"@odata.bind".length);
      const column = sets.navigation(set, nav);
      if (!column)
        throw payloadError(
          set.set,
          `An undeclared property '${nav}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.`,
        );
      if (!column[operation]) throw cannot(nav);
      values[propertyOf(column)] = value === null ? null : bindTarget(sets, store, column, nav, value);
      continue;
    }
    // Instance annotations (@odata.type, x@odata.type) carry nothing to store.
    if (key.startsWith("@") || key.includes("@")) continue;
    const column = sets.column(set, key);
    if (!column) throw unknownProperty(set.set, set.logical, key);
    if (column.kind === "lookup")
      throw payloadError(
        set.set,
        `The property '${key}' is read-only: set the lookup with '${column.nav}@odata.bind': '/${column.targets?.[0]}(<id>)'.`,
      );
    if (!column[operation]) throw cannot(key);
    values[key] = checkValue(set, column, value, convert);
  }
  return values;
}

function bindTarget(sets: EntitySets, store: Store, column: Column, nav: string, value: unknown): string {
  const match = typeof value === "string" ? BIND.exec(value.trim()) : null;
  const target = match ? sets.set(match[1]) : undefined;
  if (!match || !target || !column.targets?.includes(target.set) || !isGuid(match[2]))
    throw fail("invalidBind", { value: shown(value), property: nav, set: column.targets?.[0] ?? "" });
  const id = match[2].toLowerCase();
  if (!store.get(target, id)) throw fail("objectDoesNotExist", { entity: target.logical, id });
  return id;
}

function checkValue(set: EntitySet, column: Column, value: unknown, convert: (column: Column, value: unknown) => DataverseError): unknown {
  if (value === null) {
    if (column.kind === "key") throw convert(column, value);
    return null;
  }
  switch (column.kind) {
    case "key":
    case "guid":
      if (typeof value !== "string" || !isGuid(value.replace(/^\{(.*)\}$/, "$1"))) throw convert(column, value);
      return value.replace(/^\{(.*)\}$/, "$1").toLowerCase();
    case "string":
    case "entityname":
      if (typeof value !== "string") throw convert(column, value);
      if (column.maxLength !== undefined && value.length > column.maxLength)
        throw fail("invalidArgument", {
          detail: `The length of the '${column.name}' attribute of the '${set.logical}' entity exceeded the maximum allowed length of '${column.maxLength}'.`,
        });
      return value;
    case "bool":
      if (typeof value !== "boolean") throw convert(column, value);
      return value;
    case "int": {
      if (typeof value !== "number" || !Number.isInteger(value) || value < INT32.min || value > INT32.max) throw convert(column, value);
      const min = column.min ?? INT32.min;
      const max = column.max ?? INT32.max;
      if (value < min || value > max)
        throw fail("invalidArgument", { detail: `'${column.name}' must be from ${min} to ${max}; got ${value}.` });
      return value;
    }
    case "datetime": {
      const ms =
        typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
          ? Date.parse(value)
          : NaN;
      if (Number.isNaN(ms)) throw convert(column, value);
      return isoSeconds(ms);
    }
    case "choice": {
      if (typeof value !== "number" || !Number.isInteger(value)) throw convert(column, value);
      if (column.optionSet && !optionOf(column.optionSet, value)) {
        const detail = `${value} is not an option of ${column.name} (${column.optionSet.name}).`;
        throw column.name === "statuscode" || column.name === "statecode"
          ? fail("invalidStateStatus", { detail })
          : fail("optionOutOfRange", { detail });
      }
      return value;
    }
    case "choices": {
      // A multi-select choice travels as text: "192360000,192380000" (PLATFORM.md §1).
      if (typeof value !== "string" || !/^\s*-?\d+(\s*,\s*-?\d+)*\s*$/.test(value)) throw convert(column, value);
      const options = value.split(",").map((v) => Number(v.trim()));
      const unknown = column.optionSet ? options.filter((v) => !optionOf(column.optionSet!, v)) : [];
      if (unknown.length > 0)
        throw fail("optionOutOfRange", {
          detail: `${unknown.join(", ")} ${unknown.length === 1 ? "is not an option" : "are not options"} of ${column.name}.`,
        });
      return [...new Set(options)].join(",");
    }
    default:
      throw convert(column, value);
  }
}

/** Required columns a new row lacks (after defaults), as Dataverse's InvalidArgument. */
export function checkRequired(set: EntitySet, row: Row): void {
  for (const column of set.columns)
    if (column.required && (row[propertyOf(column)] === undefined || row[propertyOf(column)] === null))
      throw fail("invalidArgument", { detail: `Required field '${propertyOf(column)}' is missing.` });
}
