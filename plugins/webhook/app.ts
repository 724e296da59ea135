/**
 * The plain server: node:http over the shared pipeline (pipeline.ts). The factory builds it;
 * listening and signals are server.ts's job, so tests, benches and the local Dataverse build the
 * same app. Why node:http and not Fastify: docs/webhook.md, "Why node:http".
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Answer } from "./answers";
import { createLogger, logAnswer, type Logger, type LogStream } from "./log";
import { BodyIncomplete, createPipeline, type Pipeline, type WebhookRequest } from "./pipeline";
import { HEALTH_PATH, VALIDATE_PATH } from "./route";
import type { WebhookSettings } from "./settings";

export { HEALTH_PATH, VALIDATE_PATH };

export interface AppOptions {
  /** Where log lines go (default stdout); tests pass a collecting stream. */
  readonly logStream?: LogStream;
}

export interface CloseOptions {
  /**
   * How long to keep answering (new requests get 503 with Connection: close) before the server stops
   * listening and closes idle connections. server.ts passes SHUTDOWN_DRAIN_MS; default 0.
   */
  readonly drainMs?: number;
}

export interface WebhookApp {
  readonly server: Server;
  readonly log: Logger;
  readonly pipeline: Pipeline;
  /** Listens (default HOST and PORT from the settings) and resolves with the URL, e.g. http://127.0.0.1:7071. */
  listen(options?: { readonly host?: string; readonly port?: number }): Promise<string>;
  /** Stops gracefully: resolves once in-flight requests are answered and every connection is closed. */
  close(options?: CloseOptions): Promise<void>;
}

/** Dataverse's correlation id, for the request's log line; capped, it is the caller's text. */
function correlationIdOf(req: IncomingMessage): string | undefined {
  const id = req.headers["x-ms-correlation-request-id"];
  return typeof id === "string" ? id.slice(0, 100) : undefined;
}

/** node:http's request as the pipeline's WebhookRequest (methods on a prototype: nothing to allocate per request but the object). */
class NodeRequest implements WebhookRequest {
  readonly method: string;
  readonly query: URLSearchParams;

  constructor(
    private readonly req: IncomingMessage,
    readonly path: string,
    query: string,
  ) {
    this.method = req.method ?? "GET";
    this.query = new URLSearchParams(query);
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
  }

  readBody(limit: number): Promise<string | undefined> {
    const req = this.req;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let total = 0;
      const onData = (chunk: Buffer): void => {
        total += chunk.length;
        if (total > limit) {
          // Stop here: the 413 goes out with Connection: close, and the rest is never read.
          req.off("data", onData).off("end", onEnd);
          req.pause();
          resolve(undefined);
        } else chunks.push(chunk);
      };
      const onEnd = (): void => resolve(chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks, total).toString("utf8"));
      req
        .on("data", onData)
        .on("end", onEnd)
        .on("error", () => reject(new BodyIncomplete()));
    });
  }
}

export function buildApp(settings: WebhookSettings, options: AppOptions = {}): WebhookApp {
  const log = createLogger(settings.logLevel, options.logStream);
  const pipeline = createPipeline(settings);
  let closing = false;

  const send = (req: IncomingMessage, res: ServerResponse, answer: Answer): void => {
    logAnswer(log, answer, correlationIdOf(req));
    if (res.destroyed) return;
    // While shutting down, every connection closes after its answer.
    res.writeHead(answer.status, closing ? { ...answer.headers, connection: "close" } : answer.headers);
    res.end(answer.body);
  };

  const server = createServer(
    {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      // Node checks the timeouts on this interval (30 s by default): check often enough to matter.
      connectionsCheckingInterval: Math.min(1000, settings.headersTimeoutMs),
    },
    (req, res) => {
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const path = q < 0 ? url : url.slice(0, q);
      if (closing) return send(req, res, pipeline.shuttingDown());
      if (path === VALIDATE_PATH) {
        void pipeline.validate(new NodeRequest(req, path, q < 0 ? "" : url.slice(q + 1))).then((answer) => send(req, res, answer));
        return;
      }
      send(req, res, path === HEALTH_PATH ? pipeline.health(req.method ?? "GET") : pipeline.notFound());
    },
  );

  return {
    server,
    log,
    pipeline,
    listen: ({ host = settings.host, port = settings.port } = {}) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const address = server.address() as AddressInfo;
          resolve(`http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`);
        });
      }),
    close: ({ drainMs = 0 } = {}) =>
      new Promise((resolve, reject) => {
        closing = true;
        if (!server.listening) return resolve();
        // Keep answering (503) while requests already on their way arrive, then stop listening; close()
        // also ends idle keep-alive connections, and waits for the in-flight ones.
        setTimeout(() => server.close((error) => (error ? reject(error) : resolve())), drainMs).unref();
      }),
  };
}
