/**
 * Fault injection, for tests and demos (workbench only, not Dataverse): the next N requests that
 * match a method and a path answer a given status in Dataverse's error shape, e.g. 429 with
 * Retry-After ("Service protection API limits") or 403. `after` lets that many matching requests
 * through first, so a fault can land in the middle of a batch.
 */
import { randomUUID } from "node:crypto";
import { DataverseError, ERRORS, fill } from "./errors";

export interface FaultSpec {
  /** An HTTP method, or "*" for any. */
  readonly method?: string;
  /** A prefix of the path after /api/data/v9.2/ (e.g. "msdyn_ocliveworkitems"); "" matches every path. */
  readonly path?: string;
  /** How many matching requests answer with the fault (default 1). */
  readonly count?: number;
  /** How many matching requests pass before the fault starts (default 0). */
  readonly after?: number;
  readonly status: number;
  /** Seconds, sent as Retry-After (429 and 503). */
  readonly retryAfter?: number | string;
  readonly code?: string;
  /** May name {method}, {path}, {set} (the path's entity set) and {entity} (its logical name). */
  readonly message?: string;
}

export interface Fault extends Required<Omit<FaultSpec, "retryAfter" | "code" | "message">> {
  readonly id: string;
  readonly retryAfter?: string;
  readonly code: string;
  readonly message: string;
  /** Matching requests seen so far. */
  seen: number;
  /** Faults answered so far. */
  answered: number;
}

const DEFAULTS: Readonly<Record<number, { code: string; message: string }>> = {
  429: ERRORS.throttled,
  403: {
    code: ERRORS.privilegeDenied.code,
    message: "The user does not hold the necessary privileges (a fault injected by the workbench).",
  },
  412: ERRORS.concurrencyMismatch,
  503: { code: "0x80040216", message: "The service is unavailable (a fault injected by the workbench)." },
};

export class Faults {
  private readonly faults: Fault[] = [];

  constructor(private readonly logicalOf: (set: string) => string | undefined = () => undefined) {}

  add(spec: FaultSpec): Fault {
    if (!Number.isInteger(spec.status) || spec.status < 400 || spec.status > 599)
      throw new RangeError(`status must be an HTTP error status (400–599), got ${spec.status}.`);
    const count = spec.count ?? 1;
    if (!(count === Infinity || (Number.isInteger(count) && count >= 1)))
      throw new RangeError(`count must be a whole number from 1, got ${spec.count}.`);
    if (spec.after !== undefined && !(Number.isInteger(spec.after) && spec.after >= 0))
      throw new RangeError(`after must be a whole number from 0, got ${spec.after}.`);
    const fallback = DEFAULTS[spec.status] ?? { code: "0x80040216", message: `HTTP ${spec.status} (a fault injected by the workbench).` };
    const fault: Fault = {
      id: randomUUID(),
      method: (spec.method ?? "*").toUpperCase(),
      path: spec.path ?? "",
      count,
      after: spec.after ?? 0,
      status: spec.status,
      retryAfter: spec.retryAfter === undefined ? (spec.status === 429 ? "1" : undefined) : String(spec.retryAfter),
      code: spec.code ?? fallback.code,
      message: spec.message ?? fallback.message,
      seen: 0,
      answered: 0,
    };
    this.faults.push(fault);
    return fault;
  }

  list(): readonly Fault[] {
    return this.faults;
  }

  clear(): void {
    this.faults.length = 0;
  }

  /** The error a request answers with, if a fault is due; counts the request either way. */
  take(method: string, path: string): DataverseError | undefined {
    for (const fault of this.faults) {
      if ((fault.method !== "*" && fault.method !== method.toUpperCase()) || !path.startsWith(fault.path)) continue;
      fault.seen++;
      if (fault.seen <= fault.after) continue;
      fault.answered++;
      if (fault.answered >= fault.count) this.faults.splice(this.faults.indexOf(fault), 1);
      const set = /^(\w+)/.exec(path)?.[1] ?? "";
      const message = fill(fault.message, { method, path, set, entity: this.logicalOf(set) ?? set });
      return new DataverseError(fault.status, fault.code, message, fault.retryAfter ? { "Retry-After": fault.retryAfter } : {});
    }
    return undefined;
  }
}
