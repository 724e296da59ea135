/** Small typed readers over parsed values: the shapes the validator asks for. */
import type { Entity, Value } from "./types";

/** An OptionSetValue's number; also a bare number (Web API style). undefined: absent or null. */
export function optionOf(value: Value | undefined): number | "wrong-type" | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") return Number.isInteger(value) ? value : "wrong-type";
  if (typeof value === "object" && !Array.isArray(value) && "type" in value && value.type === "OptionSetValue") return value.value;
  return "wrong-type";
}

/** A multi-select choice's values: OptionSetValueCollection, one OptionSetValue, or "1,2" text. */
export function optionsOf(value: Value | undefined): unknown {
  if (value === undefined || value === null) return [];
  if (typeof value === "object" && !Array.isArray(value) && "type" in value) {
    if (value.type === "OptionSetValueCollection") return value.values;
    if (value.type === "OptionSetValue") return [value.value];
  }
  return value;
}

/** An Entity value's entity (a Target, an image in a collection), or undefined. */
export function entityOf(value: Value | undefined): Entity | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "type" in value && value.type === "Entity"
    ? value.entity
    : undefined;
}

export function referenceOf(value: Value | undefined): { id: string; logicalName: string } | undefined {
  if (typeof value === "object" && value !== null && !Array.isArray(value) && "type" in value && value.type === "EntityReference")
    return value;
  return undefined;
}

/** "{6A4D…}" and "6a4d…" name the same row. */
export function normaliseGuid(id: string): string {
  const trimmed = id.trim().toLowerCase();
  return trimmed.startsWith("{") && trimmed.endsWith("}") ? trimmed.slice(1, -1) : trimmed;
}
