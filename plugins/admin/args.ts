/** The flags `history` and `stuck` share, read into checked values; a bad one is a usage error (exit 2). */
import ms from "ms";
import { WRAP_UP_BLOCK_MINUTES, wrapUpBlockOf, type WrapUpBlock } from "../lifecycle";
import { DEFAULT_TIMEOUT_MS } from "../webapi/client";
import { FlagError, parseEnvUrl, parseTimeoutMs } from "../webapi/env";
import { AdminError } from "./errors";

export const COMMON_OPTIONS = {
  env: { type: "string" },
  json: { type: "boolean", default: false },
  csv: { type: "boolean", default: false },
  now: { type: "string" },
  "wrap-up-block": { type: "string" },
  timeout: { type: "string" },
  verbose: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

export const COMMON_HELP = `  --env <url>            The environment, e.g. https://contoso.crm.dynamics.com (required); a loopback
                         http://127.0.0.1:<port> (the workbench's local Dataverse) needs no credentials.
  --json                 Print one JSON object (field names are stable for scripts).
  --csv                  Print CSV (RFC 4180; fields that start with = + - @ get a leading ').
  --now <ISO 8601>       The time to measure against (default: the Date header of Dataverse's answer,
                         so the server's clock; else this machine's).
  --wrap-up-block <b>    The workstream's Block capacity for wrap up: always, never, or minutes
                         (${WRAP_UP_BLOCK_MINUTES.min}-${WRAP_UP_BLOCK_MINUTES.max}). Default always (the UI's default): how the column
                         msdyn_blockcapacityforwrapup encodes Always and Don't block is not documented,
                         so its value is shown but not interpreted.
  --timeout <seconds>    Longest wait for one request, answer included (default ${DEFAULT_TIMEOUT_MS / 1000}).
  --verbose              Log each request to stderr, and the number of requests at the end.
  -h, --help             Print this help.

Credentials (as register-webhook): DATAVERSE_TOKEN (a bearer token for --env), or AZURE_TENANT_ID,
AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (client credentials of an application user).
Caller classes come from the webhook's settings of the same names: PLATFORM_USER_IDS (application
users whose changes are the platform's) and OPERATOR_USER_IDS (supervisors and admins).`;

export type OutputFormat = "table" | "json" | "csv";

export interface CommonFlags {
  readonly env: string;
  readonly format: OutputFormat;
  readonly nowMs: number | undefined;
  readonly block: WrapUpBlock;
  readonly blockFromFlag: boolean;
  readonly timeoutMs: number;
  readonly verbose: boolean;
}

export function usage(message: string): AdminError {
  return new AdminError("usage", message);
}

export function parseWrapUpBlock(input: string | undefined): WrapUpBlock | undefined {
  if (input === undefined) return undefined;
  const text = input.trim().toLowerCase();
  const block = /^\d+$/.test(text) ? wrapUpBlockOf("custom", Number(text)) : wrapUpBlockOf(text === "" ? "?" : text);
  if (!block)
    throw usage(
      `--wrap-up-block "${input}" is not always, never or a number of minutes from ${WRAP_UP_BLOCK_MINUTES.min} to ${WRAP_UP_BLOCK_MINUTES.max}.`,
    );
  return block;
}

/** "2h", "30m", "1d", "90s", "1w" (ms, the npm package); positive. */
export function parseDuration(flag: string, input: string | undefined): number | undefined {
  if (input === undefined) return undefined;
  const text = input.trim();
  const span = /^\d+(\.\d+)?\s*(ms|s|m|h|d|w)$/.test(text) ? ms(text as ms.StringValue) : undefined;
  if (typeof span !== "number" || !(span > 0)) throw usage(`--${flag} "${input}" is not a duration like 90s, 30m, 2h or 7d.`);
  return span;
}

export function parseCommon(values: Record<string, string | boolean | undefined>): CommonFlags {
  let env: string;
  let timeoutMs: number;
  try {
    env = parseEnvUrl(values.env as string | undefined);
    timeoutMs = parseTimeoutMs(values.timeout as string | undefined);
  } catch (error) {
    if (error instanceof FlagError) throw usage(error.message);
    throw error;
  }
  if (values.json && values.csv) throw usage("--json and --csv cannot go together: pick one output format.");
  let nowMs: number | undefined;
  if (values.now !== undefined) {
    nowMs = Date.parse(values.now as string);
    if (!/^\d{4}-\d\d-\d\dT/.test(values.now as string) || Number.isNaN(nowMs))
      throw usage(`--now "${values.now}" is not an ISO 8601 date-time like 2025-01-31T08:00:00Z.`);
  }
  const block = parseWrapUpBlock(values["wrap-up-block"] as string | undefined);
  return {
    env,
    format: values.json ? "json" : values.csv ? "csv" : "table",
    nowMs,
    block: block ?? { mode: "always" },
    blockFromFlag: block !== undefined,
    timeoutMs,
    verbose: values.verbose === true,
  };
}
