/**
 * Every setting of the webhook host, read from the environment. The same table prints --help and
 * is listed in docs/webhook.md (a drift test checks both).
 */
import { normaliseGuid } from "../context";
import { MODES, type Mode, type ValidationSettings } from "../validate-status-change";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface WebhookSettings extends ValidationSettings {
  readonly keys: readonly string[];
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly shutdownTimeoutMs: number;
}

/** Dataverse sends at most 256 KB; anything over 1 MB is refused before it is read. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface SettingDefinition {
  readonly name: string;
  readonly default: string;
  readonly help: string;
}

export const SETTINGS: readonly SettingDefinition[] = [
  {
    name: "WEBHOOK_KEYS",
    default: "(required)",
    help: "Comma-separated keys; a request must carry one as ?code= (WebhookKey) or the x-webhook-key header (HttpHeader). Two keys during a rotation.",
  },
  { name: "HOST", default: "127.0.0.1", help: "Address to listen on; 0.0.0.0 to accept connections from other machines." },
  { name: "PORT", default: "7071", help: "TCP port (0 picks a free one and logs it)." },
  {
    name: "MODE",
    default: "enforce",
    help: "enforce: deny (422) changes the lifecycle forbids; audit: always allow, log would-be denials; off: allow everything unchecked.",
  },
  {
    name: "PLATFORM_USER_IDS",
    default: "(none)",
    help: "Comma-separated systemuser ids (application users) whose changes are the platform's own: never blocked, logged when the model would deny.",
  },
  {
    name: "TRUST_PLATFORM_USER_AGENT",
    default: "true",
    help: "true: an InitiatingUserAgent starting with Microsoft.CCaaS marks the platform's own change (never blocked). It is the caller's user agent, which any API client can set: set false and list Omnichannel's application users in PLATFORM_USER_IDS to close that door.",
  },
  {
    name: "PERSISTENT_WORKSTREAMS",
    default: "(none)",
    help: "Comma-separated msdyn_liveworkstream ids in persistent-chat mode; their chats are validated as persistent chat. The context does not carry the workstream's mode.",
  },
  {
    name: "PRE_IMAGE_ALIAS",
    default: "(first image)",
    help: "The step's pre-image alias to read; by default the first pre-image in the context.",
  },
  { name: "LOG_LEVEL", default: "info", help: `One of ${LOG_LEVELS.join(", ")}. Allowed requests are logged only at debug.` },
  { name: "HEADERS_TIMEOUT_MS", default: "10000", help: "A client must send its headers within this time." },
  {
    name: "REQUEST_TIMEOUT_MS",
    default: "30000",
    help: "A client must send the whole request within this time (Dataverse itself gives up after 60 s).",
  },
  {
    name: "SHUTDOWN_TIMEOUT_MS",
    default: "10000",
    help: "On SIGTERM, in-flight requests get this long to finish before the process exits.",
  },
];

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SettingsError";
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const list = (text: string | undefined): string[] =>
  (text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

function guids(env: Env, name: string): Set<string> {
  const items = list(env[name]);
  const bad = items.filter((id) => !GUID.test(id));
  if (bad.length > 0)
    throw new SettingsError(
      `${name}: ${bad.map((b) => JSON.stringify(b)).join(", ")} ${bad.length === 1 ? "is not a GUID" : "are not GUIDs"}; expected ids like 00000000-0000-0000-0000-000000000000.`,
    );
  return new Set(items.map(normaliseGuid));
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = env[name]?.trim();
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new SettingsError(`${name}: "${text}" is not a whole number from ${min} to ${max}.`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, options: readonly T[], fallback: T): T {
  const text = env[name]?.trim().toLowerCase();
  if (text === undefined || text === "") return fallback;
  if ((options as readonly string[]).includes(text)) return text as T;
  throw new SettingsError(`${name}: "${env[name]}" is not one of ${options.join(", ")}.`);
}

export function loadSettings(env: Env): WebhookSettings {
  const keys = list(env.WEBHOOK_KEYS);
  if (keys.length === 0) {
    throw new SettingsError(
      "WEBHOOK_KEYS is not set: the validator refuses to start without a key, since anyone could otherwise post to it. Set WEBHOOK_KEYS to the key you give the Dataverse service endpoint (comma-separate two keys while rotating).",
    );
  }
  const headersTimeoutMs = integer(env, "HEADERS_TIMEOUT_MS", 10_000, 100, 600_000);
  const requestTimeoutMs = integer(env, "REQUEST_TIMEOUT_MS", 30_000, 100, 600_000);
  if (headersTimeoutMs > requestTimeoutMs)
    throw new SettingsError(`HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${requestTimeoutMs}).`);
  const alias = env.PRE_IMAGE_ALIAS?.trim();
  return {
    keys,
    host: env.HOST?.trim() || "127.0.0.1",
    port: integer(env, "PORT", 7071, 0, 65535),
    mode: oneOf<Mode>(env, "MODE", MODES, "enforce"),
    platformUserIds: guids(env, "PLATFORM_USER_IDS"),
    trustPlatformUserAgent: oneOf(env, "TRUST_PLATFORM_USER_AGENT", ["true", "false"] as const, "true") === "true",
    persistentWorkstreams: guids(env, "PERSISTENT_WORKSTREAMS"),
    preImageAlias: alias ? alias : undefined,
    logLevel: oneOf<LogLevel>(env, "LOG_LEVEL", LOG_LEVELS, "info"),
    headersTimeoutMs,
    requestTimeoutMs,
    shutdownTimeoutMs: integer(env, "SHUTDOWN_TIMEOUT_MS", 10_000, 0, 600_000),
  };
}

export function helpText(): string {
  const width = Math.max(...SETTINGS.map((s) => s.name.length));
  const rows = SETTINGS.map((s) => `  ${s.name.padEnd(width)}  ${s.help}\n  ${" ".repeat(width)}  default: ${s.default}`);
  return [
    "Usage: WEBHOOK_KEYS=<key> node dist/plugins/webhook/server.js [--help]",
    "",
    "Validates conversation (msdyn_ocliveworkitem) status-reason changes for Dataverse, as a webhook:",
    "  POST /api/validate-status-change   the execution context; 200 allowed, 422 denied, 400 malformed,",
    "                                     401 bad or missing key, 413 body over 1 MB",
    "  GET  /healthz                      200 while the server runs",
    "",
    "Settings (environment variables):",
    ...rows,
    "",
    "SIGTERM or SIGINT: stops accepting connections, finishes in-flight requests, exits.",
    "Docs: docs/webhook.md",
  ].join("\n");
}
