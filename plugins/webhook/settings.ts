/**
 * Every setting of the webhook host, read from the environment. The same table prints --help and
 * is listed in docs/webhook.md (a drift test checks both).
 */
import { normaliseGuid } from "../context";
import { MODES, type Mode, type ValidationSettings } from "../validate-status-change";
import { KEY_RECIPE, keyFormatProblem } from "./keyFormat";

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
  readonly shutdownDrainMs: number;
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
    help: "Comma-separated keys; a request must carry one as ?code= (WebhookKey) or the x-webhook-key header (HttpHeader). Two keys during a rotation. Each at least 16 characters of A-Z a-z 0-9 - . _ ~.",
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
    help: "Comma-separated systemuser ids of Omnichannel's application users: their changes are the platform's own, never blocked, logged when the model has no such move.",
  },
  {
    name: "TRUST_PLATFORM_USER_AGENT",
    default: "true",
    help: "true: an InitiatingUserAgent starting with Microsoft.CCaaS, without a listed id, may do what the platform does except leave Closed, and is logged with its user id so that you can list it. Any API client can send that user agent: once the ids are listed, set false. false with no PLATFORM_USER_IDS refuses to start.",
  },
  {
    name: "OPERATOR_USER_IDS",
    default: "(none)",
    help: "Comma-separated systemuser ids of admins and supervisors who may close a conversation from any open status when the change sets msdyn_statuschangereason 192350015 (ForceClosedBySupervisor) or 192350016 (ClosedInDataverseDirectlyByAdmin).",
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
  {
    name: "SHUTDOWN_DRAIN_MS",
    default: "2000",
    help: "On SIGTERM, the server keeps answering this long, with 503 (Dataverse retries a 503 once), so that requests already on their way are not reset; then it stops listening.",
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
      `WEBHOOK_KEYS is not set: the validator refuses to start without a key, since anyone could otherwise post to it. Set WEBHOOK_KEYS to the key you give the Dataverse service endpoint (comma-separate two keys while rotating); ${KEY_RECIPE} prints one.`,
    );
  }
  keys.forEach((key, i) => {
    const problem = keyFormatProblem(key);
    if (problem) throw new SettingsError(`WEBHOOK_KEYS: key ${i + 1} of ${keys.length} ${problem}. ${KEY_RECIPE} prints a key that fits.`);
  });
  const headersTimeoutMs = integer(env, "HEADERS_TIMEOUT_MS", 10_000, 100, 600_000);
  const requestTimeoutMs = integer(env, "REQUEST_TIMEOUT_MS", 30_000, 100, 600_000);
  if (headersTimeoutMs > requestTimeoutMs)
    throw new SettingsError(`HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${requestTimeoutMs}).`);
  const alias = env.PRE_IMAGE_ALIAS?.trim();
  const platformUserIds = guids(env, "PLATFORM_USER_IDS");
  const trustPlatformUserAgent = oneOf(env, "TRUST_PLATFORM_USER_AGENT", ["true", "false"] as const, "true") === "true";
  if (!trustPlatformUserAgent && platformUserIds.size === 0)
    throw new SettingsError(
      "TRUST_PLATFORM_USER_AGENT=false with no PLATFORM_USER_IDS: nothing would mark a change as Omnichannel's own, so the platform's automatic closures and other moves no agent makes would be refused, and conversations would stay open. List Omnichannel's application users in PLATFORM_USER_IDS (docs/webhook.md says how to find them), or leave TRUST_PLATFORM_USER_AGENT=true.",
    );
  const shutdownTimeoutMs = integer(env, "SHUTDOWN_TIMEOUT_MS", 10_000, 0, 600_000);
  const shutdownDrainMs = integer(env, "SHUTDOWN_DRAIN_MS", 2_000, 0, 600_000);
  if (shutdownDrainMs > shutdownTimeoutMs)
    throw new SettingsError(`SHUTDOWN_DRAIN_MS (${shutdownDrainMs}) must not exceed SHUTDOWN_TIMEOUT_MS (${shutdownTimeoutMs}).`);
  return {
    keys,
    host: env.HOST?.trim() || "127.0.0.1",
    port: integer(env, "PORT", 7071, 0, 65535),
    mode: oneOf<Mode>(env, "MODE", MODES, "enforce"),
    platformUserIds,
    trustPlatformUserAgent,
    operatorUserIds: guids(env, "OPERATOR_USER_IDS"),
    persistentWorkstreams: guids(env, "PERSISTENT_WORKSTREAMS"),
    preImageAlias: alias ? alias : undefined,
    logLevel: oneOf<LogLevel>(env, "LOG_LEVEL", LOG_LEVELS, "info"),
    headersTimeoutMs,
    requestTimeoutMs,
    shutdownTimeoutMs,
    shutdownDrainMs,
  };
}

export function helpText(): string {
  const width = Math.max(...SETTINGS.map((s) => s.name.length));
  const rows = SETTINGS.map((s) => `  ${s.name.padEnd(width)}  ${s.help}\n  ${" ".repeat(width)}  default: ${s.default}`);
  return [
    "Usage: WEBHOOK_KEYS=<key> node server.js [--help]      (in the repository: node dist/plugins/webhook/server.js)",
    "",
    "Validates conversation (msdyn_ocliveworkitem) status-reason changes for Dataverse, as a webhook:",
    "  POST /api/validate-status-change   the execution context; 200 allowed, 422 denied, 400 malformed,",
    "                                     401 bad or missing key, 413 body over 1 MB, 503 shutting down",
    "  GET  /healthz                      200 while the server runs, 503 once it is shutting down",
    "",
    "Settings (environment variables):",
    ...rows,
    "",
    "SIGTERM or SIGINT: answers new requests with 503 for SHUTDOWN_DRAIN_MS, stops listening, finishes in-flight requests, exits.",
    "Docs: docs/webhook.md",
  ].join("\n");
}
