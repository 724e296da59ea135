/**
 * The plain server's entry: reads the settings, listens, and stops gracefully on SIGTERM/SIGINT:
 * requests that arrive while it stops get a 503 (Dataverse retries one), never a reset connection.
 * `npm run webhook` runs it from dist/; the package's server.js runs the same main. `--help` lists
 * every setting.
 */
import type { AddressInfo } from "node:net";
import { buildApp } from "./app";
import { helpText, loadSettings, SettingsError, type WebhookSettings } from "./settings";

/** Runs the server; resolves with an exit code, or -1 while it keeps running. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${helpText()}\n`);
    return 0;
  }
  if (argv.length > 0) {
    process.stderr.write(
      `error: unknown argument ${JSON.stringify(argv[0])}. Settings are environment variables; run with --help to list them.\n`,
    );
    return 2;
  }
  let settings: WebhookSettings;
  try {
    settings = loadSettings(env);
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    process.stderr.write(`error: ${e.message}\nRun with --help to list every setting.\n`);
    return 2;
  }
  const app = buildApp(settings);
  let url: string;
  try {
    url = await app.listen();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    process.stderr.write(`error: cannot listen on ${settings.host}:${settings.port}: ${err.code ?? err.message}. Set HOST and PORT.\n`);
    return 1;
  }
  app.log.info(
    {
      url,
      host: settings.host,
      port: (app.server.address() as AddressInfo).port,
      mode: settings.mode,
      keys: settings.keys.length,
      platformUsers: settings.platformUserIds.size,
      operators: settings.operatorUserIds.size,
      trustPlatformUserAgent: settings.trustPlatformUserAgent,
      persistentWorkstreams: settings.persistentWorkstreams.size,
    },
    "validator listening",
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal, drainMs: settings.shutdownDrainMs }, "shutting down: answering 503 to new requests, finishing in-flight ones");
    const force = setTimeout(() => {
      app.log.error({ timeoutMs: settings.shutdownTimeoutMs }, "shutdown timed out; exiting with requests still open");
      app.server.closeAllConnections();
      process.exit(1);
    }, settings.shutdownTimeoutMs);
    force.unref();
    app.close({ drainMs: settings.shutdownDrainMs }).then(
      () => {
        app.log.info("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, "error while closing");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  return -1;
}

/** Runs main and sets the exit code; the package's server.js and `node dist/plugins/webhook/server.js` both call it. */
export function serve(argv: readonly string[] = process.argv.slice(2)): void {
  main(argv).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) serve();
