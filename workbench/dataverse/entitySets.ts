/**
 * The shape of the tables the local Dataverse serves: columns with their Web API types, which ones
 * a POST or PATCH may carry, lookups with their navigation properties, option sets and audit flags.
 * The tables themselves are data in tables/*.ts; this file holds the types and the lookups over them.
 */

export type Row = Record<string, unknown>;

/** key: the primary key; choice: a picklist (also statecode/statuscode); choices: a multi-select picklist. */
export type ColumnKind = "key" | "guid" | "string" | "int" | "bool" | "datetime" | "choice" | "choices" | "lookup" | "entityname";

export interface OptionDefinition {
  readonly value: number;
  /** The option's label in a language (LCID); English when a language has none. */
  readonly label: (lcid: number) => string;
  /** Status options: the statecode they belong to. */
  readonly state?: number;
  /** State options: their default status reason, and their invariant name. */
  readonly defaultStatus?: number;
  readonly invariantName?: string;
}

export interface OptionSetDefinition {
  readonly name: string;
  readonly type: "Picklist" | "State" | "Status";
  readonly isGlobal: boolean;
  readonly options: () => readonly OptionDefinition[];
}

export interface Column {
  readonly name: string;
  readonly kind: ColumnKind;
  /** English display name (Microsoft's reference for the table). */
  readonly display: string;
  readonly create?: boolean;
  readonly update?: boolean;
  /** authvalue is write-only (IsValidForRead false). */
  readonly read?: boolean;
  readonly required?: boolean;
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  readonly optionSet?: OptionSetDefinition;
  /** Lookups: the target tables' entity set names, and the single-valued navigation property for @odata.bind. */
  readonly targets?: readonly string[];
  readonly nav?: string;
  /** Polymorphic lookups: the target's logical name, read from the row. */
  readonly targetOf?: (row: Row) => string | undefined;
  /** A value the table computes on read (serviceendpoint.isauthvalueset). */
  readonly computed?: (row: Row) => unknown;
  /** AttributeMetadata.IsAuditEnabled. */
  readonly audited?: boolean;
}

export type Method = "GET" | "POST" | "PATCH" | "DELETE";

export interface EntitySet {
  readonly set: string;
  readonly logical: string;
  readonly display: string;
  readonly displayCollection: string;
  readonly key: string;
  readonly primaryName?: string;
  readonly columns: readonly Column[];
  readonly methods: readonly Method[];
  /** EntityMetadata.IsAuditEnabled as shipped (the workbench can switch the conversation table's). */
  readonly audited?: boolean;
  readonly isActivity?: boolean;
  readonly objectTypeCode: number;
  /** Values a new row gets when a POST leaves them out. */
  readonly defaults?: Row;
  /** Rows deleted with this one: [entity set, lookup property pointing here]. */
  readonly cascade?: readonly (readonly [string, string])[];
}

export const isLookup = (column: Column): boolean => column.kind === "lookup";

/** The Web API property of a column: `_x_value` for a lookup ("Lookup properties"), the logical name otherwise. */
export const propertyOf = (column: Column): string => (isLookup(column) ? `_${column.name}_value` : column.name);

export const readable = (column: Column): boolean => column.read !== false;

/** The Edm type a column's values have in $filter and in metadata (AttributeType). */
export function edmTypeOf(column: Column): string {
  switch (column.kind) {
    case "key":
    case "guid":
    case "lookup":
      return "Edm.Guid";
    case "int":
    case "choice":
      return "Edm.Int32";
    case "bool":
      return "Edm.Boolean";
    case "datetime":
      return "Edm.DateTimeOffset";
    default:
      return "Edm.String";
  }
}

export class EntitySets {
  private readonly bySet: ReadonlyMap<string, EntitySet>;
  private readonly byLogical: ReadonlyMap<string, EntitySet>;
  private readonly properties = new Map<EntitySet, ReadonlyMap<string, Column>>();

  constructor(readonly all: readonly EntitySet[]) {
    this.bySet = new Map(all.map((s) => [s.set, s]));
    this.byLogical = new Map(all.map((s) => [s.logical, s]));
    for (const set of all) this.properties.set(set, new Map(set.columns.map((c) => [propertyOf(c), c])));
  }

  set(name: string): EntitySet | undefined {
    return this.bySet.get(name);
  }

  logical(name: string): EntitySet | undefined {
    return this.byLogical.get(name);
  }

  /** The column behind a Web API property name (`_x_value` for lookups). */
  column(set: EntitySet, property: string): Column | undefined {
    return this.properties.get(set)?.get(property);
  }

  /** The lookup column a navigation property writes (`nav@odata.bind`). */
  navigation(set: EntitySet, nav: string): Column | undefined {
    return set.columns.find((c) => c.nav === nav);
  }

  /** The logical name a lookup value points at. */
  targetLogical(column: Column, row: Row): string | undefined {
    if (column.targetOf) return column.targetOf(row);
    const target = column.targets?.[0];
    return target ? this.bySet.get(target)?.logical : undefined;
  }

  /** A row's primary name, for lookups' formatted values. */
  nameOf(set: EntitySet, row: Row | undefined): string | undefined {
    if (!row || !set.primaryName) return undefined;
    const name = row[set.primaryName];
    return typeof name === "string" ? name : undefined;
  }
}

/** Column numbers: the workbench numbers a table's columns in definition order (ColumnNumber, audit attributemask). */
export function columnNumber(set: EntitySet, column: Column): number {
  return set.columns.indexOf(column) + 1;
}
