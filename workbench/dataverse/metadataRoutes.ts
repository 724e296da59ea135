/**
 * Routes under EntityDefinitions and GlobalOptionSetDefinitions (GET only): resolves the path, then
 * answers with metadata.ts's objects, honouring $select, $filter and $expand as documented.
 */
import { fail } from "./errors";
import type { Column, EntitySet, EntitySets } from "./entitySets";
import {
  attributeMetadata,
  attributeType,
  entityMetadata,
  expansions,
  filterObjects,
  metadataId,
  optionSetMetadata,
  selectProperties,
} from "./metadata";
import type { QueryOptions } from "./query";
import type { Store } from "./store";

type Json = Record<string, unknown>;
const CAST = /^Microsoft\.Dynamics\.CRM\.(\w+AttributeMetadata)$/;

/** `Name(Key='value')` or `Name(<guid>)` → [Name, key value]. */
function keyOf(segment: string): [string, string | undefined] {
  const match = /^(\w+)(?:\((?:\w+=)?'?([^')]*)'?\))?$/.exec(segment);
  if (!match) throw fail("resourceNotFound", { segment });
  return [match[1], match[2]];
}

export interface MetadataRequest {
  readonly store: Store;
  readonly sets: EntitySets;
  readonly segments: readonly string[];
  readonly options: QueryOptions;
  readonly lcid: number;
  /** <base>/api/data/v9.2 */
  readonly base: string;
}

function findEntity(sets: EntitySets, key: string | undefined, segment: string): EntitySet {
  const set =
    key === undefined ? undefined : (sets.logical(key) ?? sets.all.find((s) => metadataId(`entity:${s.logical}`) === key.toLowerCase()));
  if (!set) throw fail("resourceNotFound", { segment });
  return set;
}

function findAttribute(set: EntitySet, key: string | undefined, segment: string): Column {
  const column = set.columns.find((c) => c.name === key || metadataId(`attribute:${set.logical}.${c.name}`) === key?.toLowerCase());
  if (!column) throw fail("resourceNotFound", { segment });
  return column;
}

function attributeWithExpand(request: MetadataRequest, set: EntitySet, column: Column, cast: string | undefined): Json {
  const { store, sets, options, lcid } = request;
  const enumCast = cast !== undefined && column.optionSet !== undefined;
  const expand = expansions(options.expand, enumCast ? ["OptionSet", "GlobalOptionSet"] : []);
  const object = selectProperties(attributeMetadata(store, sets, set, column, lcid), options.select, cast ?? "AttributeMetadata");
  if (enumCast && column.optionSet) {
    const optionSet = optionSetMetadata(column.optionSet, lcid);
    if (expand.has("OptionSet")) object.OptionSet = selectProperties(optionSet, expand.get("OptionSet")?.select, "OptionSetMetadata");
    if (expand.has("GlobalOptionSet"))
      object.GlobalOptionSet = column.optionSet.isGlobal
        ? selectProperties(optionSet, expand.get("GlobalOptionSet")?.select, "OptionSetMetadata")
        : null;
  }
  return object;
}

export function getMetadata(request: MetadataRequest): Json {
  const { store, sets, segments, options, lcid, base } = request;
  const [first, ...rest] = segments;
  const [name, key] = keyOf(first);
  const context = (path: string) => `${base}/$metadata#${path}`;

  if (name === "GlobalOptionSetDefinitions") {
    const optionSet = sets.all
      .flatMap((s) => s.columns)
      .map((c) => c.optionSet)
      .find((o) => o?.isGlobal && (o.name === key || metadataId(`optionset:${o.name}`) === key));
    if (!optionSet || rest.length > 0) throw fail("resourceNotFound", { segment: segments.join("/") });
    return {
      "@odata.context": context("GlobalOptionSetDefinitions/$entity"),
      ...selectProperties(optionSetMetadata(optionSet, lcid), options.select, "OptionSetMetadata"),
    };
  }
  if (name !== "EntityDefinitions") throw fail("resourceNotFound", { segment: first });

  if (key === undefined) {
    if (rest.length > 0) throw fail("resourceNotFound", { segment: segments.join("/") });
    const all = sets.all.map((s) => entityMetadata(store, s, lcid));
    const value = filterObjects(all, options.filter, "EntityMetadata").map((o) => selectProperties(o, options.select, "EntityMetadata"));
    return { "@odata.context": context(`EntityDefinitions(${options.select?.join(",") ?? ""})`), value };
  }

  const set = findEntity(sets, key, first);
  if (rest.length === 0) {
    const expand = expansions(options.expand, ["Attributes"]);
    const out: Json = selectProperties(entityMetadata(store, set, lcid), options.select, "EntityMetadata");
    const attributes = expand.get("Attributes");
    if (attributes) {
      const all = set.columns.map((c) => attributeMetadata(store, sets, set, c, lcid));
      out.Attributes = filterObjects(all, attributes.filter, "AttributeMetadata").map((o) =>
        selectProperties(o, attributes.select, "AttributeMetadata"),
      );
    }
    return { "@odata.context": context(`EntityDefinitions(${options.select?.join(",") ?? ""})/$entity`), ...out };
  }

  const [attributesName, attributeKey] = keyOf(rest[0]);
  if (attributesName !== "Attributes") throw fail("resourceNotFound", { segment: rest[0] });
  if (attributeKey === undefined) {
    const castSegment = rest[1];
    const cast = castSegment === undefined ? undefined : CAST.exec(castSegment)?.[1];
    if (rest.length > 2 || (castSegment !== undefined && cast === undefined))
      throw fail("resourceNotFound", { segment: segments.join("/") });
    const columns = set.columns.filter((c) => cast === undefined || attributeType(set, c)[0] === cast);
    const full = columns.map((c) => attributeMetadata(store, sets, set, c, lcid));
    const kept = new Set(filterObjects(full, options.filter, cast ?? "AttributeMetadata").map((o) => o.LogicalName));
    const value = columns.filter((c) => kept.has(c.name)).map((c) => attributeWithExpand(request, set, c, cast));
    return {
      "@odata.context": context(`EntityDefinitions('${set.logical}')/Attributes${cast ? `/Microsoft.Dynamics.CRM.${cast}` : ""}`),
      value,
    };
  }

  const column = findAttribute(set, attributeKey, rest[0]);
  const castSegment = rest[1];
  const cast = castSegment === undefined ? undefined : CAST.exec(castSegment)?.[1];
  if (castSegment !== undefined && (cast === undefined || attributeType(set, column)[0] !== cast))
    throw fail("resourceNotFound", { segment: `${rest[0]}/${castSegment}` });
  const path = `EntityDefinitions('${set.logical}')/Attributes${cast ? `/Microsoft.Dynamics.CRM.${cast}` : ""}`;
  if (rest.length <= 2) return { "@odata.context": context(`${path}/$entity`), ...attributeWithExpand(request, set, column, cast) };
  if (rest.length === 3 && cast && column.optionSet && (rest[2] === "OptionSet" || rest[2] === "GlobalOptionSet")) {
    return {
      "@odata.context": context(`${path}/${rest[2]}/$entity`),
      ...selectProperties(optionSetMetadata(column.optionSet, lcid), options.select, "OptionSetMetadata"),
    };
  }
  throw fail("resourceNotFound", { segment: segments.join("/") });
}
