/**
 * What we register, as data: one webhook service endpoint, a step on Update (with a pre-image) and a
 * step on Create of msdyn_ocliveworkitem. Column names and option values are the documented Web API
 * ones (serviceendpoint, sdkmessageprocessingstep, sdkmessageprocessingstepimage table references).
 * Rows are found again by name, so the names below are the registration's identity: never change them
 * without a migration, or a second run would create a second set.
 */
import { CONVERSATION_TABLE, PRE_IMAGE_COLUMNS } from "../validate-status-change";

/** The table the webhook validates: the steps are registered on it. */
export const TABLE = CONVERSATION_TABLE;

/** serviceendpoint.contract: 8 Webhook. */
export const CONTRACT_WEBHOOK = 8;
/** serviceendpoint.authtype: 4 Webhook Key (Dataverse appends ?code=<authvalue> to the URL). */
export const AUTHTYPE_WEBHOOK_KEY = 4;
/** serviceendpoint.messageformat: 2 Json. */
export const MESSAGEFORMAT_JSON = 2;
/** serviceendpoint.authvalue MaxLength. */
export const KEY_MAX_LENGTH = 2048;
/** sdkmessageprocessingstep.stage: 10 Pre-validation (before the transaction, so a denial costs nothing). */
export const STAGE_PREVALIDATION = 10;
/** sdkmessageprocessingstep.mode: 0 Synchronous (an asynchronous step cannot stop the change). */
export const MODE_SYNCHRONOUS = 0;
/** sdkmessageprocessingstep.supporteddeployment: 0 Server Only. */
export const DEPLOYMENT_SERVER_ONLY = 0;
/** sdkmessageprocessingstep.statecode: 1 Disabled. */
export const STEP_DISABLED = 1;
/** sdkmessageprocessingstepimage.imagetype: 0 PreImage. */
export const IMAGETYPE_PRE = 0;

export const ENDPOINT_NAME = "ocs conversation state webhook";

export type MessageName = "Update" | "Create";

export interface ImageSpec {
  readonly name: string;
  /** The key under which the webhook finds the image in PreEntityImages. */
  readonly entityalias: string;
  /** The message's input parameter the image is taken of: Target for Update. */
  readonly messagepropertyname: string;
  readonly attributes: string;
}

export interface StepSpec {
  readonly message: MessageName;
  readonly name: string;
  /** Update only: run when one of these columns is in the request. */
  readonly filteringattributes?: string;
  readonly image?: ImageSpec;
}

export const PRE_IMAGE: ImageSpec = {
  name: "ocs conversation state pre-image",
  entityalias: "PreImage",
  messagepropertyname: "Target",
  attributes: PRE_IMAGE_COLUMNS.join(","),
};

/** In registration order; --unregister removes them in reverse (image first, endpoint last). */
export const STEPS: readonly StepSpec[] = [
  {
    message: "Update",
    name: `ocs conversation state: Update of ${TABLE}`,
    filteringattributes: "statuscode,statecode",
    image: PRE_IMAGE,
  },
  // A conversation created straight into a status is checked too; Create has no pre-image.
  { message: "Create", name: `ocs conversation state: Create of ${TABLE}` },
];

export const DEFAULT_RANK = 1;
export const DEFAULT_KEY_ENV = "WEBHOOK_KEY";

/** The serviceendpoint columns we own; authvalue is write-only (IsValidForRead False). */
export function endpointColumns(url: string): Record<string, string | number> {
  return {
    name: ENDPOINT_NAME,
    contract: CONTRACT_WEBHOOK,
    authtype: AUTHTYPE_WEBHOOK_KEY,
    messageformat: MESSAGEFORMAT_JSON,
    url,
  };
}

export function stepColumns(step: StepSpec, rank: number): Record<string, string | number> {
  const columns: Record<string, string | number> = {
    name: step.name,
    stage: STAGE_PREVALIDATION,
    mode: MODE_SYNCHRONOUS,
    rank,
    supporteddeployment: DEPLOYMENT_SERVER_ONLY,
  };
  if (step.filteringattributes !== undefined) columns.filteringattributes = step.filteringattributes;
  return columns;
}

export function imageColumns(image: ImageSpec): Record<string, string | number> {
  return {
    name: image.name,
    imagetype: IMAGETYPE_PRE,
    entityalias: image.entityalias,
    messagepropertyname: image.messagepropertyname,
    attributes: image.attributes,
  };
}
