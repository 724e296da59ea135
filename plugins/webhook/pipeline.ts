/**
 * The request pipeline both hosts share (app.ts over node:http, azure.ts under Azure Functions):
 * method, key, size, media type, body, depth, JSON, context, decision, answer, in that order. A
 * host only adapts its request to WebhookRequest and writes the Answer back; no step lives twice.
 */
import { ContextError, parseContext } from "../context";
import { validateStatusChange } from "../validate-status-change";
import { createAnswers, type Answer } from "./answers";
import { keyChecker, presentedKey, redactedUrl } from "./auth";
import { MAX_JSON_DEPTH, nestedDeeperThan, parseJson } from "./json";
import { BODY_LIMIT_BYTES, type WebhookSettings } from "./settings";
import { englishStrings } from "./strings";

/** A request as the pipeline needs it, whichever host received it. */
export interface WebhookRequest {
  readonly method: string;
  /** The path, without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** A header by lower-case name; repeated headers joined with ", " (as both hosts do). */
  header(name: string): string | undefined;
  /** The body as UTF-8 text, or undefined as soon as it grows past `limit` bytes (the rest is not read). */
  readBody(limit: number): Promise<string | undefined>;
}

/** Thrown by a host's readBody when the client goes away before the body is complete. */
export class BodyIncomplete extends Error {
  constructor() {
    super("the request body ended early (the client closed the connection)");
    this.name = "BodyIncomplete";
  }
}

export interface Pipeline {
  /** POST /api/validate-status-change. Never throws: a bug is a 500 with its stack in the log. */
  validate(request: WebhookRequest): Promise<Answer>;
  /** GET /healthz. */
  health(method: string): Answer;
  notFound(): Answer;
  shuttingDown(): Answer;
  /** How many verdict answers are cached (a test hook: it stays bounded). */
  cachedAnswers(): number;
}

/** Dataverse posts JSON (application/json; charset=utf-8); +json types are JSON too. */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** Sent only when Dataverse removed parameters and images; anything but an explicit "true" is not that. */
export const sizeExceeded = (header: string | undefined): boolean => header !== undefined && header.trim().toLowerCase() === "true";

/** Dataverse's correlation id, for every log line of the request; capped, it is the caller's text. */
export const correlationIdOf = (request: Pick<WebhookRequest, "header">): string | undefined =>
  request.header("x-ms-correlation-request-id")?.slice(0, 100);

export function createPipeline(settings: WebhookSettings): Pipeline {
  const answers = createAnswers(settings.mode, englishStrings());
  const checkKey = keyChecker(settings.keys);
  const limit = String(BODY_LIMIT_BYTES);
  const tooLarge = answers.error("body-too-large", { limit });
  const health = answers.plain(200, JSON.stringify({ status: "ok", mode: settings.mode }));

  async function decide(request: WebhookRequest): Promise<Answer> {
    if (request.method !== "POST") return answers.error("method-not-allowed", { allow: "POST" }, { allow: "POST" });

    const problem = checkKey(presentedKey(request.query.getAll("code"), request.header("x-webhook-key")));
    if (problem) {
      const refused = answers.error(problem);
      return {
        ...refused,
        log: { level: "warn", msg: "webhook key refused", fields: { code: problem, url: redactedUrl(request.path, request.query) } },
      };
    }

    // Size from the declared length before a byte is read; a chunked body is cut off while it streams.
    if (Number(request.header("content-length") ?? 0) > BODY_LIMIT_BYTES) return tooLarge;
    const type = request.header("content-type") ?? "";
    if (!JSON_MEDIA_TYPE.test(type))
      return answers.error("unsupported-media-type", { detail: `got ${JSON.stringify(type.slice(0, 80) || "none")}` });
    const text = await request.readBody(BODY_LIMIT_BYTES);
    if (text === undefined) return tooLarge;

    if (nestedDeeperThan(text, MAX_JSON_DEPTH))
      return answers.error("malformed-json", { detail: `nested deeper than ${MAX_JSON_DEPTH} levels` });
    let body: unknown;
    try {
      body = parseJson(text);
    } catch (e) {
      return answers.error("malformed-json", { detail: (e as Error).message.slice(0, 200) });
    }
    if (settings.mode === "off") return answers.decision({ kind: "pass", allowed: true, code: "validation-off" });

    try {
      const context = parseContext(body);
      return answers.decision(
        validateStatusChange(context, settings, { sizeExceeded: sizeExceeded(request.header("x-ms-dynamics-msg-size-exceeded")) }),
      );
    } catch (e) {
      // A value the check reads is not in Dataverse's format (values are parsed as they are read).
      if (e instanceof ContextError) return answers.error("not-a-context", { detail: e.message });
      throw e;
    }
  }

  return {
    validate: (request) =>
      decide(request).catch((e: unknown) => {
        if (e instanceof BodyIncomplete) return answers.error("malformed-json", { detail: e.message });
        const internal = answers.error("internal");
        return {
          ...internal,
          log: {
            level: "error",
            msg: "unexpected error",
            fields: { err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) },
          },
        };
      }),
    health: (method) =>
      method === "GET" || method === "HEAD" ? health : answers.error("method-not-allowed", { allow: "GET" }, { allow: "GET, HEAD" }),
    notFound: () => answers.error("not-found"),
    shuttingDown: () => answers.error("shutting-down"),
    cachedAnswers: answers.cachedAnswers,
  };
}
