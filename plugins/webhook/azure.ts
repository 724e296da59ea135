/**
 * The Azure Functions (Node, programming model v4) host: one app.http function on the webhook's
 * route, adapting HttpRequest to the shared pipeline. Nothing is re-implemented here. The package's
 * functions.js calls registerFunctions() (package.json "main"); without valid settings it throws,
 * so the Functions host refuses to start the app and logs why.
 * Model: https://learn.microsoft.com/azure/azure-functions/functions-reference-node?pivots=nodejs-model-v4
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import { fieldsOf, type Answer } from "./answers";
import { BodyIncomplete, correlationIdOf, createPipeline, type WebhookRequest } from "./pipeline";
import { FUNCTION_ROUTE, VALIDATE_PATH } from "./route";
import { loadSettings, type WebhookSettings } from "./settings";

export type AzureHandler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/** Every method reaches the pipeline, which answers 405 for all but POST, as the plain server does. */
export const FUNCTION_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** Reads at most `limit` bytes; undefined when the body is longer (the rest is never read). */
async function readLimited(request: HttpRequest, limit: number): Promise<string | undefined> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: { done: boolean; value?: Uint8Array };
    try {
      chunk = (await reader.read()) as typeof chunk;
    } catch {
      throw new BodyIncomplete();
    }
    if (chunk.done) break;
    if (!chunk.value) continue;
    total += chunk.value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function adapt(request: HttpRequest): WebhookRequest {
  return {
    method: request.method,
    // The Functions host routes only VALIDATE_PATH here (host.json keeps the "api" prefix).
    path: VALIDATE_PATH,
    query: request.query,
    header: (name) => request.headers.get(name) ?? undefined,
    readBody: (limit) => readLimited(request, limit),
  };
}

function write(context: InvocationContext, answer: Answer, correlationId: string | undefined): HttpResponseInit {
  const entry = answer.log;
  // The Functions host filters by level itself (host.json logging.logLevel).
  if (entry) context[entry.level](entry.msg, JSON.stringify({ correlationId, ...fieldsOf(entry) }));
  // The Functions host sets Content-Length itself.
  const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => name !== "content-length"));
  return { status: answer.status, body: answer.body, headers };
}

export function createAzureHandler(settings: WebhookSettings): AzureHandler {
  const pipeline = createPipeline(settings);
  return async (request, context) => {
    const webhookRequest = adapt(request);
    return write(context, await pipeline.validate(webhookRequest), correlationIdOf(webhookRequest));
  };
}

/** Registers the function; settings come from the app settings (environment variables). */
export function registerFunctions(env: NodeJS.ProcessEnv = process.env): void {
  app.http("validate-status-change", {
    methods: [...FUNCTION_METHODS],
    // Our own key check (WEBHOOK_KEYS) guards the route; Dataverse's ?code= is that key.
    authLevel: "anonymous",
    route: FUNCTION_ROUTE,
    handler: createAzureHandler(loadSettings(env)),
  });
}
