/**
 * A WCF `{key, value}` collection as a ReadonlyMap whose values are parsed when first read. The
 * validator reads four or five of a context's thirty-odd values; parsing the rest (dates,
 * references, whole unread images) was two thirds of the parse. The shape of the collection is
 * still checked up front; a value that is not what it claims to be fails when it is read, with
 * the same ContextError and path as before, and a value never read can never fail.
 */
import { ContextError, describe } from "./errors";

export type ParseValue<T> = (raw: unknown, path: string) => T;

const UNREAD: unique symbol = Symbol("unread");

export class Pairs<T> implements ReadonlyMap<string, T> {
  // Filled on the first read: most collections are never read at all.
  private parsed: (T | typeof UNREAD)[] | undefined;
  private map: Map<string, T> | undefined;

  constructor(
    private readonly raw: readonly { readonly key: string; readonly value: unknown }[],
    private readonly path: string,
    private readonly parse: ParseValue<T>,
  ) {}

  get size(): number {
    return this.raw.length === 0 ? 0 : this.all().size;
  }

  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  get(key: string): T | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : this.at(i);
  }

  forEach(callback: (value: T, key: string, map: ReadonlyMap<string, T>) => void, thisArg?: unknown): void {
    this.all().forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  /** Iterating reads (and so parses) every value. */
  entries(): ReturnType<Map<string, T>["entries"]> {
    return this.all().entries();
  }

  keys(): ReturnType<Map<string, T>["keys"]> {
    return this.all().keys();
  }

  values(): ReturnType<Map<string, T>["values"]> {
    return this.all().values();
  }

  [Symbol.iterator](): ReturnType<Map<string, T>["entries"]> {
    return this.entries();
  }

  /**
   * A scan, not a Map: collections hold a few dozen pairs, and building a Map of them cost more
   * than the reads it would speed up. From the end, so a repeated key keeps its last value.
   */
  private indexOf(key: string): number {
    const raw = this.raw;
    for (let i = raw.length - 1; i >= 0; i--) if (raw[i].key === key) return i;
    return -1;
  }

  private at(i: number): T {
    const parsed = (this.parsed ??= new Array<T | typeof UNREAD>(this.raw.length).fill(UNREAD));
    const known = parsed[i];
    if (known !== UNREAD) return known;
    const value = this.parse(this.raw[i].value, `${this.path}[${i}].value`);
    parsed[i] = value;
    return value;
  }

  /** In wire order, each key once with its last value (Map.set's rules). */
  private all(): Map<string, T> {
    if (this.map) return this.map;
    const map = new Map<string, T>();
    for (let i = 0; i < this.raw.length; i++) map.set(this.raw[i].key, this.at(i));
    return (this.map = map);
  }
}

const EMPTY: readonly { key: string; value: unknown }[] = [];

/** Checks that `raw` is an array of `{key, value}` pairs with string keys (or absent), without reading the values. */
export function parseKeyValues<T>(raw: unknown, path: string, parse: ParseValue<T>): Pairs<T> {
  if (raw === undefined || raw === null) return new Pairs<T>(EMPTY, path, parse);
  if (!Array.isArray(raw)) throw new ContextError(path, `expected an array of {key, value} pairs, got ${describe(raw)}`);
  for (let i = 0; i < raw.length; i++) {
    const pair: unknown = raw[i];
    if (typeof pair !== "object" || pair === null || Array.isArray(pair) || typeof (pair as { key?: unknown }).key !== "string") {
      throw new ContextError(`${path}[${i}]`, `expected {key, value} with a string key, got ${describe(pair)}`);
    }
  }
  return new Pairs<T>(raw as { key: string; value: unknown }[], path, parse);
}
