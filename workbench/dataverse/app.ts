/**
 * The local Dataverse on HTTP, as a Fastify plugin (so the workbench can mount it beside its page)
 * and as an app factory; listening is the caller's job (cli.ts, tests). Every body is read as text
 * and checked by the Web API layer, so malformed JSON, wrong types and oversized bodies all answer
 * in Dataverse's error shape.
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyPluginAsync, type FastifyReply, type FastifyRequest } from "fastify";
import type { Dataverse } from "./dataverse";
import { fail } from "./errors";
import { API_PREFIX, errorResponse, type ApiResponse } from "./webApi";
import { registerWorkbenchApi, WORKBENCH_PREFIX } from "./workbenchApi";

/** The largest request body (Dataverse's own limit is far higher; the workbench needs no more). */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"] as const;

export interface DataversePluginOptions {
  readonly dataverse: Dataverse;
  readonly bodyLimitBytes?: number;
}

function send(reply: FastifyReply, response: ApiResponse): FastifyReply {
  reply.code(response.status).headers(response.headers);
  if (response.body === undefined) return reply.send();
  // A Buffer, so Fastify leaves Dataverse's content type as it is (it would add a charset and quotes).
  return reply.send(Buffer.from(typeof response.body === "string" ? response.body : JSON.stringify(response.body)));
}

export const dataversePlugin: FastifyPluginAsync<DataversePluginOptions> = async (app, options) => {
  const { dataverse } = options;
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string", bodyLimit: limit }, (_request, body, done) => done(null, body));

  // The Date header is the server's clock: here the simulated one, so a client (the stuck command) sees the workbench's time.
  const handler = async (request: FastifyRequest, reply: FastifyReply) =>
    send(
      reply.header("date", new Date(dataverse.now()).toUTCString()),
      await dataverse.handle({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: typeof request.body === "string" ? request.body : undefined,
        origin: `${request.protocol}://${request.headers.host ?? "127.0.0.1"}`,
      }),
    );
  app.route({ method: [...METHODS], url: API_PREFIX, handler });
  app.route({ method: [...METHODS], url: `${API_PREFIX}/*`, handler });
  // Other versions of the Web API: not here.
  app.route({
    method: [...METHODS],
    url: "/api/data/*",
    handler: (request, reply) => send(reply, errorResponse(fail("resourceNotFound", { segment: request.url.split("?")[0] }))),
  });
  registerWorkbenchApi(app, dataverse);
  // Closing the app closes the Dataverse: call-outs under way finish, the data file is written.
  app.addHook("onClose", async () => dataverse.close());

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const onWorkbench = request.url.startsWith(WORKBENCH_PREFIX);
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      reply.header("connection", "close");
      return onWorkbench
        ? reply.code(413).send({ error: { code: "workbench", message: `The body is larger than ${limit} bytes.` } })
        : send(reply, errorResponse(fail("bodyTooLarge", { limit })));
    }
    dataverse.log(`unexpected error on ${request.method} ${request.url}: ${error.stack ?? error.message}`);
    const detail = error.message.slice(0, 300);
    return onWorkbench
      ? reply.code(500).send({ error: { code: "workbench", message: detail } })
      : send(reply, errorResponse(fail("internal", { detail })));
  });
};

/** A Fastify app serving the local Dataverse (the Web API and /workbench/api). */
export function buildDataverseApp(dataverse: Dataverse, options: Omit<DataversePluginOptions, "dataverse"> = {}): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES });
  void app.register(dataversePlugin, { dataverse, ...options });
  return app;
}
