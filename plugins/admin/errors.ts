/**
 * Every way `history` and `stuck` can fail, in one table: code, exit status, what to do. Exit 2 is a
 * mistake in the command line; exit 1 is Dataverse (or the network, or Entra ID) saying no, or a
 * conversation that cannot be answered for. Every Web API failure has its row (the types check it).
 * docs/operations.md lists this table (a drift test checks it).
 */
import { CommandError, type ErrorRow } from "../commandError";
import { WEBAPI_ERRORS, WebApiError, type WebApiErrorCode } from "../webapi/errors";

export const AUDIT_PRIVILEGES =
  "prvReadAuditSummary (View Audit Summary) and prvReadRecordAuditHistory (View Audit History), under Miscellaneous Privileges in the security role";

export const ERRORS = {
  usage: { exit: 2, hint: 'Run "conversation-state <command> --help" for the flags.' },
  "missing-credentials": WEBAPI_ERRORS["missing-credentials"],
  token: WEBAPI_ERRORS.token,
  unreachable: WEBAPI_ERRORS.unreachable,
  timeout: WEBAPI_ERRORS.timeout,
  redirect: WEBAPI_ERRORS.redirect,
  unauthorized: WEBAPI_ERRORS.unauthorized,
  forbidden: {
    exit: 1,
    hint: "The caller lacks a privilege on the table named above. history reads conversations and workstreams; stuck reads conversations, workstreams and queues, and --close writes conversations: give the user a security role with those privileges (System Administrator has them).",
  },
  "audit-privilege": {
    exit: 1,
    hint: `Reading audit history needs ${AUDIT_PRIVILEGES}. In the Power Platform admin center, open the environment's Settings > Users + permissions > Security roles, and give the user a role that has both (System Administrator and System Customizer do).`,
  },
  "auditing-off": {
    exit: 1,
    hint: "Turn auditing on at all three levels (System Administrator or System Customizer): Power Platform admin center > Environments > the environment > Settings > Audit and logs > Audit settings > Start Auditing; Power Apps > Dataverse > Tables > Conversation > Edit table properties > Advanced options > Audit changes to its data; and the Status Reason column > Advanced options > Enable auditing. Only changes made after that are recorded.",
  },
  "not-found": {
    exit: 1,
    hint: "No conversation (msdyn_ocliveworkitem) has that id in this environment: check the id (the activityid, as in the conversation's URL) and --env.",
  },
  "changed-meanwhile": WEBAPI_ERRORS["changed-meanwhile"],
  throttled: WEBAPI_ERRORS.throttled,
  "bad-id": WEBAPI_ERRORS["bad-id"],
  "bad-answer": WEBAPI_ERRORS["bad-answer"],
  dataverse: WEBAPI_ERRORS.dataverse,
  "close-incomplete": {
    exit: 1,
    hint: "Some conversations were not closed (see the summary above). Refused ones carry Dataverse's error (the webhook may have said no: check that the admin is in the webhook's OPERATOR_USER_IDS); run stuck again to retry the rest: it lists them afresh.",
  },
} as const satisfies Record<WebApiErrorCode, ErrorRow> & Record<string, ErrorRow>;

export type AdminErrorCode = keyof typeof ERRORS;

export class AdminError extends CommandError<AdminErrorCode> {
  constructor(code: AdminErrorCode, message: string) {
    super(ERRORS, code, message);
    this.name = "AdminError";
  }
}

export function fromWebApi(error: WebApiError): AdminError {
  return new AdminError(error.code, error.message);
}

/** Prints an error with its hint; the exit status comes from the table. */
export function fail(caught: unknown, err: (text: string) => void): number {
  const error = caught instanceof WebApiError ? fromWebApi(caught) : caught;
  if (error instanceof AdminError) {
    err(`conversation-state: ${error.message}\n  ${error.hint}\n`);
    return error.exit;
  }
  err(`conversation-state: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
  return 1;
}
