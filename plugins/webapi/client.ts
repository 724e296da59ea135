/**
 * A thin Dataverse Web API client on Node's global fetch: the documented headers, 429 back-off,
 * and Dataverse's error JSON turned into RegistrationErrors. The base URL and fetch are injected, so
 * tests point it at a local server.
 */
import { API_PATH } from "./registration";
import { describeDataverseError, RegistrationError, type DataverseError } from "./errors";

export type Method = "GET" | "POST" | "PATCH" | "DELETE";
export type Row = Record<string, unknown>;

/** One request as the registrar means it; the client adds the base URL and headers. */
export interface PlannedRequest {
  readonly method: Method;
  /** Relative to /api/data/v9.2/, unencoded (as the docs write it). */
  readonly path: string;
  readonly body?: Row;
  /** If-Match for PATCH/DELETE: the row's @odata.etag. */
  readonly etag?: string;
}

/** What the registrar needs from Dataverse. The real client and the dry run both provide it. */
export interface Dataverse {
  /** GET a collection; returns `value`. */
  list(path: string): Promise<Row[]>;
  /** POST; returns the new row's id (from OData-EntityId). */
  create(entitySet: string, body: Row): Promise<string>;
  update(entitySet: string, id: string, body: Row, etag: string | undefined): Promise<void>;
  remove(entitySet: string, id: string, etag: string | undefined): Promise<void>;
}

export interface WebApiOptions {
  /** The environment's origin, e.g. https://contoso.crm.dynamics.com. */
  readonly env: string;
  readonly token: () => Promise<string>;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Retries after a 429 (so maxRetries + 1 attempts). */
  readonly maxRetries?: number;
  /** Longest single wait, whatever Retry-After says. */
  readonly maxWaitMs?: number;
  /** Called with each request before it is sent (for --verbose). */
  readonly onRequest?: (request: PlannedRequest, url: string) => void;
}

export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_MAX_WAIT_MS = 60_000;

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

/** The request URL as the docs write it (unencoded); fetch gets it through new URL(), which encodes it. */
export function entityUrl(env: string, path: string): string {
  return `${new URL(env).origin}${API_PATH}${path}`;
}

/** The id in an OData-EntityId header: …/serviceendpoints(00000000-…). */
export function idFromEntityUrl(header: string | null): string | undefined {
  const match = header?.match(/\(([0-9a-fA-F-]{36})\)\s*$/);
  return match?.[1];
}

export class WebApiClient implements Dataverse {
  private readonly options: WebApiOptions;
  private readonly fetchImpl: typeof fetch;

  constructor(options: WebApiOptions) {
    this.options = options;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
  }

  async list(path: string): Promise<Row[]> {
    const response = await this.send({ method: "GET", path });
    const body = (await response.json()) as { value?: Row[] };
    return body.value ?? [];
  }

  async create(entitySet: string, body: Row): Promise<string> {
    const response = await this.send({ method: "POST", path: entitySet, body });
    const id = idFromEntityUrl(response.headers.get("OData-EntityId"));
    if (!id)
      throw new RegistrationError("dataverse", `POST ${entitySet} succeeded but returned no OData-EntityId header with the new row's id.`);
    return id;
  }

  async update(entitySet: string, id: string, body: Row, etag: string | undefined): Promise<void> {
    await this.send({ method: "PATCH", path: `${entitySet}(${id})`, body, etag });
  }

  async remove(entitySet: string, id: string, etag: string | undefined): Promise<void> {
    await this.send({ method: "DELETE", path: `${entitySet}(${id})`, etag });
  }

  headersFor(request: PlannedRequest, token: string): Record<string, string> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: "application/json",
      "OData-MaxVersion": "4.0",
      "OData-Version": "4.0",
    };
    // The docs ask for If-None-Match: null on reads so no cached collection comes back.
    if (request.method === "GET") headers["If-None-Match"] = "null";
    if (request.body) headers["Content-Type"] = "application/json; charset=utf-8";
    // A PATCH must never create the row (If-Match also makes it an optimistic-concurrency check).
    if (request.method === "PATCH" || request.method === "DELETE") headers["If-Match"] = request.etag ?? "*";
    return headers;
  }

  async send(request: PlannedRequest): Promise<Response> {
    const url = entityUrl(this.options.env, request.path);
    const maxRetries = this.options.maxRetries ?? DEFAULT_MAX_RETRIES;
    const sleep = this.options.sleep ?? sleepFor;
    for (let attempt = 0; ; attempt++) {
      const headers = this.headersFor(request, await this.options.token());
      this.options.onRequest?.(request, url);
      let response: Response;
      try {
        response = await this.fetchImpl(new URL(url), {
          method: request.method,
          headers,
          body: request.body ? JSON.stringify(request.body) : undefined,
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new RegistrationError(
          "unreachable",
          `Could not reach ${this.options.env} (${request.method} ${request.path}): ${cause?.code ?? cause?.message ?? (error as Error).message}.`,
        );
      }
      if (response.ok) return response;
      const error = await readError(response);
      if (response.status === 429 && attempt < maxRetries) {
        const wait = Math.min(retryDelayMs(response.headers.get("Retry-After"), attempt), this.options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
        await sleep(wait);
        continue;
      }
      throw toRegistrationError(request, response.status, error, attempt);
    }
  }
}

async function readError(response: Response): Promise<{ error?: DataverseError; text: string }> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { error?: DataverseError };
    return { error: body.error, text };
  } catch {
    return { text };
  }
}

function toRegistrationError(
  request: PlannedRequest,
  status: number,
  body: { error?: DataverseError; text: string },
  attempt: number,
): RegistrationError {
  const what = `${request.method} ${request.path.split("?")[0]}`;
  const detail = describeDataverseError(status, body.error, body.text.slice(0, 200));
  switch (status) {
    case 401:
      return new RegistrationError("unauthorized", `${what}: Dataverse refused the token (${detail}).`);
    case 403:
      return new RegistrationError("forbidden", `${what}: access denied (${detail}).`);
    case 412:
      return new RegistrationError("changed-meanwhile", `${what}: precondition failed (${detail}).`);
    case 429:
      return new RegistrationError("throttled", `${what}: throttled ${attempt + 1} times in a row (${detail}).`);
    default:
      return new RegistrationError("dataverse", `${what} failed: ${detail}${detail.endsWith(".") ? "" : "."}`);
  }
}
