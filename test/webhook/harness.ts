/** Starts the real Fastify app on 127.0.0.1 (port 0) with a collecting log stream, and posts to it. */
import type { AddressInfo } from "node:net";
import { buildApp, VALIDATE_PATH } from "../../plugins/webhook/app";
import { loadSettings } from "../../plugins/webhook/settings";

export const KEY = "test-key-one";
export const SECOND_KEY = "test-key-two";

export interface Running {
  readonly url: string;
  readonly port: number;
  logs(): Record<string, unknown>[];
  rawLogs(): string;
  close(): Promise<void>;
}

export async function start(env: Record<string, string> = {}): Promise<Running> {
  const lines: string[] = [];
  const settings = loadSettings({ WEBHOOK_KEYS: `${KEY},${SECOND_KEY}`, ...env });
  const app = buildApp(settings, { logStream: { write: (line: string) => void lines.push(line) } });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    rawLogs: () => lines.join(""),
    close: () => app.close(),
  };
}

export interface Reply {
  status: number;
  json: Record<string, unknown>;
  headers: Headers;
}

export async function post(
  running: Running,
  body: string,
  options: { key?: string | null; via?: "query" | "header"; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const key = options.key === undefined ? KEY : options.key;
  const via = options.via ?? "query";
  const query = key !== null && via === "query" ? `?code=${encodeURIComponent(key)}` : "";
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...(key !== null && via === "header" ? { "x-webhook-key": key } : {}),
    ...options.headers,
  };
  const response = await fetch(`${running.url}${VALIDATE_PATH}${query}`, { method: "POST", body, headers });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
}
