/** A body that is JSON but not a RemoteExecutionContext; `path` says where, for the 400 answer. */
export class ContextError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path || "body"}: ${problem}`);
    this.name = "ContextError";
  }
}

/** Describes a JSON value in an error message without echoing a huge or hostile input back. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
