/**
 * npm run dataverse -- [options]: the local Dataverse alone, on 127.0.0.1. Exit status: 0 after a
 * clean shutdown (Ctrl-C), 1 when it cannot start (data file unreadable, port taken, registration
 * refused), 2 on a usage error.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { main as registerWebhook } from "../../plugins/registration/cli";
import { buildDataverseApp } from "./app";
import { DEFAULT_WEBHOOK_TIMEOUT_MS } from "./callout";
import { createDataverse } from "./dataverse";
import { StoreError } from "./store";
import { API_PREFIX } from "./webApi";
import { WORKBENCH_PREFIX } from "./workbenchApi";

export const DEFAULT_DATA_FILE = ".workbench/dataverse.json";
export const DEFAULT_PORT = 8080;
/** register-webhook needs a token; the local Dataverse accepts any unless started with one. */
const LOCAL_TOKEN = "workbench-local";

export const HELP = `dataverse: a local stand-in for the Dataverse Web API (one table: msdyn_ocliveworkitem)

Usage:
  npm run dataverse -- [--port ${DEFAULT_PORT}] [--host 127.0.0.1] [--data ${DEFAULT_DATA_FILE}] [--reset]
                       [--webhook-url <url>] [--webhook-timeout-ms ${DEFAULT_WEBHOOK_TIMEOUT_MS}]

Serves:
  http://<host>:<port>${API_PREFIX}/      the Web API (conversations, workstreams, users, metadata, audits,
                                          webhook registration), in Dataverse's shapes
  http://<host>:<port>${WORKBENCH_PREFIX}/    workbench controls (clock, faults, auditing, call-out log, events)

Options:
  --port <n>                TCP port (default ${DEFAULT_PORT}; 0 picks a free one).
  --host <address>          Address to listen on (default 127.0.0.1).
  --data <file>             The JSON file that keeps everything (default ${DEFAULT_DATA_FILE}).
  --reset                   Start again from the seed, replacing the data file.
  --webhook-url <url>       Register this webhook with register-webhook at start (the key comes from
                            WEBHOOK_KEY), e.g. http://127.0.0.1:7071/api/validate-status-change.
  --webhook-timeout-ms <n>  How long a synchronous webhook may take (default ${DEFAULT_WEBHOOK_TIMEOUT_MS}, as Dataverse).
  -h, --help                Print this help.

Docs: docs/workbench.md, "The local Dataverse".
`;

export interface Io {
  readonly stdout: (text: string) => unknown;
  readonly stderr: (text: string) => unknown;
  readonly env: NodeJS.ProcessEnv;
  /** Stops the server (Ctrl-C in a terminal; tests abort it). */
  readonly signal: AbortSignal;
  readonly onListening?: (url: string) => void;
}

const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  data: { type: "string" },
  reset: { type: "boolean", default: false },
  "webhook-url": { type: "string" },
  "webhook-timeout-ms": { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

function whole(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) > max) throw new Error(`--${name} "${text}" is not a whole number from 0 to ${max}.`);
  return Number(text);
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let values;
  let port: number;
  let timeout: number;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
    port = whole("port", values.port, DEFAULT_PORT, 65535);
    timeout = whole("webhook-timeout-ms", values["webhook-timeout-ms"], DEFAULT_WEBHOOK_TIMEOUT_MS, 600_000);
  } catch (error) {
    io.stderr(`dataverse: ${(error as Error).message}\nRun with --help for the options.\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const file = resolve(values.data ?? DEFAULT_DATA_FILE);
  let dataverse;
  try {
    dataverse = createDataverse({ file, reset: values.reset, webhookTimeoutMs: timeout });
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    io.stderr(`dataverse: ${error.message}\n`);
    return 1;
  }
  const app = buildDataverseApp(dataverse);
  const host = values.host ?? "127.0.0.1";
  let url: string;
  try {
    const address = await app.listen({ port, host });
    url = address.replace("[::1]", "localhost");
  } catch (error) {
    const code = (error as { code?: string }).code;
    io.stderr(
      `dataverse: cannot listen on ${host}:${port} (${code ?? (error as Error).message})${code === "EADDRINUSE" ? "; another process uses the port: pick another with --port" : ""}.\n`,
    );
    await dataverse.close();
    return 1;
  }
  io.stdout(`Local Dataverse at ${url}${API_PREFIX}/ (data: ${file}${values.reset ? ", reset from the seed" : ""})\n`);
  if (values["webhook-url"]) {
    const code = await registerWebhook(["--env", url, "--url", values["webhook-url"]], {
      stdout: io.stdout,
      stderr: io.stderr,
      env: { WEBHOOK_KEY: io.env.WEBHOOK_KEY, DATAVERSE_TOKEN: LOCAL_TOKEN },
    });
    if (code !== 0) {
      await app.close();
      return 1;
    }
  }
  io.onListening?.(url);
  await new Promise<void>((done) => (io.signal.aborted ? done() : io.signal.addEventListener("abort", () => done(), { once: true })));
  await app.close();
  io.stdout("Local Dataverse stopped; everything is in the data file.\n");
  return 0;
}

if (require.main === module) {
  const stop = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => stop.abort());
  void main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    signal: stop.signal,
  }).then((code) => {
    process.exitCode = code;
  });
}
