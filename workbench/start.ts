/**
 * npm start: the workbench. Starts the local Dataverse and the page on one port (--port, or
 * WORKBENCH_PORT, default 8080), the project's webhook on another loopback port, and registers the
 * webhook against the local Dataverse with the project's own register-webhook, as an admin would
 * against an environment. Ctrl-C stops everything; the data stays in .workbench/.
 */
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { main as registerWebhook } from "../plugins/registration/cli";
import { buildApp as buildWebhook, type WebhookApp } from "../plugins/webhook/app";
import { loadSettings } from "../plugins/webhook/settings";
import { VALIDATE_PATH } from "../plugins/webhook/route";
import { projectRoot } from "../plugins/strings/resx";
import { createDataverse, SEED, StoreError, type Dataverse } from "./dataverse";
import { DEFAULT_DATA_FILE } from "./dataverse/cli";
import { buildWorkbench } from "./server";

export const DEFAULT_PORT = 8080;

export const HELP = `npm start: the conversation workbench

Usage:
  npm start [-- --port ${DEFAULT_PORT}] [--host 127.0.0.1] [--data ${DEFAULT_DATA_FILE}] [--reset]

Starts, on this machine:
  http://<host>:<port>/                 the workbench page: a conversation form with the production control
                                        and form script, the platform's moves, the clock, audit and webhook decisions
  http://<host>:<port>/api/data/v9.2/   the local Dataverse's Web API (curl it; see docs/workbench.md)
  the status-change webhook on a free loopback port, registered with register-webhook

Options:
  --port <n>       TCP port (default: WORKBENCH_PORT, else ${DEFAULT_PORT}; 0 picks a free one).
  --host <address> Address to listen on (default 127.0.0.1).
  --data <file>    The JSON file that keeps the data (default ${DEFAULT_DATA_FILE}).
  --reset          Start again from the seed.
  -h, --help       Print this help.

Docs: docs/workbench.md`;

export interface Running {
  readonly url: string;
  readonly webhookUrl: string;
  readonly dataverse: Dataverse;
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly port: number;
  readonly host?: string;
  readonly dataFile: string;
  readonly reset?: boolean;
  readonly root?: string;
  /** Where the webhook's and the local Dataverse's log lines go (default: stdout and stderr). */
  readonly log?: (line: string) => void;
  readonly out?: (text: string) => void;
}

/** Starts the three parts and registers the webhook; resolves once the page is served. */
export async function startWorkbench(options: StartOptions): Promise<Running> {
  const host = options.host ?? "127.0.0.1";
  const out = options.out ?? ((text: string) => process.stdout.write(text));
  const dataverse = createDataverse({
    file: resolve(options.dataFile),
    reset: options.reset,
    ...(options.log ? { log: (line: string) => options.log?.(`dataverse: ${line}`) } : {}),
  });
  // A fresh key at every start: register-webhook writes it to the endpoint (--rotate-key).
  const key = randomBytes(32).toString("base64url");
  const webhook: WebhookApp = buildWebhook(
    loadSettings({
      WEBHOOK_KEYS: key,
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      // The workbench's Omnichannel application user: the platform's own moves; its admin closes stuck conversations.
      PLATFORM_USER_IDS: SEED.users.application,
      OPERATOR_USER_IDS: SEED.users.admin,
      // The context does not carry the workstream's mode: the webhook is told which workstream is persistent chat.
      PERSISTENT_WORKSTREAMS: SEED.workstreams.persistentChat,
    }),
    options.log ? { logStream: { write: (line: string) => options.log?.(line.trimEnd()) } } : {},
  );
  const app = buildWorkbench({ dataverse, root: options.root ?? projectRoot(__dirname) });
  const stopAll = async (): Promise<void> => {
    await app.close();
    await webhook.close();
  };
  try {
    const webhookAddress = await webhook.listen({ host: "127.0.0.1", port: 0 });
    const address = await app.listen({ host, port: options.port });
    const url = address.replace("[::1]", "localhost");
    const webhookUrl = `${webhookAddress}${VALIDATE_PATH}`;
    const register = async (): Promise<void> => {
      let registration = "";
      const code = await registerWebhook(["--env", url, "--url", webhookUrl, "--rotate-key"], {
        stdout: (text) => (registration += text),
        stderr: (text) => (registration += text),
        env: { WEBHOOK_KEY: key },
      });
      if (code !== 0) throw new Error(`register-webhook refused (exit ${code}):\n${registration}`);
    };
    await register();
    // A reset (POST /workbench/api/reset) starts again from the seed, which has no registration: register again.
    dataverse.events.subscribe((event) => {
      if (event.type !== "reset") return;
      register().catch((error: unknown) =>
        out(`After the reset the webhook could not be registered again; restart npm start. ${(error as Error).message}\n`),
      );
    });
    out(`Workbench at ${url}/ (Web API ${url}/api/data/v9.2/, webhook ${webhookUrl}, data ${resolve(options.dataFile)})\n`);
    return { url, webhookUrl, dataverse, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        port: { type: "string" },
        host: { type: "string" },
        data: { type: "string" },
        reset: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const portText = values.port ?? process.env.WORKBENCH_PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    process.stderr.write(`error: the port "${portText}" is not a whole number from 0 to 65535 (--port or WORKBENCH_PORT).\n`);
    return 2;
  }
  let running: Running;
  try {
    running = await startWorkbench({ port, host: values.host, dataFile: values.data ?? DEFAULT_DATA_FILE, reset: values.reset });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      error instanceof StoreError
        ? error.message
        : code === "EADDRINUSE"
          ? `port ${port} is taken: pick another with --port or WORKBENCH_PORT`
          : (error as Error).message;
    process.stderr.write(`error: the workbench did not start: ${why}\n`);
    return 1;
  }
  await new Promise<void>((done) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => done());
  });
  await running.stop();
  process.stdout.write("Workbench stopped; the data is in the data file.\n");
  return 0;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
