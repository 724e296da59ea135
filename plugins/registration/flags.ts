/** Checks on --env, --url and --rank: a bad value stops the run (exit 2) before anything is sent. */
import { VALIDATE_PATH } from "../webhook/route";
import { isLoopback, LOOPBACK_HOSTS } from "../webapi/auth";
import { FlagError, parseEnvUrl as parseEnv, parseTimeoutMs as parseTimeout } from "../webapi/env";
import { RegistrationError } from "./errors";
import { DEFAULT_RANK } from "./registration";

/** The webhook's route, shared with the server. */
export const WEBHOOK_ROUTE = VALIDATE_PATH;

function parseUrl(flag: string, input: string | undefined, example: string): URL {
  if (input === undefined || input.trim() === "") throw new RegistrationError("usage", `--${flag} is required, e.g. --${flag} ${example}.`);
  try {
    return new URL(input.trim());
  } catch {
    throw new RegistrationError("usage", `--${flag} "${input}" is not a URL; use one like ${example}.`);
  }
}

/** The environment's origin (webapi/env.ts), as a usage error of this command. */
export function parseEnvUrl(input: string | undefined): string {
  try {
    return parseEnv(input);
  } catch (error) {
    if (error instanceof FlagError) throw new RegistrationError("usage", error.message);
    throw error;
  }
}

export function parseTimeoutMs(input: string | undefined): number {
  try {
    return parseTimeout(input);
  } catch (error) {
    if (error instanceof FlagError) throw new RegistrationError("usage", error.message);
    throw error;
  }
}

/**
 * The webhook: https on port 443 (Dataverse calls webhooks on 80 or 443 only), no query. The one
 * exception is a local test bed: when --env is itself a loopback URL (the workbench's local
 * Dataverse), a loopback webhook may be plain http on any port, since the key never leaves the machine.
 */
export function parseWebhookUrl(input: string | undefined, env?: string): string {
  const example = `https://<host>${WEBHOOK_ROUTE}`;
  const url = parseUrl("url", input, example);
  const local = env !== undefined && isLoopback(env) && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== "https:" && !(local && url.protocol === "http:"))
    throw new RegistrationError("usage", `--url must be https (got ${url.protocol}//): the key travels in the query string.`);
  if (url.port !== "" && !local)
    throw new RegistrationError("usage", `--url uses port ${url.port}; Dataverse calls webhooks on the default https port (443) only.`);
  if (url.search || url.hash)
    throw new RegistrationError(
      "usage",
      `--url must have no query string or fragment: put the key in the environment variable, and Dataverse appends ?code=<key> itself.`,
    );
  if (url.username || url.password) throw new RegistrationError("usage", "--url must not carry a user name or password.");
  const text = url.toString();
  if (text.length > 2000)
    throw new RegistrationError("usage", `--url is ${text.length} characters; serviceendpoint.url holds at most 2000.`);
  return text;
}

export function parseRank(input: string | undefined): number {
  if (input === undefined) return DEFAULT_RANK;
  const rank = Number(input);
  if (!/^\d+$/.test(input) || !Number.isSafeInteger(rank) || rank < 1 || rank > 2147483647) {
    throw new RegistrationError("usage", `--rank "${input}" is not a whole number from 1 to 2147483647.`);
  }
  return rank;
}
