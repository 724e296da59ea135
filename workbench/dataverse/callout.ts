/**
 * The webhook call-out ("Use webhooks to create external handlers for server events", PLATFORM.md §5):
 * the registered steps that match a message on a table (enabled, filtering attributes in the
 * request), in stage then rank order, each posting its RemoteExecutionContext to its service
 * endpoint. WebhookKey appends ?code=<key>; HttpHeader and HttpQueryString send the
 * `<settings><setting name="…" value="…" /></settings>` pairs Microsoft's tools store in authvalue.
 * A synchronous step fails the operation on any non-2xx answer, on no answer within the timeout
 * (60 s) or on a network error; only 502, 503 and 504 get one more attempt. Every call is logged:
 * the page shows this log as the webhook's decisions.
 */
import { randomUUID } from "node:crypto";
import { fail } from "./errors";
import type { Row } from "./entitySets";
import { fitToSize, SIZE_EXCEEDED_HEADER } from "./executionContext";
import type { Store } from "./store";
import { IMAGES, SDKMESSAGEFILTERS, SDKMESSAGES, SERVICEENDPOINTS, STEPS } from "./tables";

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 60_000;
const RETRIED = new Set([502, 503, 504]);
const MAX_LOGGED_BODY = 64 * 1024;
const CONTRACT_WEBHOOK = 8;
const AUTH = { WebhookKey: 4, HttpHeader: 5, HttpQueryString: 6 } as const;
/** sdkmessageprocessingstepimage.imagetype: 0 PreImage, 1 PostImage, 2 Both. */
const IMAGE = { Pre: 0, Post: 1, Both: 2 } as const;

export interface Step {
  readonly row: Row;
  readonly endpoint: Row;
  readonly images: readonly Row[];
  readonly id: string;
  readonly name: string;
  readonly stage: number;
  readonly mode: number;
  readonly rank: number;
}

export const imagesOf = (step: Step, type: "pre" | "post"): Row[] =>
  step.images.filter((image) => image.imagetype === IMAGE.Both || image.imagetype === (type === "pre" ? IMAGE.Pre : IMAGE.Post));

/** The enabled steps on `message` of `entity` whose filtering attributes the request touches, in execution order. */
export function stepsFor(store: Store, message: string, entity: string, requestColumns: readonly string[]): Step[] {
  const messageIds = new Set(
    store
      .rows(SDKMESSAGES)
      .filter((m) => String(m.name).toLowerCase() === message.toLowerCase())
      .map((m) => m.sdkmessageid),
  );
  const steps: Step[] = [];
  for (const row of store.rows(STEPS)) {
    if (!messageIds.has(row._sdkmessageid_value) || row.statecode !== 0) continue;
    const filterId = row._sdkmessagefilterid_value;
    if (filterId) {
      const filter = store.get(SDKMESSAGEFILTERS, String(filterId));
      if (!filter || filter.primaryobjecttypecode !== entity) continue;
    }
    const filtering = String(row.filteringattributes ?? "")
      .split(",")
      .map((a) => a.trim().toLowerCase())
      .filter(Boolean);
    if (message === "Update" && filtering.length > 0 && !filtering.some((a) => requestColumns.includes(a))) continue;
    const endpoint = store.get(SERVICEENDPOINTS, String(row._eventhandler_value ?? ""));
    if (!endpoint) continue;
    const images = store.rows(IMAGES).filter((image) => image._sdkmessageprocessingstepid_value === row.sdkmessageprocessingstepid);
    const id = String(row.sdkmessageprocessingstepid);
    steps.push({
      row,
      endpoint,
      images,
      id,
      name: String(row.name),
      stage: Number(row.stage),
      mode: Number(row.mode),
      rank: Number(row.rank),
    });
  }
  return steps.sort((a, b) => a.stage - b.stage || a.rank - b.rank);
}

export interface Attempt {
  readonly status: number | null;
  readonly error?: string;
  readonly ms: number;
}

/** One call to a webhook, as the workbench logs it ("the webhook's decisions"). */
export interface CalloutRecord {
  readonly id: string;
  /** Simulated time of the operation. */
  readonly at: string;
  readonly correlationId: string;
  readonly message: string;
  readonly entity: string;
  readonly recordId: string;
  readonly step: { readonly id: string; readonly name: string; readonly stage: number; readonly mode: number; readonly rank: number };
  readonly endpoint: { readonly id: string; readonly name: string; readonly url: string };
  readonly userId: string;
  readonly userAgent: string;
  /** The request in short: the status and state asked for, from the pre-image's, and the columns sent. */
  readonly change: {
    readonly from: number | null;
    readonly to: number | null;
    readonly state: number | null;
    readonly columns: readonly string[];
  };
  readonly requestBytes: number;
  readonly sizeExceeded: boolean;
  readonly attempts: readonly Attempt[];
  readonly status: number | null;
  /** passed: a 2xx answer; refused: another status; failed: no answer (timeout, network). */
  readonly outcome: "passed" | "refused" | "failed";
  /** The webhook's answer: its JSON, or its text (capped). Dataverse itself never reads it. */
  readonly response: unknown;
  readonly ms: number;
  /** The operation was cancelled and nothing was stored (synchronous steps only). */
  readonly rolledBack: boolean;
}

export interface CallInput {
  readonly step: Step;
  readonly context: Record<string, unknown>;
  readonly summary: CalloutRecord["change"];
  readonly at: string;
  readonly organizationDomain: string;
}

export interface CalloutSettings {
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
}

function settingPairs(authvalue: unknown): [string, string][] {
  return [...String(authvalue ?? "").matchAll(/<setting\s+name="([^"]*)"\s+value="([^"]*)"\s*\/>/g)].map((m) => [m[1], m[2]]);
}

function target(endpoint: Row): { url: string; headers: Record<string, string>; shown: string } {
  const url = new URL(String(endpoint.url));
  const headers: Record<string, string> = {};
  if (endpoint.authtype === AUTH.WebhookKey) url.searchParams.set("code", String(endpoint.authvalue ?? ""));
  if (endpoint.authtype === AUTH.HttpQueryString) for (const [k, v] of settingPairs(endpoint.authvalue)) url.searchParams.set(k, v);
  if (endpoint.authtype === AUTH.HttpHeader) for (const [k, v] of settingPairs(endpoint.authvalue)) headers[k] = v;
  const shown = new URL(url);
  for (const name of [...shown.searchParams.keys()]) shown.searchParams.set(name, "***");
  return { url: url.toString(), headers, shown: shown.toString() };
}

async function readAnswer(response: Response): Promise<unknown> {
  const text = (await response.text()).slice(0, MAX_LOGGED_BODY);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Posts the context (retrying once on 502/503/504) and returns the log record; never throws. */
export async function callWebhook(settings: CalloutSettings, input: CallInput): Promise<CalloutRecord> {
  const { step, context } = input;
  const correlationId = String(context.CorrelationId);
  const started = Date.now();
  const attempts: Attempt[] = [];
  const { body, exceeded } = fitToSize(context);
  const endpoint = { id: String(step.endpoint.serviceendpointid), name: String(step.endpoint.name), url: String(step.endpoint.url) };
  let status: number | null = null;
  let response: unknown = null;
  if (step.endpoint.contract !== CONTRACT_WEBHOOK) {
    attempts.push({ status: null, error: `serviceendpoint contract ${String(step.endpoint.contract)} is not a webhook (8)`, ms: 0 });
  } else {
    const { url, headers, shown } = target(step.endpoint);
    endpoint.url = shown;
    for (let attempt = 0; attempt < 2; attempt++) {
      const began = Date.now();
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), settings.timeoutMs);
      try {
        const answer = await settings.fetch(url, {
          method: "POST",
          body,
          signal: abort.signal,
          headers: {
            "content-type": "application/json",
            "x-ms-dynamics-organization": input.organizationDomain,
            "x-ms-dynamics-entity-name": String(context.PrimaryEntityName),
            "x-ms-dynamics-request-name": String(context.MessageName),
            "x-ms-correlation-request-id": correlationId,
            ...(exceeded ? { [SIZE_EXCEEDED_HEADER]: "true" } : {}),
            ...headers,
          },
        });
        status = answer.status;
        response = await readAnswer(answer);
        attempts.push({ status, ms: Date.now() - began });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const reason = abort.signal.aborted
          ? `no answer within ${settings.timeoutMs} ms`
          : (cause?.code ?? cause?.message ?? (error as Error).message);
        attempts.push({ status: null, error: reason, ms: Date.now() - began });
        status = null;
        response = null;
      } finally {
        clearTimeout(timer);
      }
      if (status === null || !RETRIED.has(status)) break;
    }
  }
  const ok = status !== null && status >= 200 && status < 300;
  return {
    id: randomUUID(),
    at: input.at,
    correlationId,
    message: String(context.MessageName),
    entity: String(context.PrimaryEntityName),
    recordId: String(context.PrimaryEntityId),
    step: { id: step.id, name: step.name, stage: step.stage, mode: step.mode, rank: step.rank },
    endpoint,
    userId: String(context.UserId),
    userAgent: String(context.InitiatingUserAgent),
    change: input.summary,
    requestBytes: Buffer.byteLength(body),
    sizeExceeded: exceeded,
    attempts,
    status,
    outcome: ok ? "passed" : status === null ? "failed" : "refused",
    response,
    ms: Date.now() - started,
    rolledBack: !ok && step.mode === 0,
  };
}

/** The error the caller of a cancelled operation receives (the code is not documented: see errors.ts). */
export function refusal(record: CalloutRecord) {
  const last = record.attempts[record.attempts.length - 1];
  const answer = record.status !== null ? `HTTP ${record.status}` : `nothing (${last?.error ?? "no answer"})`;
  return fail("webhookFailed", { step: record.step.name, answer });
}
