/**
 * JSON body → RemoteExecutionContext. Strict about what the validator reads (names, collections,
 * typed values), tolerant of fields it does not know, so a newer Dataverse payload still parses.
 * The scalars and the collections' shape are checked here; the values in the collections are
 * parsed, and checked, when first read (pairs.ts).
 */
import { ContextError, describe } from "./errors";
import type { Entity, RemoteExecutionContext, Value } from "./types";
import { MAX_NESTING, parseDate, parseEntity, parseKeyValues, parseValue } from "./values";

type Json = Record<string, unknown>;

function requiredText(body: Json, name: string, path: string): string {
  const value = body[name];
  if (typeof value === "string" && value.length > 0) return value;
  throw new ContextError(`${path}${name}`, value === undefined ? "missing: is this a Dataverse RemoteExecutionContext?" : `expected a non-empty string, got ${describe(value)}`);
}

function optionalText(body: Json, name: string, path: string): string | null {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  throw new ContextError(`${path}${name}`, `expected a string, got ${describe(value)}`);
}

function optionalNumber(body: Json, name: string, path: string): number | null {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  throw new ContextError(`${path}${name}`, `expected a whole number, got ${describe(value)}`);
}

function optionalDate(body: Json, name: string, path: string): Date | null {
  const value = body[name];
  if (value === undefined || value === null) return null;
  const date = typeof value === "string" ? parseDate(value) : undefined;
  if (date) return date.date;
  throw new ContextError(`${path}${name}`, `expected "/Date(milliseconds)/", got ${describe(value)}`);
}

function parseAt(raw: unknown, path: string, level: number): RemoteExecutionContext {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ContextError(path.replace(/\.$/, ""), `expected a JSON object (a RemoteExecutionContext), got ${describe(raw)}`);
  const body = raw as Json;
  const values = (name: string): ReadonlyMap<string, Value> => parseKeyValues(body[name], path + name, parseValue);
  const images = (name: string): ReadonlyMap<string, Entity> => parseKeyValues(body[name], path + name, parseEntity);
  const parent = body.ParentContext;
  if (parent !== undefined && parent !== null && level >= MAX_NESTING) throw new ContextError(`${path}ParentContext`, `nested deeper than ${MAX_NESTING} levels`);
  return {
    MessageName: requiredText(body, "MessageName", path),
    PrimaryEntityName: requiredText(body, "PrimaryEntityName", path),
    PrimaryEntityId: optionalText(body, "PrimaryEntityId", path),
    SecondaryEntityName: optionalText(body, "SecondaryEntityName", path),
    Stage: optionalNumber(body, "Stage", path),
    Mode: optionalNumber(body, "Mode", path),
    Depth: optionalNumber(body, "Depth", path),
    CorrelationId: optionalText(body, "CorrelationId", path),
    RequestId: optionalText(body, "RequestId", path),
    OperationId: optionalText(body, "OperationId", path),
    OperationCreatedOn: optionalDate(body, "OperationCreatedOn", path),
    OrganizationId: optionalText(body, "OrganizationId", path),
    OrganizationName: optionalText(body, "OrganizationName", path),
    BusinessUnitId: optionalText(body, "BusinessUnitId", path),
    UserId: optionalText(body, "UserId", path),
    InitiatingUserId: optionalText(body, "InitiatingUserId", path),
    InitiatingUserAgent: optionalText(body, "InitiatingUserAgent", path),
    InputParameters: values("InputParameters"),
    OutputParameters: values("OutputParameters"),
    SharedVariables: values("SharedVariables"),
    PreEntityImages: images("PreEntityImages"),
    PostEntityImages: images("PostEntityImages"),
    ParentContext: parent === undefined || parent === null ? null : parseAt(parent, `${path}ParentContext.`, level + 1),
  };
}

/** Throws ContextError (with the path of the first problem) when the body is not a context. */
export function parseContext(body: unknown): RemoteExecutionContext {
  return parseAt(body, "", 0);
}
