/**
 * One table of the webhook's own answers: code → HTTP status and message template. The model's
 * reason codes (allowed, not-for-channel, …) keep their table in plugins/lifecycle/codes.ts and
 * their text in the resx files; everything the host adds is here. docs/webhook.md lists every code
 * (a drift test checks it).
 */
import { PRE_IMAGE_COLUMNS, type Gap, type PluginCode } from "../validate-status-change";

export type HttpErrorCode =
  | "malformed-json"
  | "not-a-context"
  | "missing-key"
  | "bad-key"
  | "body-too-large"
  | "unsupported-media-type"
  | "not-found"
  | "method-not-allowed"
  | "shutting-down"
  | "internal";

export type WebhookCode = HttpErrorCode | PluginCode;

export interface WebhookError {
  readonly status: number;
  /** {detail}, {limit}, {allow}, {from}, {to}, {state}, {gap} are filled in when known. */
  readonly message: string;
}

export const WEBHOOK_ERRORS: Readonly<Record<WebhookCode, WebhookError>> = {
  "malformed-json": { status: 400, message: "The body is not valid JSON ({detail}). Dataverse posts the execution context as JSON." },
  "not-a-context": { status: 400, message: "The body is JSON but not a Dataverse RemoteExecutionContext: {detail}." },
  "missing-key": {
    status: 401,
    message: "No webhook key: send it as the code query parameter (WebhookKey) or the x-webhook-key header (HttpHeader).",
  },
  "bad-key": {
    status: 401,
    message:
      "The webhook key is not one of WEBHOOK_KEYS. Check the service endpoint's AuthValue (register-webhook --rotate-key writes it).",
  },
  "body-too-large": { status: 413, message: "The body is larger than {limit} bytes; a Dataverse context is at most 256 KB." },
  "unsupported-media-type": { status: 415, message: "Send the context as application/json ({detail})." },
  "not-found": { status: 404, message: "Nothing here. The validator listens on POST /api/validate-status-change; health on GET /healthz." },
  "method-not-allowed": { status: 405, message: "Use {allow} on this path." },
  "shutting-down": {
    status: 503,
    message: "This instance is shutting down; Dataverse retries a 503 once, and another instance answers.",
  },
  internal: { status: 500, message: "The validator failed unexpectedly; the request id is in the server log." },
  "not-applicable": { status: 200, message: "Not a status change on a conversation: nothing to check." },
  "no-status-change": { status: 200, message: "The request does not change the status reason." },
  "validation-off": { status: 200, message: "Validation is off (MODE=off)." },
  "operator-close": {
    status: 200,
    message: "An operator listed in OPERATOR_USER_IDS closed the conversation from {from}, with an operator's status change reason.",
  },
  "insufficient-context": { status: 422, message: "The status change cannot be checked: {gap}" },
  "state-mismatch": {
    status: 422,
    message: "Status reason {to} does not belong to state {state}; Dataverse pairs every status reason with one state.",
  },
};

/** Why the context was not enough, and what the administrator does about it. */
export const GAPS: Readonly<Record<Gap, string>> = {
  "size-exceeded": "the context was over 256 KB, so Dataverse removed its parameters and images (x-ms-dynamics-msg-size-exceeded).",
  "no-pre-image": `the step has no pre-image. Register one with the columns ${PRE_IMAGE_COLUMNS.slice(0, -1).join(", ")} and ${PRE_IMAGE_COLUMNS[PRE_IMAGE_COLUMNS.length - 1]}.`,
  "no-target": "the request has no Target.",
  "no-status-in-pre-image": "the pre-image has no statuscode. Add statuscode to the image's columns.",
  "no-state-parameter": "the SetState request has no State parameter.",
  "unreadable-value": "a value the check reads is not in Dataverse's format:",
};

export const ERROR_CODES = Object.keys(WEBHOOK_ERRORS) as WebhookCode[];
