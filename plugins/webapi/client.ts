/**
 * A thin Dataverse Web API client on Node's global fetch, shared by every command: the documented
 * headers, paging through @odata.nextLink, Retry-After on 429, and Dataverse's error JSON turned into
 * WebApiErrors. Hardened against a hostile or broken answer: redirects are refused, every id that goes
 * into a path or filter must be a GUID (paths.ts), each request has a timeout, bodies are read up to a
 * cap, and the token is redacted from every message in the forms it is actually sent. The base URL,
 * fetch, sleep and clock are injected, so tests point it at a local server.
 */
import { readCapped } from "./body";
import { describeDataverseError, WebApiError, type DataverseError } from "./errors";
import { isGuid, quoteForMessage } from "./guid";
import { API_PATH, encodePath, entityUrl, idFromEntityUrl, sameApiPath } from "./paths";
import { Redactor } from "./redact";

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

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body; undefined for 204. */
  readonly body: unknown;
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
    const prefer = [...(options.prefer ?? []), ...(options.pageSize ? [`odata.maxpagesize=${options.pageSize}`] : [])];
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
      throw this.toError(what, answer.status, answer.error, answer.text, attempt);
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

  /** One HTTP exchange under the timeout: an Answer, or the error body to decide on. */
  private async attempt(
    request: PlannedRequest,
    url: string,
    token: string | undefined,
    what: string,
  ): Promise<Answer | { failed: true; status: number; headers: Headers; error?: DataverseError; text: string }> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await this.fetchImpl(url, {
        method: request.method,
        headers: this.headersFor(request, token),
        body: request.body ? JSON.stringify(request.body) : undefined,
        // A redirect would carry the token (and a body with the webhook key) to wherever it points.
        redirect: "manual",
        signal: controller.signal,
      });
      const date = Date.parse(response.headers.get("Date") ?? "");
      if (!Number.isNaN(date)) this.serverDateMs = date;
      if ((response.status >= 300 && response.status < 400) || response.type === "opaqueredirect") {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get("Location");
        let where = "";
        try {
          where = location ? ` to ${new URL(location, url).origin}` : "";
        } catch {
          where = "";
        }
        throw new WebApiError(
          "redirect",
          `${what}: the server answered ${response.status} (a redirect${where}); it was not followed, so nothing was sent there.`,
          { status: response.status },
        );
      }
      const limit = response.ok
        ? (this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)
        : (this.options.maxErrorBytes ?? DEFAULT_MAX_ERROR_BYTES);
      const { text, truncated } = await readCapped(response, limit);
      if (response.ok) {
        if (truncated) throw new WebApiError("bad-answer", `${what}: the answer is larger than ${limit} bytes; it was not read.`);
        return { status: response.status, headers: response.headers, body: parseJson(text, what, this.redactor) };
      }
      let error: DataverseError | undefined;
      try {
        error = (JSON.parse(text) as { error?: DataverseError }).error;
      } catch {
        error = undefined;
      }
      return { failed: true, status: response.status, headers: response.headers, error, text };
    } catch (error) {
      if (error instanceof WebApiError) throw error;
      if (timedOut)
        throw new WebApiError(
          "timeout",
          `${what}: no complete answer from ${this.options.env} within ${timeoutMs / 1000} s (--timeout); the request was abandoned.`,
        );
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new WebApiError(
        "unreachable",
        this.redactor.redact(
          `Could not reach ${this.options.env} (${what}): ${cause?.code ?? cause?.message ?? (error as Error).message}.`,
        ),
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private toError(what: string, status: number, error: DataverseError | undefined, text: string, attempt: number): WebApiError {
    // The server's words may echo the request (its Authorization header included): redact, then cut.
    const safe: DataverseError | undefined = error && {
      code: typeof error.code === "string" ? this.redactor.clip(error.code, 40) : undefined,
      message: typeof error.message === "string" ? this.redactor.clip(error.message, 500) : undefined,
    };
    const detail = describeDataverseError(status, safe, this.redactor.clip(text, 200));
    const details = { status, dataverseCode: safe?.code };
    switch (status) {
      case 401:
        return new WebApiError("unauthorized", `${what}: Dataverse refused the token (${detail}).`, details);
      case 403:
        return new WebApiError("forbidden", `${what}: access denied (${detail}).`, details);
      case 404:
        return new WebApiError("not-found", `${what}: not found (${detail}).`, details);
      case 412:
        return new WebApiError("changed-meanwhile", `${what}: precondition failed (${detail}).`, details);
      case 429:
        return new WebApiError("throttled", `${what}: throttled ${attempt + 1} times in a row (${detail}).`, details);
      default:
        return new WebApiError("dataverse", `${what} failed: ${detail}${detail.endsWith(".") ? "" : "."}`, details);
    }
  }
}

/** "audits(…)/Microsoft.Dynamics.CRM.RetrieveAuditDetails?…" → the part before the query, for messages. */
export function resourceOf(path: string): string {
  return path.split("?")[0];
}

function parseJson(text: string, what: string, redactor: Redactor): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new WebApiError("bad-answer", `${what}: the answer is not JSON (${quoteForMessage(redactor.clip(text, 60))}).`);
  }
}

function rowsOf(body: unknown, what: string): Row[] {
  const value = (body as { value?: unknown } | undefined)?.value;
  if (!Array.isArray(value) || value.some((row) => typeof row !== "object" || row === null))
    throw new WebApiError("bad-answer", `${what}: the answer has no "value" list of rows.`);
  return value as Row[];
}
