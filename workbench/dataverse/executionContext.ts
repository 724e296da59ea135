/**
 * The RemoteExecutionContext a webhook receives (PLATFORM.md §5; "Use webhooks to create external
 * handlers for server events"), serialised as Dataverse's WCF data-contract JSON: `{key, value}`
 * collections, `__type`-tagged values (OptionSetValue, EntityReference, Entity), dates as
 * "/Date(ms)/". A multi-select choice is an OptionSetValueCollection, a collection of OptionSetValue,
 * which this serialiser writes as a JSON array of them (data contracts serialise collections as arrays).
 */
import { propertyOf, type Column, type EntitySet, type EntitySets, type Row } from "./entitySets";

const CONTRACTS = "http://schemas.microsoft.com/xrm/2011/Contracts";

/** Over this size Dataverse removes the parameters, images and parent context, and says so in a header. */
export const MESSAGE_SIZE_LIMIT = 256 * 1024;
export const SIZE_EXCEEDED_HEADER = "x-ms-dynamics-msg-size-exceeded";

export const wcfDate = (iso: string): string => `/Date(${Date.parse(iso)})/`;

const optionSetValue = (value: number) => ({ __type: `OptionSetValue:${CONTRACTS}`, Value: value });

export function sdkValue(sets: EntitySets, column: Column, value: unknown, row: Row): unknown {
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case "choice":
      return optionSetValue(Number(value));
    case "choices":
      return String(value)
        .split(",")
        .map((v) => optionSetValue(Number(v)));
    case "lookup":
      return {
        __type: `EntityReference:${CONTRACTS}`,
        Id: value,
        KeyAttributes: [],
        LogicalName: sets.targetLogical(column, row) ?? null,
        Name: null,
        RowVersion: null,
      };
    case "datetime":
      return wcfDate(String(value));
    default:
      return value;
  }
}

/** An Entity with the given columns' values from `values` (stored form), in the order given. */
export function sdkEntity(sets: EntitySets, set: EntitySet, id: string, values: Row, columns: readonly Column[]): Record<string, unknown> {
  return {
    __type: `Entity:${CONTRACTS}`,
    Attributes: columns.map((column) => ({ key: column.name, value: sdkValue(sets, column, values[propertyOf(column)], values) })),
    EntityState: null,
    FormattedValues: [],
    Id: id,
    KeyAttributes: [],
    LogicalName: set.logical,
    RelatedEntities: [],
    RowVersion: null,
  };
}

export interface ContextInput {
  readonly message: "Create" | "Update";
  readonly stage: number;
  readonly mode: number;
  readonly step: { readonly id: string; readonly name: string };
  readonly set: EntitySet;
  readonly id: string;
  /** The request's columns, in request order (the primary key is added). */
  readonly target: Row;
  readonly preImages: readonly { readonly alias: string; readonly entity: Record<string, unknown> }[];
  readonly postImages: readonly { readonly alias: string; readonly entity: Record<string, unknown> }[];
  readonly userId: string;
  readonly userAgent: string;
  readonly correlationId: string;
  readonly operationId: string;
  readonly requestId: string;
  readonly createdOn: number;
  readonly organizationId: string;
  readonly organizationName: string;
  readonly businessUnitId: string;
}

export function buildContext(sets: EntitySets, input: ContextInput): Record<string, unknown> {
  const { set } = input;
  const columns = Object.keys(input.target)
    .map((property) => sets.column(set, property))
    .filter((c): c is Column => c !== undefined && c.kind !== "key");
  const key = set.columns.find((c) => c.kind === "key") as Column;
  const target = sdkEntity(sets, set, input.id, { ...input.target, [set.key]: input.id }, [...columns, key]);
  return {
    BusinessUnitId: input.businessUnitId,
    CorrelationId: input.correlationId,
    Depth: 1,
    InitiatingUserAgent: input.userAgent,
    InitiatingUserId: input.userId,
    InputParameters: [{ key: "Target", value: target }],
    IsExecutingOffline: false,
    // PreValidation (10) runs before the database transaction; the other stages inside it.
    IsInTransaction: input.stage !== 10,
    IsOfflinePlayback: false,
    IsolationMode: 1,
    MessageName: input.message,
    Mode: input.mode,
    OperationCreatedOn: `/Date(${input.createdOn})/`,
    OperationId: input.operationId,
    OrganizationId: input.organizationId,
    OrganizationName: input.organizationName,
    OutputParameters: [],
    OwningExtension: {
      Id: input.step.id,
      KeyAttributes: [],
      LogicalName: "sdkmessageprocessingstep",
      Name: input.step.name,
      RowVersion: null,
    },
    ParentContext: null,
    PostEntityImages: input.postImages.map((image) => ({ key: image.alias, value: image.entity })),
    PreEntityImages: input.preImages.map((image) => ({ key: image.alias, value: image.entity })),
    PrimaryEntityId: input.id,
    PrimaryEntityName: set.logical,
    RequestId: input.requestId,
    SecondaryEntityName: "none",
    SharedVariables: [],
    Stage: input.stage,
    UserId: input.userId,
  };
}

/** The body to send: over 256 KB, without InputParameters, images and ParentContext (and the header says so). */
export function fitToSize(context: Record<string, unknown>): { body: string; exceeded: boolean } {
  const body = JSON.stringify(context);
  if (Buffer.byteLength(body) <= MESSAGE_SIZE_LIMIT) return { body, exceeded: false };
  const trimmed = { ...context };
  for (const name of ["InputParameters", "PreEntityImages", "PostEntityImages", "ParentContext"]) delete trimmed[name];
  return { body: JSON.stringify(trimmed), exceeded: true };
}
