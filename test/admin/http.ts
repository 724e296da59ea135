/**
 * A purpose-built HTTP fixture on 127.0.0.1 for the admin and client tests: each test answers the
 * exact requests it expects with canned Web API JSON (shaped as Microsoft's docs show it), and every
 * request is logged. It implements no Dataverse: an unexpected request gets a 501 that fails the test.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { API_PATH as API } from "../../plugins/webapi/paths";

export { API };

export interface Exchange {
  readonly method: string;
  /** After /api/data/v9.2/, percent-decoded, query included. */
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  readonly body?: Record<string, unknown>;
}

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | "hang";
export type Handler = (request: Exchange, response: ServerResponse) => Reply | Promise<Reply> | void | Promise<void>;

export interface Fixture {
  readonly url: string;
  readonly requests: Exchange[];
  close(): Promise<void>;
}

export async function serve(handler: Handler): Promise<Fixture> {
  const requests: Exchange[] = [];
  const server = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk) => (raw += chunk));
    request.on("end", async () => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      const path =
        decodeURIComponent(url.pathname.startsWith(API) ? url.pathname.slice(API.length) : url.pathname) + decodeURIComponent(url.search);
      const exchange: Exchange = { method: request.method ?? "", path, headers: request.headers, body: raw ? JSON.parse(raw) : undefined };
      requests.push(exchange);
      const reply = await handler(exchange, response);
      if (reply === undefined || response.headersSent) return;
      if (reply === "hang") return;
      const body = reply.body === undefined ? undefined : JSON.stringify(reply.body);
      response.writeHead(reply.status, {
        "OData-Version": "4.0",
        ...(body ? { "Content-Type": "application/json; odata.metadata=minimal" } : {}),
        ...reply.headers,
      });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Routes by "METHOD path" prefix (the first that matches); anything else is a 501 naming the request. */
export function routes(table: Record<string, Handler | Reply>): Handler {
  return (request, response) => {
    for (const [key, answer] of Object.entries(table)) {
      const [method, prefix] = key.split(" ", 2);
      if (request.method === method && request.path.startsWith(prefix))
        return typeof answer === "function" ? answer(request, response) : answer;
    }
    return { status: 501, body: { error: { code: "test", message: `unexpected ${request.method} ${request.path}` } } };
  };
}

/** A collection page as the Web API answers it. */
export const page = (value: unknown[], nextLink?: string): Reply => ({
  status: 200,
  body: {
    "@odata.context": "[Organization URI]/api/data/v9.2/$metadata#audits",
    value,
    ...(nextLink ? { "@odata.nextLink": nextLink } : {}),
  },
});

export const ok = (body: unknown): Reply => ({ status: 200, body });

export const dataverseError = (status: number, code: string, message: string, headers?: Record<string, string>): Reply => ({
  status,
  body: { error: { code, message } },
  headers,
});
