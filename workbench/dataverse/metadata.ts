/**
 * Table definitions ("Query table definitions using the Web API", "Query metadata using the Web API"):
 *   EntityDefinitions, EntityDefinitions(LogicalName='…') or (<MetadataId>), with $select, $filter, $expand=Attributes
 *   …/Attributes, …/Attributes(LogicalName='…'), and the documented casts
 *   …/Microsoft.Dynamics.CRM.{Status,State,Picklist,MultiSelectPicklist,…}AttributeMetadata with $expand=OptionSet,GlobalOptionSet
 *   GlobalOptionSetDefinitions(Name='…')
 * Option labels carry every language the resx files have (LocalizedLabels) and the caller's
 * (UserLocalizedLabel, from usersettings.uilanguageid). IsAuditEnabled is the managed property
 * "Configure auditing" reads. MetadataIds are stable GUIDs derived from the names.
 */
import { createHash } from "node:crypto";
import { fail } from "./errors";
import { columnNumber, type Column, type EntitySet, type EntitySets, type OptionSetDefinition } from "./entitySets";
import { compileFilter, parseFilter, schemaOf } from "./filter";
import { DEFAULT_LANGUAGE, LANGUAGES } from "./optionSets";
import type { QueryOptions } from "./query";
import { tableAuditing } from "./audit";
import type { Store } from "./store";

type Json = Record<string, unknown>;

export function metadataId(name: string): string {
  const hex = createHash("sha1").update(`workbench:${name}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const localized = (text: string, lcid: number, key: string) => ({
  Label: text,
  LanguageCode: lcid,
  IsManaged: true,
  MetadataId: metadataId(`${key}:${lcid}`),
  HasChanged: null,
});

/** A Label complex type: every language's text, and the caller's (the base language when it has none). */
export function label(text: (lcid: number) => string, key: string, userLcid: number, languages: readonly number[] = LANGUAGES): Json {
  const labels = languages.map((lcid) => localized(text(lcid), lcid, key));
  return {
    LocalizedLabels: labels,
    UserLocalizedLabel: labels.find((l) => l.LanguageCode === userLcid) ?? labels.find((l) => l.LanguageCode === DEFAULT_LANGUAGE) ?? null,
  };
}

const english = (text: string, key: string, userLcid: number) => label(() => text, key, userLcid, [DEFAULT_LANGUAGE]);
const EMPTY_LABEL = { LocalizedLabels: [], UserLocalizedLabel: null };
const managed = (value: boolean, name: string) => ({ Value: value, CanBeChanged: true, ManagedPropertyLogicalName: name });

/** The metadata type of a column: [cast name, AttributeType, AttributeTypeName]. */
export function attributeType(set: EntitySet, column: Column): [string, string, string] {
  switch (column.kind) {
    case "key":
    case "guid":
      return ["UniqueidentifierAttributeMetadata", "Uniqueidentifier", "UniqueidentifierType"];
    case "string":
      return ["StringAttributeMetadata", "String", "StringType"];
    case "int":
      return column.name === "versionnumber"
        ? ["BigIntAttributeMetadata", "BigInt", "BigIntType"]
        : ["IntegerAttributeMetadata", "Integer", "IntegerType"];
    case "bool":
      return ["BooleanAttributeMetadata", "Boolean", "BooleanType"];
    case "datetime":
      return ["DateTimeAttributeMetadata", "DateTime", "DateTimeType"];
    case "choices":
      return ["MultiSelectPicklistAttributeMetadata", "Virtual", "MultiSelectPicklistType"];
    case "entityname":
      return ["EntityNameAttributeMetadata", "EntityName", "EntityNameType"];
    case "lookup":
      return column.name === "ownerid"
        ? ["LookupAttributeMetadata", "Owner", "OwnerType"]
        : ["LookupAttributeMetadata", "Lookup", "LookupType"];
    case "choice":
      if (column.optionSet?.type === "State") return ["StateAttributeMetadata", "State", "StateType"];
      if (column.optionSet?.type === "Status") return ["StatusAttributeMetadata", "Status", "StatusType"];
      return ["PicklistAttributeMetadata", "Picklist", "PicklistType"];
  }
}

export function optionSetMetadata(optionSet: OptionSetDefinition, userLcid: number): Json {
  const key = `optionset:${optionSet.name}`;
  return {
    MetadataId: metadataId(key),
    HasChanged: null,
    IsCustomOptionSet: false,
    IsGlobal: optionSet.isGlobal,
    IsManaged: true,
    Name: optionSet.name,
    ExternalTypeName: null,
    OptionSetType: optionSet.type,
    IntroducedVersion: "1.0",
    ParentOptionSetName: null,
    Description: EMPTY_LABEL,
    DisplayName: english(optionSet.name, `${key}:display`, userLcid),
    IsCustomizable: managed(false, "iscustomizable"),
    Options: optionSet.options().map((option) => ({
      Value: option.value,
      Color: null,
      IsManaged: true,
      ExternalValue: null,
      ParentValues: [],
      Tag: null,
      IsHidden: false,
      MetadataId: null,
      HasChanged: null,
      ...(option.state !== undefined ? { State: option.state, TransitionData: null } : {}),
      ...(option.defaultStatus !== undefined ? { DefaultStatus: option.defaultStatus, InvariantName: option.invariantName } : {}),
      Label: label(option.label, `${key}:${option.value}`, userLcid),
      Description: EMPTY_LABEL,
    })),
  };
}

export function attributeMetadata(store: Store, sets: EntitySets, set: EntitySet, column: Column, userLcid: number): Json {
  const [cast, type, typeName] = attributeType(set, column);
  const key = `attribute:${set.logical}.${column.name}`;
  const out: Json = {
    "@odata.type": `#Microsoft.Dynamics.CRM.${cast}`,
    MetadataId: metadataId(key),
    LogicalName: column.name,
    SchemaName: column.name,
    EntityLogicalName: set.logical,
    AttributeType: type,
    AttributeTypeName: { Value: typeName },
    ColumnNumber: columnNumber(set, column),
    DisplayName: english(column.display, `${key}:display`, userLcid),
    Description: EMPTY_LABEL,
    // The column's own setting ("Configure auditing": each level is set apart): a table switched off leaves its columns' settings as they were.
    IsAuditEnabled: managed(column.audited === true, "canmodifyauditsettings"),
    IsPrimaryId: column.kind === "key",
    IsPrimaryName: column.name === set.primaryName,
    IsValidForCreate: column.create === true,
    IsValidForUpdate: column.update === true,
    IsValidForRead: column.read !== false,
    IsCustomAttribute: column.name.startsWith("msdyn_"),
    RequiredLevel: {
      Value: column.kind === "key" ? "SystemRequired" : column.required ? "ApplicationRequired" : "None",
      CanBeChanged: true,
      ManagedPropertyLogicalName: "canmodifyrequirementlevelsettings",
    },
    AttributeOf: null,
  };
  if (column.kind === "string") out.MaxLength = column.maxLength ?? 4000;
  if (column.kind === "int") Object.assign(out, { MinValue: column.min ?? -2147483648, MaxValue: column.max ?? 2147483647 });
  if (column.kind === "lookup") out.Targets = (column.targets ?? []).map((t) => sets.set(t)?.logical).filter(Boolean);
  if (column.kind === "datetime") Object.assign(out, { Format: "DateAndTime", DateTimeBehavior: { Value: "UserLocal" } });
  return out;
}

export function entityMetadata(store: Store, set: EntitySet, userLcid: number): Json {
  const key = `entity:${set.logical}`;
  return {
    MetadataId: metadataId(key),
    LogicalName: set.logical,
    SchemaName: set.logical,
    EntitySetName: set.set,
    LogicalCollectionName: set.set,
    CollectionSchemaName: set.set,
    PrimaryIdAttribute: set.key,
    PrimaryNameAttribute: set.primaryName ?? null,
    ObjectTypeCode: set.objectTypeCode,
    IsActivity: set.isActivity === true,
    IsCustomEntity: set.logical.startsWith("msdyn_"),
    IsPrivate: false,
    OwnershipType: set.isActivity ? "UserOwned" : "OrganizationOwned",
    DisplayName: english(set.display, `${key}:display`, userLcid),
    DisplayCollectionName: english(set.displayCollection, `${key}:collection`, userLcid),
    Description: EMPTY_LABEL,
    IsAuditEnabled: managed(tableAuditing(store, set), "canmodifyauditsettings"),
    IsOptimisticConcurrencyEnabled: true,
  };
}

/** $select on a metadata object: MetadataId and @odata.type always stay. */
export function selectProperties(object: Json, select: readonly string[] | undefined, typeName: string): Json {
  if (!select) return object;
  const out: Json = {};
  if ("@odata.type" in object) out["@odata.type"] = object["@odata.type"];
  for (const name of select) {
    if (!(name in object)) throw fail("propertyNotFound", { property: name, entity: typeName });
    out[name] = object[name];
  }
  out.MetadataId = object.MetadataId;
  return out;
}

export function filterObjects(objects: readonly Json[], filter: string | undefined, typeName: string): Json[] {
  if (filter === undefined || objects.length === 0) return [...objects];
  const test = compileFilter(parseFilter(filter), schemaOf(typeName, objects[0]));
  return objects.filter((o) => test(o));
}

/** $expand for metadata: Attributes (on an entity), OptionSet and GlobalOptionSet (on an enum attribute). */
export function expansions(expand: string | undefined, allowed: readonly string[]): Map<string, QueryOptions> {
  const out = new Map<string, QueryOptions>();
  if (expand === undefined) return out;
  for (const item of expand.match(/\w+(\([^)]*\))?/g) ?? []) {
    const [, name, inner] = /^(\w+)(?:\((.*)\))?$/.exec(item) as RegExpExecArray;
    if (!allowed.includes(name))
      throw fail("unsupportedQuery", { option: "$expand", what: `$expand=${name}`, supported: allowed.join(", ") || "none here" });
    const options = new Map(
      (inner ?? "")
        .split(";")
        .filter(Boolean)
        .map((o) => o.split("=") as [string, string]),
    );
    out.set(name, { select: options.get("$select")?.split(","), filter: options.get("$filter"), count: false });
  }
  return out;
}
