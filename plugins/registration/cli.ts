/**
 * register-webhook: argv + environment variables → register / unregister / dry run → exit code.
 * Exit 0 done, 1 Dataverse (or the network, or Entra ID) refused, 2 usage error.
 */
import { parseArgs } from "node:util";
import ms from "ms";
import { fromWebApi, RegistrationError } from "./errors";
import { CLIENT_ENV, TOKEN_ENV, tokenSource } from "../webapi/auth";
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, MAX_PAGE_SIZE, type Dataverse, type WebApiClient } from "../webapi/client";
import { connect, type ClientIo } from "../webapi/connect";
import { WebApiError } from "../webapi/errors";
import { API_PATH } from "../webapi/paths";
import { Redactor } from "../webapi/redact";
import { APPLICATION_USERS, conversationsChangedSince, formatCandidates, platformCandidates, tallyUsers } from "./discover";
import { DryRun } from "./dryrun";
import { formatOutcomes, formatPlan, SECRET_COLUMNS, summary } from "./output";
import { register, unregister } from "./register";
import { KEY_CHARACTERS, KEY_MIN_LENGTH, keyFormatProblem } from "../webhook/keyFormat";
import { DEFAULT_KEY_ENV, DEFAULT_RANK, ENDPOINT_NAME, KEY_MAX_LENGTH, PRE_IMAGE, STEPS } from "./registration";
import { parseEnvUrl, parseRank, parseTimeoutMs, parseWebhookUrl, WEBHOOK_ROUTE } from "./flags";

export const DEFAULT_SINCE = "1d";

export const HELP = `register-webhook: register the conversation-state webhook in a Dataverse environment

Usage:
  npm run register-webhook -- --env <environment URL> --url <webhook URL> [options]
  npm run register-webhook -- --env <environment URL> --unregister [--dry-run]
  npm run register-webhook -- --env <environment URL> --discover-platform-users [--since <duration>]

Registers, through the Dataverse Web API (${API_PATH}), and finds again by name:
  serviceendpoint "${ENDPOINT_NAME}"
      contract 8 (Webhook), authtype 4 (WebhookKey: Dataverse calls <url>?code=<key>),
      messageformat 2 (JSON), url, authvalue = the key
${STEPS.map(
  (s) => `  sdkmessageprocessingstep "${s.name}"
      stage 10 (PreValidation), mode 0 (synchronous), rank, supporteddeployment 0 (server)${s.filteringattributes ? `,\n      filteringattributes "${s.filteringattributes}"` : ""}`,
).join("\n")}
  sdkmessageprocessingstepimage "${PRE_IMAGE.name}" on the Update step
      imagetype 0 (PreImage), entityalias "${PRE_IMAGE.entityalias}", attributes "${PRE_IMAGE.attributes}"
Running it again changes nothing: rows that match are left alone (GETs only); a row that differs
gets one PATCH (If-Match its etag) of just the columns that differ.

Options:
  --env <url>      The environment, e.g. https://contoso.crm.dynamics.com (required).
  --url <url>      The webhook, https on the default port, e.g.
                   https://<host>${WEBHOOK_ROUTE} (required unless --unregister).
                   No query string: Dataverse appends ?code=<key> itself.
  --dry-run        Print the requests instead of sending them (the key shows as ***). With
                   credentials set, the GETs are sent (read-only) so the plan shows what would
                   really change; without credentials, or when the environment cannot be reached,
                   the plan is made offline: everything is assumed missing.
  --unregister     Remove what this command registered: the image, the steps, then the endpoint
                   (kept, with an error, if steps other than ours still use it).
  --rotate-key     Write the key to an existing endpoint. The key cannot be read back from
                   Dataverse, so without this flag an existing endpoint keeps the key it has.
  --rank <n>       Execution order of the steps within the stage (default ${DEFAULT_RANK}).
  --key-env <name> The environment variable holding the webhook key (default ${DEFAULT_KEY_ENV}).
  --discover-platform-users
                   Register nothing: list the application users that created or last changed
                   conversations since --since, with their systemuserid and applicationid, to
                   confirm into the webhook's PLATFORM_USER_IDS. Needs no webhook key.
  --since <duration>
                   The window for --discover-platform-users: 30m, 12h, 7d… (default ${DEFAULT_SINCE}).
  --timeout <s>    Longest wait for one request, answer included (default ${DEFAULT_TIMEOUT_MS / 1000} s).
  --verbose        Log each request (method, URL, body with the key redacted) to stderr.
  -h, --help       Print this help.

Environment variables:
  ${DEFAULT_KEY_ENV}           The webhook key (the value the webhook checks in ?code=). Required to
                        register, also for --dry-run; never a flag, never printed. ${KEY_MIN_LENGTH} to ${KEY_MAX_LENGTH}
                        characters of ${KEY_CHARACTERS} (the webhook's rule).
  ${TOKEN_ENV}       A bearer token for the environment (audience = --env), or:
  ${CLIENT_ENV.join(", ")}
                        client credentials of an app registration that is an application user
                        in the environment; the token comes from @azure/msal-node, scope <env>/.default.
                        Neither is needed for a loopback --env (http://127.0.0.1:<port>, a local server).
Throttling (429) is retried up to ${DEFAULT_MAX_RETRIES} times, waiting as long as Retry-After says (at most 60 s each).
Redirects are refused; ids from Dataverse's answers must be GUIDs before they go into a URL.

Exit status: 0 done, 1 Dataverse / network / Entra ID refused (the message says what to do), 2 usage error.

Examples:
  WEBHOOK_KEY=… DATAVERSE_TOKEN=… npm run register-webhook -- \\
      --env https://contoso.crm.dynamics.com --url https://ocs-hooks.azurewebsites.net${WEBHOOK_ROUTE}
  WEBHOOK_KEY=… npm run register-webhook -- --env https://contoso.crm.dynamics.com \\
      --url https://ocs-hooks.azurewebsites.net${WEBHOOK_ROUTE} --dry-run
  DATAVERSE_TOKEN=… npm run register-webhook -- --env https://contoso.crm.dynamics.com --unregister
  DATAVERSE_TOKEN=… npm run register-webhook -- --env https://contoso.crm.dynamics.com --discover-platform-users --since 7d
`;

const OPTIONS = {
  env: { type: "string" },
  url: { type: "string" },
  "dry-run": { type: "boolean", default: false },
  unregister: { type: "boolean", default: false },
  "rotate-key": { type: "boolean", default: false },
  rank: { type: "string" },
  "key-env": { type: "string" },
  "discover-platform-users": { type: "boolean", default: false },
  since: { type: "string" },
  timeout: { type: "string" },
  verbose: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

export interface Io extends ClientIo {
  readonly stdout: (text: string) => unknown;
  readonly stderr: (text: string) => unknown;
}

function parseSince(input: string | undefined, now: number): Date {
  const text = input ?? DEFAULT_SINCE;
  const span = /^\d+(\.\d+)?\s*(s|m|h|d|w)$/.test(text.trim()) ? ms(text.trim() as ms.StringValue) : undefined;
  if (typeof span !== "number" || !(span > 0))
    throw new RegistrationError("usage", `--since "${text}" is not a duration like 30m, 12h or 7d.`);
  return new Date(now - span);
}

async function discover(client: WebApiClient, since: Date): Promise<string> {
  const rows = await client.all(conversationsChangedSince(since), { pageSize: MAX_PAGE_SIZE });
  const users = await client.all(APPLICATION_USERS, { pageSize: MAX_PAGE_SIZE });
  return formatCandidates(platformCandidates(tallyUsers(rows), users), rows.length, since);
}

function readKey(vars: NodeJS.ProcessEnv, name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new RegistrationError("usage", `--key-env "${name}" is not an environment variable name.`);
  const key = vars[name];
  if (key === undefined || key === "")
    throw new RegistrationError("missing-key", `The webhook key is not set: ${name} is empty or missing.`);
  if (key.trim() !== key)
    throw new RegistrationError(
      "missing-key",
      `${name} starts or ends with whitespace; remove it (a pasted newline would become part of the key).`,
    );
  // The webhook reads its keys as a comma-separated list (WEBHOOK_KEYS): a comma here means a list was pasted.
  if (key.includes(","))
    throw new RegistrationError(
      "missing-key",
      `${name} contains a comma: give the one key Dataverse should send, not the webhook's list of keys.`,
    );
  if (key.length > KEY_MAX_LENGTH)
    throw new RegistrationError("missing-key", `${name} is ${key.length} characters; Dataverse stores at most ${KEY_MAX_LENGTH}.`);
  // The webhook's own rule for its keys (plugins/webhook/keyFormat.ts): it would refuse this one.
  const problem = keyFormatProblem(key);
  if (problem) throw new RegistrationError("missing-key", `${name} ${problem}.`);
  return key;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  // Every line goes through redaction, so the key, token and secret cannot leak even in an error message;
  // the client adds each token it actually sends (client credentials' tokens are in no variable).
  const redactor = new Redactor([io.env[TOKEN_ENV], io.env.AZURE_CLIENT_SECRET]);
  const stdout = redactor.writer(io.stdout);
  const stderr = redactor.writer(io.stderr);
  try {
    let values;
    try {
      ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
    } catch (error) {
      throw new RegistrationError("usage", (error as Error).message);
    }
    if (values.help) {
      stdout(HELP);
      return 0;
    }
    const env = parseEnvUrl(values.env);
    const rank = parseRank(values.rank);
    const timeoutMs = parseTimeoutMs(values.timeout);
    const discovering = values["discover-platform-users"];
    if (discovering && (values.unregister || values.url !== undefined || values["rotate-key"]))
      throw new RegistrationError("usage", "--discover-platform-users registers nothing: give it --env (and --since) only.");
    if (!discovering && values.since !== undefined) throw new RegistrationError("usage", "--since goes with --discover-platform-users.");
    const since = discovering ? parseSince(values.since, (io.now ?? Date.now)()) : undefined;
    let url = "";
    let key = "";
    if (!values.unregister && !discovering) {
      url = parseWebhookUrl(values.url, env);
      if (!url.endsWith(WEBHOOK_ROUTE))
        stderr(`note: --url does not end with ${WEBHOOK_ROUTE}, the webhook's route; registering it as given.\n`);
      key = readKey(io.env, values["key-env"] ?? DEFAULT_KEY_ENV);
      redactor.add(key);
    }

    const source = tokenSource(env, io.env, io.msalFactory);
    if (!source && (!values["dry-run"] || discovering))
      throw new RegistrationError("missing-credentials", "No credentials: neither DATAVERSE_TOKEN nor client credentials are set.");
    const client = source
      ? connect(env, source, io, {
          timeoutMs,
          redactor,
          secretColumns: SECRET_COLUMNS,
          log: values.verbose ? (line) => stderr(line + "\n") : undefined,
        })
      : undefined;

    if (since) {
      stdout(await discover(client!, since));
      if (values.verbose) stderr(`${client!.stats.requests} requests\n`);
      return 0;
    }

    const run = (dv: Dataverse) => (values.unregister ? unregister(dv) : register(dv, { url, key, rank, rotateKey: values["rotate-key"] }));
    if (values["dry-run"]) {
      const dry = new DryRun(env, client, "no credentials are set");
      const outcomes = await run(dry);
      stdout(formatPlan(env, dry.requests, dry.offlineReason));
      if (dry.offlineReason && values.unregister) {
        // Offline nothing can be looked up, so "absent" would be a guess.
        stdout(
          "\nA real run deletes whichever of these it finds, in this order: the pre-image, the Update step, the Create step, the endpoint.\n",
        );
      } else {
        stdout(`\nA real run would give:\n${formatOutcomes(outcomes)}`);
      }
      return 0;
    }
    const outcomes = await run(client!);
    const verb = values.unregister ? "Unregistered the webhook from" : "Registered the webhook in";
    stdout(`${verb} ${env}: ${summary(outcomes)}.\n${formatOutcomes(outcomes)}`);
    return 0;
  } catch (caught) {
    const error = caught instanceof WebApiError ? fromWebApi(caught) : caught;
    if (error instanceof RegistrationError) {
      stderr(`register-webhook: ${error.message}\n  ${error.hint}\n`);
      return error.exit;
    }
    stderr(`register-webhook: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}
