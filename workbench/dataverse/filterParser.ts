/**
 * $filter's parser: a documented subset of OData's grammar ("Filter rows", "Query data using the Web API"):
 *   comparisons  <property> eq|ne|lt|le|gt|ge <literal>   (the property on the left)
 *   logic        and, or, not, parentheses
 *   literals     'text' (quotes doubled inside), numbers, true, false, null, GUIDs (bare or quoted),
 *                ISO dates and date-times (2025-01-31, 2025-01-31T08:00:00Z)
 *   paths        IsAuditEnabled/Value (metadata's complex properties)
 *   multi-select Microsoft.Dynamics.CRM.ContainValues / DoesNotContainValues(PropertyName='…',PropertyValues=['…'])
 * Anything else is refused with Dataverse's 400 error shape naming it. Text compares case-insensitively,
 * as Dataverse's default collation does.
 */
import { fail } from "./errors";

export type Literal =
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "null" }
  | { readonly kind: "guid"; readonly value: string }
  | { readonly kind: "datetime"; readonly value: number };

export type Operator = "eq" | "ne" | "lt" | "le" | "gt" | "ge";

export type Expression =
  | { readonly type: "and" | "or"; readonly left: Expression; readonly right: Expression }
  | { readonly type: "not"; readonly operand: Expression }
  | { readonly type: "compare"; readonly operator: Operator; readonly path: readonly string[]; readonly literal: Literal }
  | { readonly type: "contains"; readonly negate: boolean; readonly property: string; readonly values: readonly number[] };

export const SUPPORTED_FILTER =
  "eq, ne, lt, le, gt, ge, and, or, not, parentheses, null, true/false, numbers, 'text', GUIDs, ISO dates, Microsoft.Dynamics.CRM.ContainValues and DoesNotContainValues";

const OPERATORS = new Set(["eq", "ne", "lt", "le", "gt", "ge"]);
const KNOWN_UNSUPPORTED_OPERATORS = new Set(["has", "in", "add", "sub", "mul", "div", "mod"]);
const CONTAIN = { "microsoft.dynamics.crm.containvalues": false, "microsoft.dynamics.crm.doesnotcontainvalues": true } as const;

interface Token {
  readonly kind: "punct" | "string" | "guid" | "datetime" | "number" | "word";
  readonly text: string;
  readonly at: number;
}

const PATTERNS: readonly [Token["kind"], RegExp][] = [
  ["guid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-])/i],
  ["datetime", /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})?)?(?![\w:])/],
  ["number", /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])/],
  ["word", /^[A-Za-z_@$][\w.]*/],
  ["punct", /^[()[\],=/]/],
];

function tokenize(text: string, option: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    if (rest[0] === "'") {
      let end = 1;
      let value = "";
      for (;;) {
        if (end >= rest.length) throw fail("querySyntax", { option, position: at, detail: "a text literal is not closed with '." });
        if (rest[end] === "'") {
          if (rest[end + 1] === "'") {
            value += "'";
            end += 2;
            continue;
          }
          break;
        }
        value += rest[end++];
      }
      tokens.push({ kind: "string", text: value, at });
      at += end + 1;
      continue;
    }
    const match = PATTERNS.map(([kind, pattern]) => [kind, pattern.exec(rest)] as const).find(([, m]) => m);
    if (!match) throw fail("querySyntax", { option, position: at, detail: `unexpected '${rest[0]}'.` });
    const [kind, m] = match;
    tokens.push({ kind, text: (m as RegExpExecArray)[0], at });
    at += (m as RegExpExecArray)[0].length;
  }
  return tokens;
}

/** Parses a $filter expression (or throws Dataverse's 400 naming the problem). */
export function parseFilter(text: string, option = "$filter"): Expression {
  const tokens = tokenize(text, option);
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const word = (t: Token | undefined): string | undefined => (t?.kind === "word" ? t.text.toLowerCase() : undefined);
  const syntax = (detail: string, t = peek()) => fail("querySyntax", { option, position: t?.at ?? text.length, detail });
  const unsupported = (what: string) => fail("unsupportedQuery", { option, what, supported: SUPPORTED_FILTER });
  const expect = (punct: string) => {
    const t = peek();
    if (t?.kind !== "punct" || t.text !== punct) throw syntax(`expected '${punct}'${t ? ` before '${t.text}'` : " at the end"}.`);
    i++;
  };

  function literal(): Literal {
    const t = peek();
    if (!t) throw syntax("expected a value at the end.");
    i++;
    switch (t.kind) {
      case "string":
        return { kind: "string", value: t.text };
      case "guid":
        return { kind: "guid", value: t.text.toLowerCase() };
      case "number":
        return { kind: "number", value: Number(t.text) };
      case "datetime": {
        const zoned = /(Z|[+-]\d{2}:\d{2})$/.test(t.text);
        const value = Date.parse(t.text.length === 10 ? `${t.text}T00:00:00Z` : zoned ? t.text : `${t.text}Z`);
        if (Number.isNaN(value)) throw syntax(`'${t.text}' is not a valid date.`, t);
        return { kind: "datetime", value };
      }
      case "word": {
        const w = t.text.toLowerCase();
        if (w === "true" || w === "false") return { kind: "boolean", value: w === "true" };
        if (w === "null") return { kind: "null" };
        // An enum literal, Namespace.EnumType'Member' ("Query table definitions"): compared as its member's name.
        if (t.text.includes(".") && peek()?.kind === "string") return { kind: "string", value: (tokens[i++] as Token).text };
        if (t.text.startsWith("@")) throw unsupported(`the parameter alias ${t.text}`);
        throw unsupported(`'${t.text}' on the right of a comparison (compare a property with a literal value)`);
      }
      default:
        throw syntax(`expected a value, got '${t.text}'.`, t);
    }
  }

  function contain(negate: boolean, name: string): Expression {
    expect("(");
    const params: Record<string, Token[]> = {};
    for (;;) {
      const key = peek();
      if (key?.kind !== "word") throw syntax(`expected PropertyName= or PropertyValues= in ${name}.`);
      i++;
      expect("=");
      const values: Token[] = [];
      if (peek()?.text === "[") {
        i++;
        while (peek() && peek()?.text !== "]") {
          const v = peek() as Token;
          if (v.kind !== "string" && v.kind !== "number") throw syntax(`${name}'s PropertyValues holds '${v.text}', not a value.`, v);
          values.push(v);
          i++;
          if (peek()?.text === ",") i++;
        }
        expect("]");
      } else {
        const v = peek();
        if (v?.kind !== "string") throw syntax(`expected a quoted value for ${key.text}.`);
        values.push(v);
        i++;
      }
      params[key.text] = values;
      if (peek()?.text === ",") {
        i++;
        continue;
      }
      break;
    }
    expect(")");
    const property = params.PropertyName?.[0]?.text;
    const values = (params.PropertyValues ?? []).map((v) => Number(v.text));
    if (!property || values.length === 0 || values.some((v) => !Number.isInteger(v)))
      throw syntax(`${name} needs PropertyName='<column>' and PropertyValues=['<option value>', …].`);
    return { type: "contains", negate, property, values };
  }

  function primary(): Expression {
    const t = peek();
    if (!t) throw syntax("the expression ends too early.");
    if (t.kind === "punct" && t.text === "(") {
      i++;
      const inner = or();
      expect(")");
      return inner;
    }
    if (t.kind !== "word") throw syntax(`expected a property name, got '${t.kind === "string" ? `'${t.text}'` : t.text}'.`, t);
    const name = t.text;
    i++;
    if (peek()?.text === "(") {
      const negate = CONTAIN[name.toLowerCase() as keyof typeof CONTAIN];
      if (negate !== undefined) return contain(negate, name);
      throw unsupported(`the function ${name}()`);
    }
    const path = [name];
    while (peek()?.text === "/") {
      i++;
      const next = peek();
      if (next?.kind !== "word") throw syntax("expected a property name after '/'.");
      if (tokens[i + 1]?.text === "(") throw unsupported(`the lambda or function ${next.text}()`);
      path.push(next.text);
      i++;
    }
    const op = word(peek());
    if (op === undefined || !OPERATORS.has(op)) {
      if (op && KNOWN_UNSUPPORTED_OPERATORS.has(op)) throw unsupported(`the operator '${op}'`);
      throw syntax(`expected eq, ne, lt, le, gt or ge after ${path.join("/")}.`);
    }
    i++;
    return { type: "compare", operator: op as Operator, path, literal: literal() };
  }

  function not(): Expression {
    if (word(peek()) === "not") {
      i++;
      return { type: "not", operand: not() };
    }
    return primary();
  }

  function and(): Expression {
    let left = not();
    while (word(peek()) === "and") {
      i++;
      left = { type: "and", left, right: not() };
    }
    return left;
  }

  function or(): Expression {
    let left = and();
    while (word(peek()) === "or") {
      i++;
      left = { type: "or", left, right: and() };
    }
    return left;
  }

  if (tokens.length === 0) throw syntax("the expression is empty.");
  const expression = or();
  if (i < tokens.length) throw syntax(`unexpected '${(peek() as Token).text}'.`);
  return expression;
}
