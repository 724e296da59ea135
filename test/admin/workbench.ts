/**
 * The workbench, as `npm start` composes it (workbench/start.ts), on 127.0.0.1 port 0: the local
 * Dataverse with the page's routes (workbench/server.ts: the platform's moves), the project's webhook
 * with the same settings (PLATFORM_USER_IDS the seeded Omnichannel application user, OPERATOR_USER_IDS
 * the seeded admin, the persistent-chat workstream), registered with register-webhook. One difference:
 * the simulated clock starts from a fixed time and moves only when a test advances it through
 * /workbench/api/clock, so every timestamp is exact. Everything a test does goes over real HTTP.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { main as registerWebhook } from "../../plugins/registration/cli";
import { buildApp as buildWebhook } from "../../plugins/webhook/app";
import { VALIDATE_PATH } from "../../plugins/webhook/route";
import { loadSettings } from "../../plugins/webhook/settings";
import { projectRoot } from "../../plugins/strings/resx";
import { PLATFORM_USER_AGENT, SEED, createDataverse, type Dataverse, type FaultSpec } from "../../workbench/dataverse";
import { buildWorkbench } from "../../workbench/server";
import { run, type Result } from "./run";
import type { AdminIo } from "../../plugins/admin";

export { SEED };
export const BASE_TIME = Date.parse("2026-03-02T09:00:00Z");
export const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";
/** The caller lists of the workbench's webhook, for history to name caller classes as the webhook does. */
export const CALLER_LISTS = { PLATFORM_USER_IDS: SEED.users.application, OPERATOR_USER_IDS: SEED.users.admin };

/** Who sends a request: the local Dataverse's default caller is the admin; others are impersonated (MSCRMCallerID). */
export const AS = {
  admin: {},
  agentInBrowser: { MSCRMCallerID: SEED.users.agent, "User-Agent": BROWSER },
  agentScript: { MSCRMCallerID: SEED.users.agent, "User-Agent": "PowerShell/7.4" },
  platform: { MSCRMCallerID: SEED.users.application, "User-Agent": PLATFORM_USER_AGENT },
} as const;

export interface Answer {
  readonly status: number;
  readonly json: Record<string, unknown> & { value?: Record<string, unknown>[]; error?: { code: string; message: string } };
}

export interface AuditEntry {
  readonly createdOn: string;
  readonly operation: string;
  readonly userId: string;
  readonly callingUserId: string | null;
  readonly changes: Record<string, { old: unknown; new: unknown }>;
}

export interface Callout {
  readonly userId: string;
  readonly userAgent: string;
  readonly change: { from: number | null; to: number | null };
  readonly status: number | null;
  readonly outcome: string;
  readonly response: { reason?: string; caller?: string } | null;
}

export interface Bench {
  /** http://127.0.0.1:<port>: the --env of the admin commands. */
  readonly url: string;
  readonly dataverse: Dataverse;
  /** Web API requests as the local Dataverse received them. */
  readonly received: { method: string; url: string; prefer?: string }[];
  /** A Web API request; `headers` say who sends it (AS). */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** A /workbench/api control (clock, faults, auditing, audits, callouts, platform). */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  /** A new Open conversation, created as the platform's routing creates it (live-chat, persistent-chat, sms, voice, record). */
  newConversation(kind: string): Promise<string>;
  /** One of the platform's own moves (workbench/platform.ts): as the Omnichannel application user, with its user agent. */
  platformMove(id: string, trigger: string, to: number): Promise<void>;
  /** A PATCH of the conversation; throws unless Dataverse answers 204. */
  change(id: string, body: Record<string, unknown>, headers: Record<string, string>): Promise<void>;
  /** The simulated clock jumps ahead ("5m", "1h"). */
  advance(by: string): Promise<void>;
  fault(spec: FaultSpec): Promise<void>;
  audits(id: string): Promise<AuditEntry[]>;
  callouts(id: string): Promise<Callout[]>;
  /** conversation-state <args> --env <url>, in process, over HTTP to this workbench. */
  cli(args: readonly string[], vars?: NodeJS.ProcessEnv, extra?: Partial<AdminIo>): Promise<Result>;
  stop(): Promise<void>;
}

export interface BenchOptions {
  /** The webhook's OPERATOR_USER_IDS (default: the seeded admin, as npm start sets it). */
  readonly operatorUserIds?: string;
}

export async function startBench(options: BenchOptions = {}): Promise<Bench> {
  const received: Bench["received"] = [];
  const dataverse = createDataverse({
    now: () => BASE_TIME,
    log: () => undefined,
    onRequest: (request) => {
      const prefer = request.headers.prefer;
      received.push({
        method: request.method,
        url: decodeURIComponent(request.url),
        prefer: Array.isArray(prefer) ? prefer.join(",") : prefer,
      });
    },
  });
  const key = randomBytes(32).toString("base64url");
  const webhook = buildWebhook(
    loadSettings({
      WEBHOOK_KEYS: key,
      LOG_LEVEL: "warn",
      PLATFORM_USER_IDS: SEED.users.application,
      OPERATOR_USER_IDS: options.operatorUserIds ?? SEED.users.admin,
      PERSISTENT_WORKSTREAMS: SEED.workstreams.persistentChat,
    }),
    { logStream: { write: () => undefined } },
  );
  const app = buildWorkbench({ dataverse, root: projectRoot(__dirname) });
  const webhookAddress = await webhook.listen({ host: "127.0.0.1", port: 0 });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  let registration = "";
  const code = await registerWebhook(["--env", url, "--url", `${webhookAddress}${VALIDATE_PATH}`, "--rotate-key"], {
    stdout: (text) => (registration += text),
    stderr: (text) => (registration += text),
    env: { WEBHOOK_KEY: key },
  });
  if (code !== 0) throw new Error(`register-webhook refused (exit ${code}):\n${registration}`);
  received.length = 0;

  const request = async (method: string, path: string, body: unknown, headers: Record<string, string>) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : {} };
  };
  const control = async (method: string, path: string, body?: unknown) => {
    const answer = await request(method, `/workbench/api${path}`, body, {});
    if (answer.status >= 400) throw new Error(`${method} /workbench/api${path} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
    return answer.json;
  };
  const bench: Bench = {
    url,
    dataverse,
    received,
    api: (method, path, body, headers = {}) => request(method, `/api/data/v9.2/${path}`, body, headers),
    control,
    async newConversation(kind) {
      return ((await control("POST", "/platform/conversations", { kind })) as { id: string }).id;
    },
    async platformMove(id, trigger, to) {
      await control("POST", "/platform/moves", { conversationId: id, trigger, to });
    },
    async change(id, body, headers) {
      const answer = await bench.api("PATCH", `msdyn_ocliveworkitems(${id})`, body, { "If-Match": "*", ...headers });
      if (answer.status !== 204) throw new Error(`PATCH answered ${answer.status}: ${JSON.stringify(answer.json)}`);
    },
    async advance(by) {
      await control("POST", "/clock", { advance: by });
    },
    async fault(spec) {
      await control("POST", "/faults", spec);
    },
    audits: async (id) => (await control("GET", `/audits?recordId=${id}`)) as AuditEntry[],
    callouts: async (id) => (await control("GET", `/callouts?recordId=${id}`)) as Callout[],
    cli: (args, vars = {}, extra = {}) => run([...args, "--env", url], vars, extra),
    async stop() {
      await app.close();
      await webhook.close();
    },
  };
  return bench;
}
