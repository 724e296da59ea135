/**
 * `npm run webhook`: reads the settings, listens, stops gracefully on SIGTERM/SIGINT.
 * `--help` lists every setting.
 */
import { buildApp } from "./app";
import { helpText, loadSettings, SettingsError, type WebhookSettings } from "./settings";

async function main(argv: readonly string[]): Promise<number> {
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
    settings = loadSettings(process.env);
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    process.stderr.write(`error: ${e.message}\nRun with --help to list every setting.\n`);
    return 2;
  }
  const app = buildApp(settings);
  try {
    await app.listen({ host: settings.host, port: settings.port });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    process.stderr.write(`error: cannot listen on ${settings.host}:${settings.port}: ${err.code ?? err.message}. Set HOST and PORT.\n`);
    return 1;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : settings.port;
  app.log.info(
    {
      host: settings.host,
      port,
      mode: settings.mode,
      keys: settings.keys.length,
      platformUsers: settings.platformUserIds.size,
      persistentWorkstreams: settings.persistentWorkstreams.size,
    },
    "validator listening",
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down: finishing in-flight requests");
    const force = setTimeout(() => {
      app.log.error({ timeoutMs: settings.shutdownTimeoutMs }, "shutdown timed out; exiting with requests still open");
      process.exit(1);
    }, settings.shutdownTimeoutMs);
    force.unref();
    app.close().then(
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

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
