/**
 * One HTTP exchange with the Web API, hardened: a timeout over the whole exchange (answer body
 * included), redirects refused, bodies read up to a cap, and Dataverse's error turned into a
 * WebApiError whose text is redacted before it is cut. The client (client.ts) decides on retries.
 */
import { readCapped } from "./body";
import { describeDataverseError, WebApiError, type DataverseError } from "./errors";
import { quoteForMessage } from "./guid";
import type { Redactor } from "./redact";

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body; undefined for 204. */
  readonly body: unknown;
}

/** A non-2xx answer, its error body read (up to the cap), for the client to retry or report. */
export interface Failure {
  readonly failed: true;
  readonly status: number;
  readonly headers: Headers;
  readonly error?: DataverseError;
  readonly text: string;
}

export interface Exchange {
  readonly fetch: typeof fetch;
  readonly url: string;
  readonly init: { method: string; headers: Record<string, string>; body?: string };
  readonly env: string;
  /** "GET audits", for messages. */
  readonly what: string;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxErrorBytes: number;
  readonly redactor: Redactor;
}

export async function exchange(x: Exchange): Promise<Answer | Failure> {
  const { what } = x;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, x.timeoutMs);
  try {
    // A redirect would carry the token (and a body with the webhook key) to wherever it points.
    const response = await x.fetch(x.url, { ...x.init, redirect: "manual", signal: controller.signal });
    if ((response.status >= 300 && response.status < 400) || response.type === "opaqueredirect") {
      await response.body?.cancel().catch(() => undefined);
      throw new WebApiError(
        "redirect",
        `${what}: the server answered ${response.status} (a redirect${originOf(response.headers.get("Location"), x.url)}); it was not followed, so nothing was sent there.`,
        { status: response.status },
      );
    }
    const limit = response.ok ? x.maxBodyBytes : x.maxErrorBytes;
    const { text, truncated } = await readCapped(response, limit);
    if (response.ok) {
      if (truncated) throw new WebApiError("bad-answer", `${what}: the answer is larger than ${limit} bytes; it was not read.`);
      return { status: response.status, headers: response.headers, body: parseJson(text, what, x.redactor) };
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
        `${what}: no complete answer from ${x.env} within ${x.timeoutMs / 1000} s (--timeout); the request was abandoned.`,
      );
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new WebApiError(
      "unreachable",
      x.redactor.redact(`Could not reach ${x.env} (${what}): ${cause?.code ?? cause?.message ?? (error as Error).message}.`),
    );
  } finally {
    clearTimeout(timer);
  }
}

/** Where a redirect pointed, origin only (a Location can carry secrets in its query). */
function originOf(location: string | null, base: string): string {
  try {
    return location ? ` to ${new URL(location, base).origin}` : "";
  } catch {
    return "";
  }
}

function parseJson(text: string, what: string, redactor: Redactor): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new WebApiError("bad-answer", `${what}: the answer is not JSON (${quoteForMessage(redactor.clip(text, 60))}).`);
  }
}

/** A final failure in words: Dataverse's code and message, redacted, then cut short. */
export function errorFor(what: string, failure: Failure, attempt: number, redactor: Redactor): WebApiError {
  const { status, error } = failure;
  // The server's words may echo the request (its Authorization header included): redact, then cut.
  const safe: DataverseError | undefined = error && {
    code: typeof error.code === "string" ? redactor.clip(error.code, 40) : undefined,
    message: typeof error.message === "string" ? redactor.clip(error.message, 500) : undefined,
  };
  const detail = describeDataverseError(status, safe, redactor.clip(failure.text, 200));
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
