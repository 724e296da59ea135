/**
 * The Fastify app factory: routes, auth, limits, error mapping and logging. Listening is
 * server.ts's job, so tests and benches build the same app.
 */
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { DestinationStream } from "pino";
import { keyChecker, presentedKey, redactUrl } from "./auth";
import type { RemoteExecutionContext } from "../context";
import { createHandler, type Answer } from "./handler";
import { lazyChildLogger } from "./log";
import { MAX_JSON_DEPTH, tooDeep } from "./json";
import { CONTEXT_BODY_SCHEMA, HEALTH_RESPONSE_SCHEMA } from "./schemas";
import { VALIDATE_PATH } from "./route";
import { BODY_LIMIT_BYTES, type WebhookSettings } from "./settings";

export { VALIDATE_PATH };

export const HEALTH_PATH = "/healthz";
const JSON_TYPE = "application/json; charset=utf-8";

export interface AppOptions {
  /** Where log lines go (default stdout); tests pass a collecting stream. */
  readonly logStream?: DestinationStream;
}

function send(request: FastifyRequest, reply: FastifyReply, answer: Answer): FastifyReply {
  const log = answer.log;
  if (log) request.log[log.level](log.fields, log.msg);
  return reply.code(answer.status).header("content-type", JSON_TYPE).send(answer.body);
}

// Fastify's own errors → our table; anything unexpected is a 500 with its stack in the log.
function codeOf(error: FastifyError): "body-too-large" | "unsupported-media-type" | "malformed-json" | "not-a-context" | "internal" {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return "body-too-large";
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return "unsupported-media-type";
    case "FST_ERR_VALIDATION":
      return "not-a-context";
    default:
      return error.statusCode === 400 || error instanceof SyntaxError ? "malformed-json" : "internal";
  }
}

export function buildApp(settings: WebhookSettings, options: AppOptions = {}): FastifyInstance {
  const handler = createHandler(settings);
  const checkKey = keyChecker(settings.keys);
  const app = Fastify({
    logger: {
      level: settings.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      serializers: { req: (req: { method?: string; url?: string }) => ({ method: req.method, url: redactUrl(req.url ?? "") }) },
      redact: { paths: ['req.headers["x-webhook-key"]', 'headers["x-webhook-key"]', "req.query.code", "query.code"], censor: "[redacted]" },
    },
    // Per-request "incoming/completed" lines would double the cost of a request; see send().
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: "correlationId" }),
    childLoggerFactory: lazyChildLogger,
    requestIdHeader: "x-ms-correlation-request-id",
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: settings.requestTimeoutMs,
    // Node checks the timeouts on this interval (30 s by default): check often enough to matter.
    http: {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, settings.headersTimeoutMs),
    },
    forceCloseConnections: "idle",
    return503OnClosing: true,
  });

  // Dataverse posts JSON; anything else is 415, not a string handed to the validator.
  app.removeContentTypeParser("text/plain");
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    if (tooDeep(body as string))
      return done(Object.assign(new SyntaxError(`nested deeper than ${MAX_JSON_DEPTH} levels`), { statusCode: 400 }), undefined);
    return parseJson(request, body as string, done);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const code = codeOf(error);
    if (code === "internal") request.log.error({ err: error }, "unexpected error");
    if (code === "body-too-large") reply.header("connection", "close");
    const detail =
      code === "unsupported-media-type"
        ? `got ${JSON.stringify(String(request.headers["content-type"] ?? "none").slice(0, 80))}`
        : error.message.slice(0, 200);
    return send(request, reply, handler.error(code, { detail, limit: String(BODY_LIMIT_BYTES) }));
  });

  app.setNotFoundHandler((request, reply) => send(request, reply, handler.error("not-found")));

  app.post(VALIDATE_PATH, {
    schema: { body: CONTEXT_BODY_SCHEMA },
    // The body's validator is the context parser: one pass checks the wire format and types it,
    // where ajv would check the top level and the parser would walk it again. Its errors are 400
    // not-a-context, with the path of the first problem. With MODE=off nothing is parsed.
    validatorCompiler: () => (settings.mode === "off" ? () => true : handler.parse),
    // Key and size are checked before a byte of the body is read.
    onRequest: (request, reply, done) => {
      const query = request.query as { code?: unknown };
      const problem = checkKey(presentedKey(query.code, request.headers["x-webhook-key"]));
      if (problem) {
        request.log.warn({ code: problem, ip: request.ip, url: redactUrl(request.url) }, "webhook key refused");
        send(request, reply, { ...handler.error(problem), log: undefined });
        return;
      }
      const length = request.headers["content-length"];
      if (length !== undefined && Number(length) > BODY_LIMIT_BYTES) {
        reply.header("connection", "close");
        send(request, reply, handler.error("body-too-large", { limit: String(BODY_LIMIT_BYTES) }));
        return;
      }
      done();
    },
    handler: (request, reply) => {
      const exceeded = request.headers["x-ms-dynamics-msg-size-exceeded"];
      return send(
        request,
        reply,
        handler.decide(request.body as RemoteExecutionContext, { sizeExceeded: exceeded !== undefined && exceeded !== "false" }),
      );
    },
  });

  app.route({
    method: ["GET", "PUT", "PATCH", "DELETE", "OPTIONS"],
    url: VALIDATE_PATH,
    handler: (request, reply) => send(request, reply.header("allow", "POST"), handler.error("method-not-allowed", { allow: "POST" })),
  });

  const health = JSON.stringify({ status: "ok", mode: settings.mode });
  app.get(HEALTH_PATH, { schema: { response: HEALTH_RESPONSE_SCHEMA } }, (_request, reply) =>
    reply.header("content-type", JSON_TYPE).send(health),
  );
  app.route({
    method: ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    url: HEALTH_PATH,
    handler: (request, reply) => send(request, reply.header("allow", "GET, HEAD"), handler.error("method-not-allowed", { allow: "GET" })),
  });
  return app;
}
