/**
 * A typed RemoteExecutionContext: what Dataverse posts to a webhook (PLATFORM.md §5), after
 * parsing. Property names follow the SDK's IExecutionContext so Dataverse developers recognise them.
 */

/** A column or parameter value, with the WCF `__type` resolved into a tagged shape. */
export type Value =
  | null
  | boolean
  | number
  | string
  | { readonly type: "OptionSetValue"; readonly value: number }
  /** At most MAX_OPTION_VALUES values; `omitted` counts the ones beyond. */
  | { readonly type: "OptionSetValueCollection"; readonly values: readonly number[]; readonly omitted?: number }
  | { readonly type: "EntityReference"; readonly id: string; readonly logicalName: string; readonly name: string | null }
  | { readonly type: "Money"; readonly value: number }
  | { readonly type: "DateTime"; readonly date: Date; readonly offsetMinutes: number | null }
  | { readonly type: "Entity"; readonly entity: Entity }
  | { readonly type: "EntityCollection"; readonly entityName: string | null; readonly entities: readonly Entity[] }
  /** A `__type` this validator has no use for (ColumnSet, QueryExpression, …): kept, never rejected. */
  | { readonly type: "Other"; readonly typeName: string }
  | readonly Value[];

export interface Entity {
  readonly LogicalName: string;
  readonly Id: string | null;
  readonly Attributes: ReadonlyMap<string, Value>;
}

export interface RemoteExecutionContext {
  readonly MessageName: string;
  readonly PrimaryEntityName: string;
  readonly PrimaryEntityId: string | null;
  readonly SecondaryEntityName: string | null;
  readonly Stage: number | null;
  readonly Mode: number | null;
  readonly Depth: number | null;
  readonly CorrelationId: string | null;
  readonly RequestId: string | null;
  readonly OperationId: string | null;
  readonly OperationCreatedOn: Date | null;
  readonly OrganizationId: string | null;
  readonly OrganizationName: string | null;
  readonly BusinessUnitId: string | null;
  readonly UserId: string | null;
  readonly InitiatingUserId: string | null;
  /** Present on current contexts; Omnichannel's own requests start with "Microsoft.CCaaS". */
  readonly InitiatingUserAgent: string | null;
  readonly InputParameters: ReadonlyMap<string, Value>;
  readonly OutputParameters: ReadonlyMap<string, Value>;
  readonly SharedVariables: ReadonlyMap<string, Value>;
  /** In wire order: the first entry is the first image registered on the step. */
  readonly PreEntityImages: ReadonlyMap<string, Entity>;
  readonly PostEntityImages: ReadonlyMap<string, Entity>;
  readonly ParentContext: RemoteExecutionContext | null;
}
