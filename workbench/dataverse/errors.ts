/**
 * Every error the local Dataverse answers, in one table (the Fastify habit): HTTP status, Dataverse's
 * hex code, a message template, and where the pairing comes from:
 *   documented  Microsoft's docs name the code and message ("Web service error codes", or the page named)
 *   observed    the code appears in real Dataverse answers that clients report (not in the code list)
 *   workbench   Dataverse documents nothing for this case: the workbench's own choice, kept stable
 * Answers are `{"error":{"code":"0x…","message":"…"}}` ("Compose HTTP requests and handle errors").
 */

export type Source = "documented" | "observed" | "workbench";

export interface ErrorDefinition {
  readonly status: number;
  readonly code: string;
  /** `{name}` placeholders are filled from the values given to `fail`. */
  readonly message: string;
  readonly source: Source;
  readonly reference: string;
}

const CODES = "Web service error codes";
const HANDLE = "Compose HTTP requests and handle errors";
const CONDITIONAL = "Perform conditional operations using the Web API";
/** The OData layer's answers carry 0x80060888 in real responses (the code is absent from the code list). */
const ODATA = "0x80060888";
/** "Error identified in Payload provided by the user …": Dataverse's wrapper around OData payload errors. */
const PAYLOAD = "0x80048d19";

export const ERRORS = {
  resourceNotFound: {
    status: 404,
    code: ODATA,
    message: "Resource not found for the segment '{segment}'.",
    source: "observed",
    reference: HANDLE,
  },
  propertyNotFound: {
    status: 400,
    code: ODATA,
    message: "Could not find a property named '{property}' on type 'Microsoft.Dynamics.CRM.{entity}'.",
    source: "observed",
    reference: "Query data using the Web API",
  },
  querySyntax: {
    status: 400,
    code: ODATA,
    message: "Syntax error in the query option {option} at position {position}: {detail}",
    source: "observed",
    reference: "Query data using the Web API",
  },
  unsupportedQuery: {
    status: 400,
    code: ODATA,
    message:
      "The query option {option} uses {what}, which the workbench's local Dataverse does not support. It supports: {supported}. See docs/workbench.md.",
    source: "workbench",
    reference: "docs/workbench.md, The local Dataverse",
  },
  duplicateQueryOption: {
    status: 400,
    code: ODATA,
    message: "Query option '{option}' was specified more than once, but it must be specified at most once.",
    source: "observed",
    reference: "Query data using the Web API",
  },
  incompatibleTypes: {
    status: 400,
    code: ODATA,
    message:
      "A binary operator with incompatible types was detected. Found operand types '{left}' and '{right}' for operator kind '{operator}'.",
    source: "observed",
    reference: "Query data using the Web API",
  },
  invalidKey: {
    status: 400,
    code: ODATA,
    message:
      "Bad Request - Error in query syntax: the key '{key}' of '{set}' is not a GUID (expected e.g. {set}(00000000-0000-0000-0000-000000000000)).",
    source: "observed",
    reference: "Retrieve a table row using the Web API",
  },
  payload: {
    status: 400,
    code: PAYLOAD,
    message:
      "Error identified in Payload provided by the user for Entity :'{set}', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293  ---->  InnerException : Microsoft.OData.ODataException: {detail}",
    source: "observed",
    reference: "Create a table row using the Web API",
  },
  invalidBind: {
    status: 400,
    code: "0x80090800",
    message: "Invalid url value '{value}' for lookup property '{property}'. Use /{set}(<id>).",
    source: "documented",
    reference: `${CODES} (InvalidUrlForODataBindProperty); Associate table rows on create`,
  },
  invalidStateStatus: {
    status: 400,
    code: "0x80048408",
    message: "State code is invalid or state code is valid but status code is invalid for a specified state code. {detail}",
    source: "documented",
    reference: `${CODES} (InvalidStateCodeStatusCode); PLATFORM.md §4`,
  },
  optionOutOfRange: {
    status: 400,
    code: "0x80061005",
    message: "The value is out of range. {detail}",
    source: "documented",
    reference: `${CODES} (OptionSetValidationFailed)`,
  },
  invalidArgument: {
    status: 400,
    code: "0x80040203",
    message: "Invalid argument. {detail}",
    source: "documented",
    reference: `${CODES} (InvalidArgument)`,
  },
  invalidPagingCookie: {
    status: 400,
    code: "0x8004112A",
    message: "Invalid page number in paging cookie. Use the @odata.nextLink exactly as it was returned.",
    source: "documented",
    reference: `${CODES} (QueryBuilderInvalidPagingCookie); Page results`,
  },
  invalidCallerId: {
    status: 400,
    code: "0x80048d1A",
    message: "CallerId provided for impersonation is invalid. {detail}",
    source: "documented",
    reference: `${CODES} (InvalidCallerId); Impersonate another user using the Web API`,
  },
  objectDoesNotExist: {
    status: 404,
    code: "0x80040217",
    message: "{entity} With Id = {id} Does Not Exist",
    source: "documented",
    reference: CONDITIONAL,
  },
  privilegeDenied: {
    status: 403,
    code: "0x80040220",
    message:
      "Principal user (Id={userId}, type=8, roleCount=1, businessUnitId={businessUnitId}) is missing {privilege} privilege on entity '{entity}'. Ask an administrator for a security role that grants it.",
    source: "documented",
    reference: `${CODES} (PrivilegeDenied); ${HANDLE} (403)`,
  },
  cannotActOnBehalf: {
    status: 403,
    code: "0x8004A110",
    message: "User does not have the privilege to act on behalf another user. {detail}",
    source: "documented",
    reference: `${CODES} (CannotActOnBehalfOfAnotherUser); Impersonate another user using the Web API`,
  },
  concurrencyMismatch: {
    status: 412,
    code: "0x80060882",
    message: "The version of the existing record doesn't match the RowVersion property provided.",
    source: "documented",
    reference: `${CODES} (ConcurrencyVersionMismatch); ${CONDITIONAL}`,
  },
  duplicateRecord: {
    status: 412,
    code: "0x80040237",
    message: "A record with matching key values already exists.",
    source: "documented",
    reference: `${CONDITIONAL} (Prevent update in upsert); ${HANDLE} (412 DuplicateRecord)`,
  },
  methodNotAllowed: {
    status: 405,
    code: ODATA,
    message: "The HTTP method '{method}' is not allowed on '{segment}'. Allowed: {allowed}.",
    source: "observed",
    reference: `${HANDLE} (405)`,
  },
  bodyTooLarge: {
    status: 413,
    code: ODATA,
    message: "The request body is larger than {limit} bytes.",
    source: "workbench",
    reference: `${HANDLE} (413: the status is documented, the code is not)`,
  },
  unauthorized: {
    status: 401,
    code: "0x80040204",
    message: "The bearer token is missing or is not the one this local Dataverse was started with.",
    source: "documented",
    reference: `${HANDLE} (401)`,
  },
  throttled: {
    status: 429,
    code: "0x80072322",
    message: "Number of requests exceeded the limit of 6000 over time window of 300 seconds.",
    source: "documented",
    reference: "Service protection API limits",
  },
  notImplemented: {
    status: 501,
    code: ODATA,
    message: "The workbench's local Dataverse does not implement {what}. See docs/workbench.md for what it answers.",
    source: "workbench",
    reference: `${HANDLE} (501)`,
  },
  webhookFailed: {
    status: 400,
    code: "0x80040265",
    message:
      "ISV code aborted the operation. The synchronous webhook of step '{step}' answered {answer}; the change was rolled back. Dataverse does not read a webhook's answer body: see the webhook's log (or /workbench/api/callouts) for its reason.",
    source: "workbench",
    reference:
      "Use webhooks to create external handlers for server events (no caller error is documented; IsvAborted is the code of a plug-in that cancels)",
  },
  internal: {
    status: 500,
    code: "0x80040216",
    message: "An unexpected error occurred: {detail}",
    source: "workbench",
    reference: CODES,
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorName = keyof typeof ERRORS;

export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)).trim();
}

/** A Dataverse answer that is not a success: thrown anywhere, turned into the error JSON at the edge. */
export class DataverseError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "DataverseError";
  }

  get body(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export function fail(
  name: ErrorName,
  values: Readonly<Record<string, string | number>> = {},
  headers?: Record<string, string>,
): DataverseError {
  const definition: ErrorDefinition = ERRORS[name];
  return new DataverseError(definition.status, definition.code, fill(definition.message, values), headers);
}

/** The payload wrapper with an OData inner message. */
export const payloadError = (set: string, detail: string): DataverseError => fail("payload", { set, detail });

export const unknownProperty = (set: string, entity: string, property: string): DataverseError =>
  payloadError(
    set,
    `The property '${property}' does not exist on type 'Microsoft.Dynamics.CRM.${entity}'. Make sure to only use property names that are defined by the type.`,
  );
