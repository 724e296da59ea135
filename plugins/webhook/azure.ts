/**
 * Azure Functions v4 entry: the same handler as the Fastify host, behind app.http. Deploy with the
 * app setting WEBHOOK_KEYS (and the other settings in docs/webhook.md); without a key the module
 * throws at load, so the function host refuses to start it and logs why.
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import { keyChecker, presentedKey } from "./auth";
import { createHandler, type Answer } from "./handler";
import { MAX_JSON_DEPTH, tooDeep } from "./json";
import { BODY_LIMIT_BYTES, loadSettings, type WebhookSettings } from "./settings";

type AzureHandler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/** Reads at most `limit` bytes; undefined when the body is longer (the rest is never read). */
async function readLimited(request: HttpRequest, limit: number): Promise<string | undefined> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
    if (done) break;
    if (!value) continue;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function respond(
  context: InvocationContext,
  answer: Answer,
  correlationId: string | null,
  headers: Record<string, string> = {},
): HttpResponseInit {
  if (answer.log) context[answer.log.level](answer.log.msg, JSON.stringify({ ...answer.log.fields, correlationId }));
  return { status: answer.status, body: answer.body, headers: { "content-type": "application/json; charset=utf-8", ...headers } };
}

export function createAzureHandler(settings: WebhookSettings): AzureHandler {
  const handler = createHandler(settings);
  const checkKey = keyChecker(settings.keys);
  return async (request, context) => {
    const correlationId = request.headers.get("x-ms-correlation-request-id");
    const problem = checkKey(presentedKey(request.query.get("code") ?? undefined, request.headers.get("x-webhook-key") ?? undefined));
    if (problem) {
      context.warn("webhook key refused", JSON.stringify({ code: problem, correlationId }));
      return respond(context, { ...handler.error(problem), log: undefined }, correlationId);
    }
    const tooLarge = (): HttpResponseInit =>
      respond(context, handler.error("body-too-large", { limit: String(BODY_LIMIT_BYTES) }), correlationId, { connection: "close" });
    if (Number(request.headers.get("content-length") ?? 0) > BODY_LIMIT_BYTES) return tooLarge();
    const type = request.headers.get("content-type") ?? "";
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(type))
      return respond(
        context,
        handler.error("unsupported-media-type", { detail: `got ${JSON.stringify(type.slice(0, 80) || "none")}` }),
        correlationId,
      );
    const text = await readLimited(request, BODY_LIMIT_BYTES);
    if (text === undefined) return tooLarge();
    if (tooDeep(text))
      return respond(context, handler.error("malformed-json", { detail: `nested deeper than ${MAX_JSON_DEPTH} levels` }), correlationId);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      return respond(context, handler.error("malformed-json", { detail: (e as Error).message.slice(0, 200) }), correlationId);
    }
    const exceeded = request.headers.get("x-ms-dynamics-msg-size-exceeded");
    return respond(context, handler.validate(body, { sizeExceeded: exceeded !== null && exceeded !== "false" }), correlationId);
  };
}

export const validateStatusChangeFunction: AzureHandler = createAzureHandler(loadSettings(process.env));

app.http("validate-status-change", {
  methods: ["POST"],
  // Our own key check (WEBHOOK_KEYS) guards the route; Dataverse's ?code= is that key.
  authLevel: "anonymous",
  route: "validate-status-change",
  handler: validateStatusChangeFunction,
});
