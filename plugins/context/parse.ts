/**
 * JSON body → RemoteExecutionContext. Strict about what the validator reads (names, collections,
 * typed values), tolerant of fields it does not know, so a newer Dataverse payload still parses.
 * The scalars and the collections' shape are checked here; the values in the collections and
 * OperationCreatedOn are parsed, and checked, when first read (pairs.ts).
 */
import { ContextError, describe } from "./errors";
import type { Entity, RemoteExecutionContext, Value } from "./types";
import { parseKeyValues } from "./pairs";
import { MAX_NESTING, parseDate, parseEntity, parseValue } from "./values";

type Json = Record<string, unknown>;

function requiredText(body: Json, name: string, path: string): string {
  const value = body[name];
  if (typeof value === "string" && value.length > 0) return value;
  throw new ContextError(
    `${path}${name}`,
    value === undefined ? "missing: is this a Dataverse RemoteExecutionContext?" : `expected a non-empty string, got ${describe(value)}`,
  );
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

/** One class, so every context shares one shape; the operation's date is read only when asked for. */
class Context implements RemoteExecutionContext {
  readonly MessageName: string;
  readonly PrimaryEntityName: string;
  readonly PrimaryEntityId: string | null;
  readonly SecondaryEntityName: string | null;
  readonly Stage: number | null;
  readonly Mode: number | null;
  readonly Depth: number | null;
  readonly CorrelationId: string | null;
  readonly RequestId: string | null;
  readonly OperationId: string | null;
  readonly OrganizationId: string | null;
  readonly OrganizationName: string | null;
  readonly BusinessUnitId: string | null;
  readonly UserId: string | null;
  readonly InitiatingUserId: string | null;
  readonly InitiatingUserAgent: string | null;
  readonly InputParameters: ReadonlyMap<string, Value>;
  readonly OutputParameters: ReadonlyMap<string, Value>;
  readonly SharedVariables: ReadonlyMap<string, Value>;
  readonly PreEntityImages: ReadonlyMap<string, Entity>;
  readonly PostEntityImages: ReadonlyMap<string, Entity>;
  readonly ParentContext: RemoteExecutionContext | null;

  // Native private fields: the raw body is not an enumerable part of the context.
  readonly #body: Json;
  readonly #path: string;

  constructor(body: Json, path: string, level: number) {
    this.#body = body;
    this.#path = path;
    const values = (name: string): ReadonlyMap<string, Value> => parseKeyValues(body[name], path + name, parseValue);
    const images = (name: string): ReadonlyMap<string, Entity> => parseKeyValues(body[name], path + name, parseEntity);
    const parent = body.ParentContext;
    if (parent !== undefined && parent !== null && level >= MAX_NESTING)
      throw new ContextError(`${path}ParentContext`, `nested deeper than ${MAX_NESTING} levels`);
    this.MessageName = requiredText(body, "MessageName", path);
    this.PrimaryEntityName = requiredText(body, "PrimaryEntityName", path);
    this.PrimaryEntityId = optionalText(body, "PrimaryEntityId", path);
    this.SecondaryEntityName = optionalText(body, "SecondaryEntityName", path);
    this.Stage = optionalNumber(body, "Stage", path);
    this.Mode = optionalNumber(body, "Mode", path);
    this.Depth = optionalNumber(body, "Depth", path);
    this.CorrelationId = optionalText(body, "CorrelationId", path);
    this.RequestId = optionalText(body, "RequestId", path);
    this.OperationId = optionalText(body, "OperationId", path);
    this.OrganizationId = optionalText(body, "OrganizationId", path);
    this.OrganizationName = optionalText(body, "OrganizationName", path);
    this.BusinessUnitId = optionalText(body, "BusinessUnitId", path);
    this.UserId = optionalText(body, "UserId", path);
    this.InitiatingUserId = optionalText(body, "InitiatingUserId", path);
    this.InitiatingUserAgent = optionalText(body, "InitiatingUserAgent", path);
    this.InputParameters = values("InputParameters");
    this.OutputParameters = values("OutputParameters");
    this.SharedVariables = values("SharedVariables");
    this.PreEntityImages = images("PreEntityImages");
    this.PostEntityImages = images("PostEntityImages");
    this.ParentContext = parent === undefined || parent === null ? null : parseAt(parent, `${path}ParentContext.`, level + 1);
  }

  // A date costs a regex and a Date, and the validator never reads this one.
  get OperationCreatedOn(): Date | null {
    return optionalDate(this.#body, "OperationCreatedOn", this.#path);
  }
}

function parseAt(raw: unknown, path: string, level: number): RemoteExecutionContext {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new ContextError(path.replace(/\.$/, ""), `expected a JSON object (a RemoteExecutionContext), got ${describe(raw)}`);
  return new Context(raw as Json, path, level);
}

/** Throws ContextError (with the path of the first problem) when the body is not a context. */
export function parseContext(body: unknown): RemoteExecutionContext {
  return parseAt(body, "", 0);
}
