/**
 * register-webhook: argv + environment variables → register / unregister / dry run → exit code.
 * Exit 0 done, 1 Dataverse (or the network, or Entra ID) refused, 2 usage error.
 */
import { parseArgs } from "node:util";
import { RegistrationError } from "./errors";
import { CLIENT_ENV, TOKEN_ENV, tokenSource, type MsalFactory } from "./auth";
import { DryRun } from "./dryrun";
import { formatOutcomes, formatPlan, formatRequest, redactingWriter, summary } from "./output";
import { register, unregister } from "./register";
import { KEY_CHARACTERS, KEY_MIN_LENGTH, keyFormatProblem } from "../webhook/keyFormat";
import { DEFAULT_KEY_ENV, DEFAULT_RANK, ENDPOINT_NAME, KEY_MAX_LENGTH, PRE_IMAGE, STEPS } from "./registration";
import { WebApiClient, DEFAULT_MAX_RETRIES, type Dataverse } from "./webapi";
import { parseEnvUrl, parseRank, parseWebhookUrl, WEBHOOK_ROUTE } from "./flags";

export const HELP = `register-webhook: register the conversation-state webhook in a Dataverse environment

Usage:
  npm run register-webhook -- --env <environment URL> --url <webhook URL> [options]
  npm run register-webhook -- --env <environment URL> --unregister [--dry-run]

Registers, through the Dataverse Web API (${"/api/data/v9.2/"}), and finds again by name:
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
Throttling (429) is retried up to ${DEFAULT_MAX_RETRIES} times, waiting as long as Retry-After says (at most 60 s each).

Exit status: 0 done, 1 Dataverse / network / Entra ID refused (the message says what to do), 2 usage error.

Examples:
  WEBHOOK_KEY=… DATAVERSE_TOKEN=… npm run register-webhook -- \\
      --env https://contoso.crm.dynamics.com --url https://ocs-hooks.azurewebsites.net${WEBHOOK_ROUTE}
  WEBHOOK_KEY=… npm run register-webhook -- --env https://contoso.crm.dynamics.com \\
      --url https://ocs-hooks.azurewebsites.net${WEBHOOK_ROUTE} --dry-run
  DATAVERSE_TOKEN=… npm run register-webhook -- --env https://contoso.crm.dynamics.com --unregister
`;

const OPTIONS = {
  env: { type: "string" },
  url: { type: "string" },
  "dry-run": { type: "boolean", default: false },
  unregister: { type: "boolean", default: false },
  "rotate-key": { type: "boolean", default: false },
  rank: { type: "string" },
  "key-env": { type: "string" },
  verbose: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

export interface Io {
  readonly stdout: (text: string) => unknown;
  readonly stderr: (text: string) => unknown;
  readonly env: NodeJS.ProcessEnv;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly msalFactory?: MsalFactory;
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
  // Every line goes through redaction, so the key, token and secret cannot leak even in an error message.
  const secrets = [io.env[TOKEN_ENV], io.env.AZURE_CLIENT_SECRET];
  let stdout = redactingWriter(io.stdout, secrets);
  let stderr = redactingWriter(io.stderr, secrets);
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
    let url = "";
    let key = "";
    if (!values.unregister) {
      url = parseWebhookUrl(values.url);
      if (!url.endsWith(WEBHOOK_ROUTE))
        stderr(`note: --url does not end with ${WEBHOOK_ROUTE}, the webhook's route; registering it as given.\n`);
      key = readKey(io.env, values["key-env"] ?? DEFAULT_KEY_ENV);
      stdout = redactingWriter(io.stdout, [...secrets, key]);
      stderr = redactingWriter(io.stderr, [...secrets, key]);
    }

    const source = tokenSource(env, io.env, io.msalFactory);
    if (!source && !values["dry-run"])
      throw new RegistrationError("missing-credentials", "No credentials: neither DATAVERSE_TOKEN nor client credentials are set.");
    const client = source
      ? new WebApiClient({
          env,
          token: source.token,
          fetch: io.fetch,
          sleep: io.sleep,
          onRequest: values.verbose
            ? (request, requestUrl) => stderr(formatRequest({ ...request, url: requestUrl, ifMatch: request.etag }) + "\n")
            : undefined,
        })
      : undefined;

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
  } catch (error) {
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
