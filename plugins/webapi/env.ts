/** --env and --timeout: checked before anything is sent. Every command reads them the same way. */
import { LOOPBACK_HOSTS } from "./auth";
import { DEFAULT_TIMEOUT_MS } from "./client";

/** A bad --env or --timeout; each command reports it as its own usage error (exit 2). */
export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FlagError";
  }
}

export const ENV_EXAMPLE = "https://contoso.crm.dynamics.com";

/** https://<org>.crm<n>.dynamics.com (any cloud), no path; plain http only on loopback (a local server). */
export function parseEnvUrl(input: string | undefined): string {
  if (input === undefined || input.trim() === "") throw new FlagError(`--env is required, e.g. --env ${ENV_EXAMPLE}.`);
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new FlagError(`--env "${input}" is not a URL; use one like ${ENV_EXAMPLE}.`);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== "https:" && !(loopback && url.protocol === "http:"))
    throw new FlagError(`--env must be https (got ${url.protocol}//), e.g. ${ENV_EXAMPLE}.`);
  if (url.username || url.password || url.search || url.hash)
    throw new FlagError(`--env must be the bare environment URL, e.g. ${ENV_EXAMPLE}.`);
  if (url.pathname !== "/")
    throw new FlagError(
      `--env is the environment URL without a path (got "${url.pathname}"), e.g. ${ENV_EXAMPLE}; the command adds /api/data/v9.2/ itself.`,
    );
  return url.origin;
}

export const MIN_TIMEOUT_SECONDS = 0.1;
export const MAX_TIMEOUT_SECONDS = 600;

/** --timeout <seconds>: the longest one request may take, answer included. */
export function parseTimeoutMs(input: string | undefined): number {
  if (input === undefined) return DEFAULT_TIMEOUT_MS;
  const seconds = Number(input);
  if (!/^\d+(\.\d+)?$/.test(input.trim()) || !(seconds >= MIN_TIMEOUT_SECONDS) || seconds > MAX_TIMEOUT_SECONDS)
    throw new FlagError(`--timeout "${input}" is not a number of seconds from ${MIN_TIMEOUT_SECONDS} to ${MAX_TIMEOUT_SECONDS}.`);
  return Math.round(seconds * 1000);
}
