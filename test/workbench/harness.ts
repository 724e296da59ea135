/**
 * Starts the local Dataverse on 127.0.0.1 (port 0) with a fixed base clock, and sends real HTTP
 * requests to it. Timestamps are deterministic (the clock only moves when a test advances it).
 */
import type { AddressInfo } from "node:net";
import { buildDataverseApp, createDataverse, SEED, type Dataverse, type DataverseOptions } from "../../workbench/dataverse";

export { SEED };
export const BASE_TIME = Date.parse("2026-03-02T09:00:00Z");
export const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";
export const ALL_ANNOTATIONS = 'odata.include-annotations="*"';
export const LIVE_CHAT = 192360000;

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: Record<string, unknown> & { value?: Record<string, unknown>[]; error?: { code: string; message: string } };
}

export interface Running {
  readonly origin: string;
  /** origin + /api/data/v9.2 */
  readonly api: string;
  readonly dataverse: Dataverse;
  send(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string> }): Promise<Answer>;
  close(): Promise<void>;
}

/** Operator lines the local Dataverse logged (a webhook's refusal, an unexpected error), for assertions. */
export const logged: string[] = [];

export async function start(options: DataverseOptions & { bodyLimitBytes?: number } = {}): Promise<Running> {
  const dataverse = createDataverse({ now: () => BASE_TIME, log: (line) => void logged.push(line), ...options });
  const app = buildDataverseApp(dataverse, { bodyLimitBytes: options.bodyLimitBytes });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const api = `${origin}/api/data/v9.2`;
  return {
    origin,
    api,
    dataverse,
    async send(method, path, { body, headers = {} } = {}) {
      const response = await fetch(path.startsWith("http") ? path : `${api}/${path}`, {
        method,
        headers: {
          accept: "application/json",
          "odata-version": "4.0",
          "odata-maxversion": "4.0",
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let json = {};
      try {
        json = text ? JSON.parse(text) : {};
      } catch {
        json = {};
      }
      return { status: response.status, headers: response.headers, text, json };
    },
    close: () => app.close(),
  };
}

/** A conversation's body: channel, workstream (and anything else). */
export const conversation = (workstream: string = SEED.workstreams.liveChat, channel = LIVE_CHAT, more: Record<string, unknown> = {}) => ({
  subject: "A customer asks about an order",
  msdyn_channel: String(channel),
  "msdyn_liveworkstreamid_msdyn_ocliveworkitem@odata.bind": `/msdyn_liveworkstreams(${workstream})`,
  ...more,
});

/** POSTs a conversation and returns its id (from OData-EntityId). */
export async function create(
  running: Running,
  body: Record<string, unknown> = conversation(),
  headers: Record<string, string> = {},
): Promise<string> {
  const answer = await running.send("POST", "msdyn_ocliveworkitems", { body, headers });
  if (answer.status !== 204) throw new Error(`POST answered ${answer.status}: ${answer.text}`);
  const id = /\(([0-9a-f-]{36})\)$/.exec(answer.headers.get("odata-entityid") ?? "")?.[1];
  if (!id) throw new Error("no OData-EntityId");
  return id;
}

export const q = (text: string) => encodeURIComponent(text);
