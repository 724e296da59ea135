/**
 * JSON body → RemoteExecutionContext. Only MessageName and PrimaryEntityName are checked up front:
 * they say whether the body is a context at all and whether the validator has anything to do.
 * Every other field is read, and checked, when the validator first asks for it (pairs.ts does the
 * same for the values in a collection). So a field the check never reads (Depth, Stage,
 * OutputParameters, a newer Dataverse's additions…) can never fail a request, and a field it does
 * read fails with a ContextError naming its path.
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

/** One class, so every context shares one shape; each field is read (and checked) when asked for. */
class Context implements RemoteExecutionContext {
  readonly MessageName: string;
  readonly PrimaryEntityName: string;

  // Native private fields: the raw body is not an enumerable part of the context.
  readonly #body: Json;
  readonly #path: string;
  readonly #level: number;
  #inputs: ReadonlyMap<string, Value> | undefined;
  #preImages: ReadonlyMap<string, Entity> | undefined;
  #parent: RemoteExecutionContext | null | undefined;

  constructor(body: Json, path: string, level: number) {
    this.#body = body;
    this.#path = path;
    this.#level = level;
    this.MessageName = requiredText(body, "MessageName", path);
    this.PrimaryEntityName = requiredText(body, "PrimaryEntityName", path);
  }

  private text(name: string): string | null {
    return optionalText(this.#body, name, this.#path);
  }

  private number(name: string): number | null {
    return optionalNumber(this.#body, name, this.#path);
  }

  private values(name: string): ReadonlyMap<string, Value> {
    return parseKeyValues(this.#body[name], this.#path + name, parseValue);
  }

  private images(name: string): ReadonlyMap<string, Entity> {
    return parseKeyValues(this.#body[name], this.#path + name, parseEntity);
  }

  get PrimaryEntityId(): string | null {
    return this.text("PrimaryEntityId");
  }
  get SecondaryEntityName(): string | null {
    return this.text("SecondaryEntityName");
  }
  get Stage(): number | null {
    return this.number("Stage");
  }
  get Mode(): number | null {
    return this.number("Mode");
  }
  get Depth(): number | null {
    return this.number("Depth");
  }
  get CorrelationId(): string | null {
    return this.text("CorrelationId");
  }
  get RequestId(): string | null {
    return this.text("RequestId");
  }
  get OperationId(): string | null {
    return this.text("OperationId");
  }
  get OperationCreatedOn(): Date | null {
    return optionalDate(this.#body, "OperationCreatedOn", this.#path);
  }
  get OrganizationId(): string | null {
    return this.text("OrganizationId");
  }
  get OrganizationName(): string | null {
    return this.text("OrganizationName");
  }
  get BusinessUnitId(): string | null {
    return this.text("BusinessUnitId");
  }
  get UserId(): string | null {
    return this.text("UserId");
  }
  get InitiatingUserId(): string | null {
    return this.text("InitiatingUserId");
  }
  get InitiatingUserAgent(): string | null {
    return this.text("InitiatingUserAgent");
  }
  // The two collections the validator reads are kept, so their values are parsed once.
  get InputParameters(): ReadonlyMap<string, Value> {
    return (this.#inputs ??= this.values("InputParameters"));
  }
  get PreEntityImages(): ReadonlyMap<string, Entity> {
    return (this.#preImages ??= this.images("PreEntityImages"));
  }
  get OutputParameters(): ReadonlyMap<string, Value> {
    return this.values("OutputParameters");
  }
  get SharedVariables(): ReadonlyMap<string, Value> {
    return this.values("SharedVariables");
  }
  get PostEntityImages(): ReadonlyMap<string, Entity> {
    return this.images("PostEntityImages");
  }
  get ParentContext(): RemoteExecutionContext | null {
    if (this.#parent !== undefined) return this.#parent;
    const parent = this.#body.ParentContext;
    if (parent === undefined || parent === null) return (this.#parent = null);
    if (this.#level >= MAX_NESTING) throw new ContextError(`${this.#path}ParentContext`, `nested deeper than ${MAX_NESTING} levels`);
    return (this.#parent = parseAt(parent, `${this.#path}ParentContext.`, this.#level + 1));
  }
}

function parseAt(raw: unknown, path: string, level: number): RemoteExecutionContext {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new ContextError(path.replace(/\.$/, ""), `expected a JSON object (a RemoteExecutionContext), got ${describe(raw)}`);
  return new Context(raw as Json, path, level);
}

/** Throws ContextError when the body is not a context (not an object, or no MessageName / PrimaryEntityName). */
export function parseContext(body: unknown): RemoteExecutionContext {
  return parseAt(body, "", 0);
}
