/**
 * How a Dataverse Web API call can fail, in one table: a code, the exit status and a hint that holds
 * for every command. Each command's own table (registration/errors.ts, admin/errors.ts) lists these
 * codes too, with hints in its own words where the command knows better (who needs which privilege).
 */

export const WEBAPI_ERRORS = {
  "missing-credentials": {
    exit: 2,
    hint: "Set DATAVERSE_TOKEN to a bearer token for the environment, or AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for an application user.",
  },
  token: {
    exit: 1,
    hint: "Check the tenant id, client id and secret, and that the app registration has a client secret that has not expired.",
  },
  unreachable: {
    exit: 1,
    hint: "Check --env (https://<org>.crm.dynamics.com) and the network. Nothing was changed by the failed request.",
  },
  timeout: {
    exit: 1,
    hint: "Dataverse did not answer in time. Run again later, or allow more time with --timeout <seconds>; a write that timed out may or may not have been applied, so check the row first.",
  },
  redirect: {
    exit: 1,
    hint: "Redirects are refused, so the token and the request body never go to another address. Give --env as the environment's own URL (https://<org>.crm.dynamics.com, as the Power Platform admin center shows it).",
  },
  unauthorized: {
    exit: 1,
    hint: "The token was refused: it may have expired (tokens last about an hour) or be for another environment (its audience must be the --env URL). For client credentials, the app must be an application user in this environment.",
  },
  forbidden: {
    exit: 1,
    hint: "The caller lacks a privilege on the table named above; give the user or application user a security role that has it.",
  },
  "not-found": { exit: 1, hint: "Dataverse has no such row or table. Check the id, and that --env is the environment you mean." },
  "changed-meanwhile": { exit: 1, hint: "The row changed between reading and writing it (412). Run again: the command reads it afresh." },
  throttled: {
    exit: 1,
    hint: "Dataverse kept throttling (429) after the retries, each as long as Retry-After asked. Wait a few minutes and run again.",
  },
  "bad-id": {
    exit: 1,
    hint: "An id that is not a GUID was about to go into a URL or a filter, so nothing was sent. If it came from Dataverse's answer, something between you and Dataverse is rewriting answers: check --env.",
  },
  "bad-answer": {
    exit: 1,
    hint: "Dataverse's answer could not be used (see above), so the command stopped before acting on it. Check --env, and run again.",
  },
  dataverse: { exit: 1, hint: "Dataverse refused the request; its error code and message are above." },
} as const;

export type WebApiErrorCode = keyof typeof WEBAPI_ERRORS;

/** A failed call, with what the server said (already redacted) and how to act on it. */
export class WebApiError extends Error {
  readonly code: WebApiErrorCode;
  /** The HTTP status, when the server answered. */
  readonly status?: number;
  /** Dataverse's own error code, e.g. 0x80040220. */
  readonly dataverseCode?: string;

  constructor(code: WebApiErrorCode, message: string, details: { status?: number; dataverseCode?: string } = {}) {
    super(message);
    this.name = "WebApiError";
    this.code = code;
    this.status = details.status;
    this.dataverseCode = details.dataverseCode;
  }
}

/** Dataverse's error body: {"error":{"code":"0x…","message":"…"}}. */
export interface DataverseError {
  code?: string;
  message?: string;
}

export function describeDataverseError(status: number, error: DataverseError | undefined, fallback: string): string {
  const detail = error && (error.code || error.message) ? `${error.code ?? "no code"}: ${error.message ?? ""}`.trim() : fallback;
  return `HTTP ${status} ${detail}`.trim();
}
