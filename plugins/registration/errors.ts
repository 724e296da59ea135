/**
 * Every way registration can fail, in one table: a code, the exit status and what to do about it.
 * Exit 2 is a mistake in the command line or environment variables; exit 1 is Dataverse (or the
 * network, or Entra ID) saying no. Docs and tests read this table, so a new failure is added here.
 */

export const ERRORS = {
  usage: { exit: 2, hint: "Run with --help for the flags and environment variables." },
  "missing-key": {
    exit: 2,
    hint: "Set the webhook key in the environment variable (never as a flag): the same key the webhook checks in ?code=.",
  },
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
  unauthorized: {
    exit: 1,
    hint: "The token was refused: it may have expired (tokens last about an hour) or be for another environment (its audience must be the --env URL). For client credentials, the app must be an application user in this environment.",
  },
  forbidden: {
    exit: 1,
    hint: "The caller lacks a privilege: registering webhooks needs a security role that can create service endpoints and SDK message processing steps (System Administrator can).",
  },
  "no-omnichannel": {
    exit: 1,
    hint: "msdyn_ocliveworkitem has no message filter here: Omnichannel (Dynamics 365 Customer Service) is not installed in this environment. Install it, or pick the environment where it is.",
  },
  "no-message": { exit: 1, hint: "The SDK message was not found; the environment looks unusual. Check --env." },
  "steps-not-allowed": { exit: 1, hint: "Dataverse does not allow custom steps for this message and table." },
  duplicate: {
    exit: 1,
    hint: "Several rows carry a name this command registers under (names compare case-insensitively); delete the extras in the Plug-in Registration tool, then run again.",
  },
  throttled: {
    exit: 1,
    hint: "Dataverse kept throttling (429) after the retries. Wait a few minutes and run again: the command is idempotent.",
  },
  "changed-meanwhile": { exit: 1, hint: "The row changed between reading and writing it (412). Run again: the command reads it afresh." },
  "endpoint-in-use": {
    exit: 1,
    hint: "Other steps still use the service endpoint; deleting it would delete them too. Remove or move those steps first.",
  },
  dataverse: { exit: 1, hint: "Dataverse refused the request; its error code and message are above." },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class RegistrationError extends Error {
  readonly code: ErrorCode;
  readonly exit: number;
  readonly hint: string;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "RegistrationError";
    this.code = code;
    this.exit = ERRORS[code].exit;
    this.hint = ERRORS[code].hint;
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
