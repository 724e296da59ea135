/**
 * $filter's compiler: checks each property and literal against the table (or a metadata object)
 * and returns the row test. Text compares case-insensitively, as Dataverse's default collation does;
 * a comparison with null is true only for eq/ne, as in SQL.
 */
import { fail } from "./errors";
import { isGuid } from "./security";
import { SUPPORTED_FILTER, type Expression, type Literal, type Operator } from "./filterParser";

export { parseFilter, SUPPORTED_FILTER } from "./filterParser";
export type { Expression, Literal, Operator } from "./filterParser";

/** What a compiled filter needs to know of a property: its Edm type and how to read it from a row. */
export interface Field {
  readonly edm: string;
  /** A multi-select choice: the value is "1,2,3" text. */
  readonly multi?: boolean;
  readonly read: (row: Record<string, unknown>) => unknown;
}

export interface FilterSchema {
  readonly entity: string;
  field(path: readonly string[]): Field | undefined;
}

const OPERATOR_KIND: Record<Operator, string> = {
  eq: "Equal",
  ne: "NotEqual",
  lt: "LessThan",
  le: "LessThanOrEqual",
  gt: "GreaterThan",
  ge: "GreaterThanOrEqual",
};

const LITERAL_EDM: Record<Literal["kind"], string> = {
  string: "Edm.String",
  number: "Edm.Int32",
  boolean: "Edm.Boolean",
  null: "null",
  guid: "Edm.Guid",
  datetime: "Edm.DateTimeOffset",
};

const NUMERIC = new Set(["Edm.Int32", "Edm.Int64", "Edm.Decimal", "Edm.Double"]);

type Comparable = string | number | boolean | null;

/** The literal as the property's type compares it, or undefined when the types do not mix. */
function coerce(field: Field, literal: Literal): Comparable | undefined {
  if (literal.kind === "null") return null;
  const { edm } = field;
  if (NUMERIC.has(edm)) return literal.kind === "number" ? literal.value : undefined;
  if (edm === "Edm.Boolean") return literal.kind === "boolean" ? literal.value : undefined;
  if (edm === "Edm.DateTimeOffset") return literal.kind === "datetime" ? literal.value : undefined;
  // The audit docs compare _userid_value with a quoted id: both forms are accepted.
  if (edm === "Edm.Guid")
    return literal.kind === "guid" || (literal.kind === "string" && isGuid(literal.value)) ? literal.value.toLowerCase() : undefined;
  if (edm === "Edm.String") return literal.kind === "string" ? literal.value.toLowerCase() : undefined;
  return undefined;
}

function normalise(field: Field, value: unknown): Comparable {
  if (value === undefined || value === null) return null;
  if (field.edm === "Edm.DateTimeOffset") return typeof value === "string" ? Date.parse(value) : Number(value);
  if (field.multi && typeof value === "string")
    return value
      .split(",")
      .map((v) => v.trim())
      .sort()
      .join(",");
  if (typeof value === "string") return value.toLowerCase();
  return value as Comparable;
}

function test(operator: Operator, left: Comparable, right: Comparable): boolean {
  if (right === null || left === null) return operator === "eq" ? left === right : operator === "ne" ? left !== right : false;
  switch (operator) {
    case "eq":
      return left === right;
    case "ne":
      return left !== right;
    case "lt":
      return left < right;
    case "le":
      return left <= right;
    case "gt":
      return left > right;
    case "ge":
      return left >= right;
  }
}

export type Predicate = (row: Record<string, unknown>) => boolean;

/** Checks every property and literal against the schema, then returns the row test. */
export function compileFilter(expression: Expression, schema: FilterSchema, option = "$filter"): Predicate {
  const notFound = (property: string) => fail("propertyNotFound", { property, entity: schema.entity });
  switch (expression.type) {
    case "and":
    case "or": {
      const left = compileFilter(expression.left, schema, option);
      const right = compileFilter(expression.right, schema, option);
      return expression.type === "and" ? (row) => left(row) && right(row) : (row) => left(row) || right(row);
    }
    case "not": {
      const operand = compileFilter(expression.operand, schema, option);
      return (row) => !operand(row);
    }
    case "contains": {
      const field = schema.field([expression.property]);
      if (!field) throw notFound(expression.property);
      if (!field.multi)
        throw fail("unsupportedQuery", {
          option,
          what: `ContainValues on ${expression.property}, which is not a multi-select choice`,
          supported: SUPPORTED_FILTER,
        });
      const wanted = new Set(expression.values);
      return (row) => {
        const raw = field.read(row);
        const values = typeof raw === "string" ? raw.split(",").map((v) => Number(v.trim())) : [];
        return values.some((v) => wanted.has(v)) !== expression.negate;
      };
    }
    case "compare": {
      const field = schema.field(expression.path);
      if (!field) throw notFound(expression.path.join("/"));
      const { operator, literal } = expression;
      const kind = OPERATOR_KIND[operator];
      let right = coerce(field, literal);
      if (field.multi && literal.kind === "string")
        right = literal.value
          .split(",")
          .map((v) => v.trim())
          .sort()
          .join(",");
      const ordered = operator !== "eq" && operator !== "ne";
      if (right === undefined || (ordered && (field.edm === "Edm.Boolean" || field.multi)))
        throw fail("incompatibleTypes", {
          left: field.multi ? "Collection(Edm.Int32)" : field.edm,
          right: LITERAL_EDM[literal.kind],
          operator: kind,
        });
      return (row) => test(operator, normalise(field, field.read(row)), right as Comparable);
    }
  }
}

/** A schema read off a JSON object (metadata): each path's type is the type of its value there. */
export function schemaOf(entity: string, sample: Record<string, unknown>): FilterSchema {
  const at = (row: Record<string, unknown>, path: readonly string[]): unknown =>
    path.reduce<unknown>(
      (value, name) => (typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined),
      row,
    );
  return {
    entity,
    field(path) {
      const value = at(sample, path);
      if (value === undefined || (typeof value === "object" && value !== null)) return undefined;
      const edm = typeof value === "boolean" ? "Edm.Boolean" : typeof value === "number" ? "Edm.Int32" : "Edm.String";
      return { edm, read: (row) => at(row, path) };
    },
  };
}
