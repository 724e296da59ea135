/**
 * A thin Dataverse Web API client on Node's global fetch, shared by every command: the documented
 * headers, paging through @odata.nextLink, Retry-After on 429, and Dataverse's error JSON turned into
 * WebApiErrors. Hardened against a hostile or broken answer: every id that goes into a path or filter
 * must be a GUID (paths.ts); redirects are refused, each request has a timeout and bodies are read up
 * to a cap (exchange.ts); the token is redacted from every message in the forms it is actually sent. The base URL,
 * fetch, sleep and clock are injected, so tests point it at a local server.
 */
import { WebApiError } from "./errors";
import { errorFor, exchange, type Answer, type Failure } from "./exchange";
import { isGuid, quoteForMessage } from "./guid";
import { API_PATH, encodePath, entityUrl, idFromEntityUrl, sameApiPath } from "./paths";
import { Redactor } from "./redact";

export type { Answer };
export type Method = "GET" | "POST" | "PATCH" | "DELETE";
export type Row = Record<string, unknown>;

/** One request as a command means it; the client adds the base URL and headers. */
export interface PlannedRequest {
  readonly method: Method;
  /** Relative to /api/data/v9.2/, unencoded (as the docs write it). */
  readonly path: string;
  readonly body?: Row;
  /** If-Match for PATCH/DELETE: the row's @odata.etag. */
  readonly etag?: string;
  /** Prefer header preferences, e.g. odata.maxpagesize=5000. */
  readonly prefer?: readonly string[];
  /** The path came from the server's @odata.nextLink, already encoded and checked. */
  readonly link?: boolean;
}

/** What the registrar needs from Dataverse. The real client and the dry run both provide it. */
export interface Dataverse {
  /** GET a collection; returns `value` (the first page). */
  list(path: string): Promise<Row[]>;
  /** POST; returns the new row's id (from OData-EntityId). */
  create(entitySet: string, body: Row): Promise<string>;
  update(entitySet: string, id: string, body: Row, etag: string | undefined): Promise<void>;
  remove(entitySet: string, id: string, etag: string | undefined): Promise<void>;
  /** Whether a value read from an answer may stand as a row id (in a path, filter or bind). */
  isId(value: unknown): value is string;
}

export interface WebApiOptions {
  /** The environment's origin, e.g. https://contoso.crm.dynamics.com. */
  readonly env: string;
  /** undefined: no Authorization header (a loopback environment). */
  readonly token?: () => Promise<string>;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** Every secret the command knows; the client adds each token it sends. */
  readonly redactor?: Redactor;
  /** Retries after a 429 (so maxRetries + 1 attempts). */
  readonly maxRetries?: number;
  /** Longest single wait, whatever Retry-After says. */
  readonly maxWaitMs?: number;
  /** Longest time for one request, answer body included. */
  readonly timeoutMs?: number;
  /** Largest error body read (the rest is never read). */
  readonly maxErrorBytes?: number;
  /** Largest successful body read (a page of rows). */
  readonly maxBodyBytes?: number;
  /** Called with each request before it is sent (for --verbose). */
  readonly onRequest?: (request: PlannedRequest, url: string) => void;
  /** The largest page asked for (Prefer: odata.maxpagesize), whatever a command asks; default MAX_PAGE_SIZE. Tests page with a few rows. */
  readonly maxPageSize?: number;
}

export interface PageOptions {
  /** Prefer: odata.maxpagesize (Dataverse's largest is 5,000 for standard tables). */
  readonly pageSize?: number;
  readonly prefer?: readonly string[];
}

export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_MAX_WAIT_MS = 60_000;
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_ERROR_BYTES = 4096;
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
/** Prefer: odata.maxpagesize at most this for standard tables (Dataverse's documented largest page). */
export const MAX_PAGE_SIZE = 5000;
/** Formatted values (names of lookups and choices) on every row. */
export const FORMATTED_VALUES = 'odata.include-annotations="OData.Community.Display.V1.FormattedValue"';
export const ALL_ANNOTATIONS = 'odata.include-annotations="*"';

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After is seconds or an HTTP date; without it, back off 1 s, 2 s, 4 s… */
export function retryDelayMs(retryAfter: string | null, attempt: number, now = Date.now()): number {
  if (retryAfter !== null && retryAfter.trim() !== "") {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return 1000 * 2 ** attempt;
}

/** Counted for --verbose and the budgets: every request sent, retries included. */
export interface Stats {
  requests: number;
  retries: number;
  waitedMs: number;
}

export class WebApiClient implements Dataverse {
  readonly stats: Stats = { requests: 0, retries: 0, waitedMs: 0 };
  /** The server's clock: the Date header of the latest answer (Dataverse's, or a workbench's simulated one). */
  serverDateMs: number | undefined;
  readonly redactor: Redactor;
  private readonly options: WebApiOptions;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  /** Set by a 429: no request of this client starts before then (Retry-After holds for all of them). */
  private notBefore = 0;

  constructor(options: WebApiOptions) {
    this.options = options;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? Date.now;
    this.redactor = options.redactor ?? new Redactor();
  }

  isId(value: unknown): value is string {
    return isGuid(value);
  }

  get env(): string {
    return this.options.env;
  }

  async list(path: string, prefer?: readonly string[]): Promise<Row[]> {
    const answer = await this.send({ method: "GET", path, prefer });
    return rowsOf(answer.body, `GET ${resourceOf(path)}`);
  }

  /** GET one row or a function's answer. */
  async get(path: string, prefer?: readonly string[]): Promise<Row> {
    const answer = await this.send({ method: "GET", path, prefer });
    if (typeof answer.body !== "object" || answer.body === null || Array.isArray(answer.body))
      throw new WebApiError("bad-answer", `GET ${resourceOf(path)}: the answer is not a JSON object.`);
    return answer.body as Row;
  }

  /** Every page of a collection, following @odata.nextLink (only back to this environment). */
  async *pages(path: string, options: PageOptions = {}): AsyncGenerator<Row[]> {
    const size = options.pageSize && Math.min(options.pageSize, this.options.maxPageSize ?? MAX_PAGE_SIZE);
    const prefer = [...(options.prefer ?? []), ...(size ? [`odata.maxpagesize=${size}`] : [])];
    let request: PlannedRequest = { method: "GET", path, prefer };
    const what = `GET ${resourceOf(path)}`;
    for (;;) {
      const answer = await this.send(request);
      yield rowsOf(answer.body, what);
      const next = (answer.body as Row)["@odata.nextLink"];
      if (next === undefined || next === null) return;
      // The docs ask for the same Prefer header on every page.
      request = { method: "GET", path: sameApiPath(this.options.env, next, what), prefer, link: true };
    }
  }

  async all(path: string, options: PageOptions = {}): Promise<Row[]> {
    const rows: Row[] = [];
    for await (const page of this.pages(path, options)) rows.push(...page);
    return rows;
  }

  async create(entitySet: string, body: Row): Promise<string> {
    const answer = await this.send({ method: "POST", path: entitySet, body });
    const header = answer.headers.get("OData-EntityId");
    const id = idFromEntityUrl(this.options.env, header, entitySet);
    if (!id)
      throw new WebApiError(
        "bad-answer",
        header === null
          ? `POST ${entitySet} succeeded but returned no OData-EntityId header with the new row's id.`
          : `POST ${entitySet} succeeded but its OData-EntityId ${quoteForMessage(this.redactor.redact(header))} is not a ${entitySet} row of ${this.options.env}.`,
      );
    return id;
  }

  async update(entitySet: string, id: string, body: Row, etag: string | undefined): Promise<void> {
    await this.send({ method: "PATCH", path: `${entitySet}(${id})`, body, etag });
  }

  async remove(entitySet: string, id: string, etag: string | undefined): Promise<void> {
    await this.send({ method: "DELETE", path: `${entitySet}(${id})`, etag });
  }

  headersFor(request: PlannedRequest, token: string | undefined): Record<string, string> {
    const headers: Record<string, string> = {
      Accept: "application/json",
      "OData-MaxVersion": "4.0",
      "OData-Version": "4.0",
    };
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    // The docs ask for If-None-Match: null on reads so no cached collection comes back.
    if (request.method === "GET") headers["If-None-Match"] = "null";
    if (request.prefer?.length) headers.Prefer = request.prefer.join(",");
    if (request.body) headers["Content-Type"] = "application/json; charset=utf-8";
    // A PATCH must never create the row (If-Match also makes it an optimistic-concurrency check).
    if (request.method === "PATCH" || request.method === "DELETE") headers["If-Match"] = request.etag ?? "*";
    return headers;
  }

  async send(request: PlannedRequest): Promise<Answer> {
    const what = `${request.method} ${resourceOf(request.path)}`;
    const relative = request.link ? request.path : encodePath(request.path, what);
    const url = `${new URL(this.options.env).origin}${API_PATH}${relative}`;
    const maxRetries = this.options.maxRetries ?? DEFAULT_MAX_RETRIES;
    let waited = false;
    for (let attempt = 0; ; attempt++) {
      // A request that has just slept out its own Retry-After goes at once; the others wait for the gate.
      if (!waited) await this.waitForGate();
      waited = false;
      const token = this.options.token ? await this.options.token() : undefined;
      this.redactor.add(token);
      this.options.onRequest?.(request, request.link ? url : entityUrl(this.options.env, request.path));
      this.stats.requests++;
      const answer = await this.attempt(request, url, token, what);
      if (!("failed" in answer)) return answer;
      if (answer.status === 429 && attempt < maxRetries) {
        const wait = Math.min(
          retryDelayMs(answer.headers.get("Retry-After"), attempt, this.now()),
          this.options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS,
        );
        const until = this.now() + wait;
        // Retry-After holds for every request of this client, not only this one.
        if (until > this.notBefore) this.notBefore = until;
        this.stats.retries++;
        this.stats.waitedMs += wait;
        await (this.options.sleep ?? sleepFor)(wait);
        if (this.notBefore === until) this.notBefore = 0;
        waited = true;
        continue;
      }
      throw errorFor(what, answer, attempt, this.redactor);
    }
  }

  private async waitForGate(): Promise<void> {
    const until = this.notBefore;
    const wait = until - this.now();
    if (wait <= 0) return;
    this.stats.waitedMs += wait;
    await (this.options.sleep ?? sleepFor)(wait);
    // Whoever slept through this gate opens it (an injected clock may not have moved).
    if (this.notBefore === until) this.notBefore = 0;
  }

  /** One HTTP exchange under the timeout (exchange.ts); the client keeps the server's clock. */
  private async attempt(request: PlannedRequest, url: string, token: string | undefined, what: string): Promise<Answer | Failure> {
    const result = await exchange({
      fetch: this.fetchImpl,
      url,
      init: {
        method: request.method,
        headers: this.headersFor(request, token),
        body: request.body ? JSON.stringify(request.body) : undefined,
      },
      env: this.options.env,
      what,
      timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBodyBytes: this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      maxErrorBytes: this.options.maxErrorBytes ?? DEFAULT_MAX_ERROR_BYTES,
      redactor: this.redactor,
    });
    const date = Date.parse(result.headers.get("Date") ?? "");
    if (!Number.isNaN(date)) this.serverDateMs = date;
    return result;
  }
}

/** "audits(…)/Microsoft.Dynamics.CRM.RetrieveAuditDetails?…" → the part before the query, for messages. */
export function resourceOf(path: string): string {
  return path.split("?")[0];
}

function rowsOf(body: unknown, what: string): Row[] {
  const value = (body as { value?: unknown } | undefined)?.value;
  if (!Array.isArray(value) || value.some((row) => typeof row !== "object" || row === null))
    throw new WebApiError("bad-answer", `${what}: the answer has no "value" list of rows.`);
  return value as Row[];
}
