/**
 * WCF data-contract JSON values (PLATFORM.md §5): `{key, value}` collections, `__type`-tagged
 * objects ("OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts") and "/Date(ms±hhmm)/".
 */
import { ContextError, describe } from "./errors";
import { parseKeyValues } from "./pairs";
import type { Entity, Value } from "./types";

/** Entities nest (an EntityCollection of Entities holding Entities…); real contexts stay shallow. */
export const MAX_NESTING = 8;
/**
 * A multi-select choice holds at most as many values as it has options (msdyn_streamsource has 17).
 * Beyond this many, values are counted, not parsed: a 1 MB list would otherwise cost ~170 ms.
 */
export const MAX_OPTION_VALUES = 64;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

// "/Date(1700000000000)/", "/Date(-62135596800000)/", "/Date(1700000000000+0100)/"
const DATE = /^\/Date\((-?\d{1,15})([+-]\d{4})?\)\/$/;
const PREFIX = "/Date(";

/** A "/Date(…)/" string as a Date (the milliseconds are UTC; the offset is the sender's zone), or undefined. */
export function parseDate(text: string): { date: Date; offsetMinutes: number | null } | undefined {
  // Most strings are not dates: two cheap checks before the regex.
  if (text.charCodeAt(0) !== 47 /* "/" */ || !text.startsWith(PREFIX)) return undefined;
  const match = DATE.exec(text);
  if (!match) return undefined;
  const date = new Date(Number(match[1]));
  if (Number.isNaN(date.getTime())) return undefined;
  const zone = match[2];
  if (zone === undefined) return { date, offsetMinutes: null };
  const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3));
  return { date, offsetMinutes: zone[0] === "-" ? -minutes : minutes };
}

/** "OptionSetValue:http://schemas…" → "OptionSetValue". */
function typeNameOf(tag: string): string {
  const colon = tag.indexOf(":");
  return colon < 0 ? tag : tag.slice(0, colon);
}

function wholeNumber(value: unknown, path: string): number {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  throw new ContextError(path, `expected a whole number, got ${describe(value)}`);
}

function text(value: unknown, path: string): string {
  if (typeof value === "string") return value;
  throw new ContextError(path, `expected a string, got ${describe(value)}`);
}

function optionalText(value: unknown, path: string): string | null {
  return value === undefined || value === null ? null : text(value, path);
}

export function parseEntity(raw: unknown, path: string, depth = 0): Entity {
  if (!isObject(raw)) throw new ContextError(path, `expected an Entity, got ${describe(raw)}`);
  if (depth > MAX_NESTING) throw new ContextError(path, `entities nested deeper than ${MAX_NESTING} levels`);
  return {
    LogicalName: text(raw.LogicalName, `${path}.LogicalName`),
    Id: optionalText(raw.Id, `${path}.Id`),
    Attributes: parseKeyValues(raw.Attributes, `${path}.Attributes`, (value, at) => parseValue(value, at, depth + 1)),
  };
}

const isOption = (item: unknown): boolean =>
  isObject(item) && typeof item.__type === "string" && typeNameOf(item.__type) === "OptionSetValue";

/** The first MAX_OPTION_VALUES values, and how many more there were. */
function parseOptions(raw: unknown, path: string): Extract<Value, { type: "OptionSetValueCollection" }> {
  if (!Array.isArray(raw)) throw new ContextError(path, `expected an array of OptionSetValue, got ${describe(raw)}`);
  const read = Math.min(raw.length, MAX_OPTION_VALUES);
  const values = new Array<number>(read);
  for (let i = 0; i < read; i++) {
    const item: unknown = raw[i];
    values[i] = isObject(item) ? wholeNumber(item.Value, `${path}[${i}].Value`) : wholeNumber(item, `${path}[${i}]`);
  }
  const omitted = raw.length - read;
  return omitted > 0 ? { type: "OptionSetValueCollection", values, omitted } : { type: "OptionSetValueCollection", values };
}

function parseTyped(raw: Json, tag: string, path: string, depth: number): Value {
  switch (typeNameOf(tag)) {
    case "OptionSetValue":
      return { type: "OptionSetValue", value: wholeNumber(raw.Value, `${path}.Value`) };
    case "OptionSetValueCollection": {
      // No public capture shows this object form; accept its items under Value or Values.
      const items = raw.Value ?? raw.Values;
      return parseOptions(items, `${path}.${raw.Value !== undefined ? "Value" : "Values"}`);
    }
    case "EntityReference":
      return {
        type: "EntityReference",
        id: text(raw.Id, `${path}.Id`),
        logicalName: text(raw.LogicalName, `${path}.LogicalName`),
        name: optionalText(raw.Name, `${path}.Name`),
      };
    case "Money": {
      if (typeof raw.Value !== "number" || !Number.isFinite(raw.Value))
        throw new ContextError(`${path}.Value`, `expected a number, got ${describe(raw.Value)}`);
      return { type: "Money", value: raw.Value };
    }
    case "Entity":
      return { type: "Entity", entity: parseEntity(raw, path, depth) };
    case "EntityCollection": {
      if (!Array.isArray(raw.Entities))
        throw new ContextError(`${path}.Entities`, `expected an array of Entity, got ${describe(raw.Entities)}`);
      const entities = raw.Entities.map((e: unknown, i) => parseEntity(e, `${path}.Entities[${i}]`, depth + 1));
      return { type: "EntityCollection", entityName: optionalText(raw.EntityName, `${path}.EntityName`), entities };
    }
    default:
      return { type: "Other", typeName: typeNameOf(tag) };
  }
}

/** One column or parameter value. */
export function parseValue(raw: unknown, path: string, depth = 0): Value {
  switch (typeof raw) {
    case "string": {
      const date = parseDate(raw);
      return date ? { type: "DateTime", date: date.date, offsetMinutes: date.offsetMinutes } : raw;
    }
    case "number":
    case "boolean":
      return raw;
    case "object": {
      if (raw === null) return null;
      if (depth > MAX_NESTING) throw new ContextError(path, `values nested deeper than ${MAX_NESTING} levels`);
      if (Array.isArray(raw)) {
        // A multi-select choice may arrive as a bare array of OptionSetValue objects (the first
        // MAX_OPTION_VALUES decide; the rest are only counted).
        if (raw.length > 0 && raw.slice(0, MAX_OPTION_VALUES).every(isOption)) return parseOptions(raw, path);
        return raw.map((item: unknown, i) => parseValue(item, `${path}[${i}]`, depth + 1));
      }
      const tag = (raw as Json).__type;
      if (typeof tag === "string") return parseTyped(raw as Json, tag, path, depth);
      if (tag !== undefined) throw new ContextError(`${path}.__type`, `expected a string, got ${describe(tag)}`);
      return { type: "Other", typeName: "object" };
    }
    default:
      throw new ContextError(path, `unexpected ${typeof raw}`);
  }
}
