/**
 * Every way registration can fail, in one table: a code, the exit status and what to do about it.
 * Exit 2 is a mistake in the command line or environment variables; exit 1 is Dataverse (or the
 * network, or Entra ID) saying no. Docs and tests read this table, so a new failure is added here.
 * Every Web API failure has its row (the types check it), most with the client's own hint.
 */
import { CommandError, type ErrorRow } from "../commandError";
import { WEBAPI_ERRORS, type WebApiError, type WebApiErrorCode } from "../webapi/errors";

export const ERRORS = {
  usage: { exit: 2, hint: "Run with --help for the flags and environment variables." },
  "missing-key": {
    exit: 2,
    hint: "Set the webhook key in the environment variable (never as a flag): the same key the webhook checks in ?code=.",
  },
  "missing-credentials": WEBAPI_ERRORS["missing-credentials"],
  token: WEBAPI_ERRORS.token,
  unreachable: WEBAPI_ERRORS.unreachable,
  timeout: WEBAPI_ERRORS.timeout,
  redirect: WEBAPI_ERRORS.redirect,
  unauthorized: WEBAPI_ERRORS.unauthorized,
  forbidden: {
    exit: 1,
    hint: "The caller lacks a privilege: registering webhooks needs a security role that can create service endpoints and SDK message processing steps (System Administrator can); --discover-platform-users needs read access to conversations and users.",
  },
  "not-found": WEBAPI_ERRORS["not-found"],
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
  "changed-meanwhile": WEBAPI_ERRORS["changed-meanwhile"],
  "endpoint-in-use": {
    exit: 1,
    hint: "Other steps still use the service endpoint; deleting it would delete them too. Remove or move those steps first.",
  },
  "bad-id": WEBAPI_ERRORS["bad-id"],
  "bad-answer": WEBAPI_ERRORS["bad-answer"],
  dataverse: WEBAPI_ERRORS.dataverse,
} as const satisfies Record<WebApiErrorCode, ErrorRow> & Record<string, ErrorRow>;

export type ErrorCode = keyof typeof ERRORS;

export class RegistrationError extends CommandError<ErrorCode> {
  constructor(code: ErrorCode, message: string) {
    super(ERRORS, code, message);
    this.name = "RegistrationError";
  }
}

/** A Web API failure, in this command's words. */
export function fromWebApi(error: WebApiError): RegistrationError {
  return new RegistrationError(error.code, error.message);
}
