/** Starts the real plain server (buildApp, node:http) on 127.0.0.1 (port 0) with a collecting log stream, and posts to it. */
import { buildApp, VALIDATE_PATH, type WebhookApp } from "../../plugins/webhook/app";
import { loadSettings } from "../../plugins/webhook/settings";

// Keys follow the one key rule (plugins/webhook/keyFormat.ts): 16+ URL-safe characters.
export const KEY = "test-key-one.4f9a2c1b";
export const SECOND_KEY = "test-key-two_8d3e7a60";

export interface Running {
  readonly url: string;
  readonly port: number;
  readonly app: WebhookApp;
  logs(): Record<string, unknown>[];
  rawLogs(): string;
  close(): Promise<void>;
}

export async function start(env: Record<string, string> = {}): Promise<Running> {
  const lines: string[] = [];
  const settings = loadSettings({ WEBHOOK_KEYS: `${KEY},${SECOND_KEY}`, ...env });
  const app = buildApp(settings, { logStream: { write: (line: string) => void lines.push(line) } });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  return {
    url,
    port: Number(new URL(url).port),
    app,
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
  running: Pick<Running, "url">,
  body: string,
  options: { key?: string | null; via?: "query" | "header"; headers?: Record<string, string>; query?: string } = {},
): Promise<Reply> {
  const key = options.key === undefined ? KEY : options.key;
  const via = options.via ?? "query";
  const query = options.query ?? (key !== null && via === "query" ? `?code=${encodeURIComponent(key)}` : "");
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...(key !== null && via === "header" ? { "x-webhook-key": key } : {}),
    ...options.headers,
  };
  const response = await fetch(`${running.url}${VALIDATE_PATH}${query}`, { method: "POST", body, headers });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
}
