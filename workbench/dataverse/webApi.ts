/**
 * The Web API under /api/data/v9.2/, framework-free: a request in, a status, headers and JSON body
 * out, in Dataverse's shapes ("Compose HTTP requests and handle errors"). Routes:
 *   <set>, <set>(<id>), <set>/$count          GET / POST / PATCH / DELETE as each table allows
 *   audits(<id>)/Microsoft.Dynamics.CRM.RetrieveAuditDetails[()]
 *   EntityDefinitions…, GlobalOptionSetDefinitions(…)   (metadataRoutes.ts)
 *   WhoAmI, and the service document
 */
import { API_PATH } from "../../plugins/webapi/paths";
import { auditDetails, tableAuditing } from "./audit";
import { readCollection } from "./collection";
import { DataverseError, fail } from "./errors";
import type { EntitySet, Row } from "./entitySets";
import { getMetadata } from "./metadataRoutes";
import { LANGUAGES, DEFAULT_LANGUAGE } from "./optionSets";
import { changesOf, readBody } from "./payload";
import { parsePrefer, parseQueryString, preferenceApplied, queryOptions, MAX_PAGE_SIZE, type Preferences } from "./query";
import { createRow, deleteRow, updateRow, type Core } from "./records";
import { represent, selectColumns, type ReadContext } from "./represent";
import { callerOf, demand, isGuid, privilegeOf, READ_AUDIT, type Caller, type Directory } from "./security";
import { AUDITS, CONVERSATION, ORGANIZATIONS, USERSETTINGS } from "./tables";

/** The Web API's path, as a route prefix (no trailing slash). */
export const API_PREFIX = API_PATH.replace(/\/$/, "");

export interface ApiRequest {
  readonly method: string;
  /** Path and query as received, e.g. /api/data/v9.2/msdyn_ocliveworkitems?$top=1 */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body?: string;
  /** scheme://host the client used, for @odata.context, OData-EntityId and nextLink. */
  readonly origin: string;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** JSON (an object) or text (a string); none for 204/304. */
  readonly body?: Row | string;
}

export interface ApiHost extends Core {
  readonly faults: { take(method: string, path: string): DataverseError | undefined };
  readonly bearerToken?: string;
  directory(): Directory;
  languageOf(userId: string): number;
}

const JSON_TYPE = "application/json; odata.metadata=minimal";
const ODATA = { "OData-Version": "4.0" };

const header = (request: ApiRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
};

function json(status: number, body: Row, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { ...ODATA, "Content-Type": JSON_TYPE, ...headers }, body };
}

const HELP = "http://go.microsoft.com/fwlink/?LinkID=398563&error=Microsoft.Crm.CrmException%3a";

/** Dataverse's error JSON, with the documented detail annotations when the request's Prefer asks for them. */
export function errorResponse(error: DataverseError, prefs?: Preferences): ApiResponse {
  if (error.status === 401)
    return {
      status: 401,
      headers: {
        ...ODATA,
        "WWW-Authenticate": "Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize",
        ...error.headers,
      },
    };
  const body = error.body as { error: Row };
  if (prefs?.annotations("Microsoft.PowerApps.CDS.HelpLink"))
    body.error["@Microsoft.PowerApps.CDS.HelpLink"] = `${HELP}${error.code.slice(2)}&client=platform`;
  if (prefs?.annotations("Microsoft.PowerApps.CDS.InnerError.Message"))
    body.error["@Microsoft.PowerApps.CDS.InnerError.Message"] = error.message;
  return json(error.status, body, { ...error.headers });
}

const KEYED = /^(\w+)(?:\(([^)]*)\))?$/;

export async function handleApi(host: ApiHost, request: ApiRequest): Promise<ApiResponse> {
  let prefs: Preferences | undefined;
  try {
    const token = host.bearerToken;
    if (token !== undefined && header(request, "authorization") !== `Bearer ${token}`) throw fail("unauthorized");
    const question = request.url.indexOf("?");
    const rawPath = question < 0 ? request.url : request.url.slice(0, question);
    const rawQuery = question < 0 ? "" : request.url.slice(question + 1);
    let path: string;
    try {
      path = decodeURIComponent(rawPath.slice(API_PREFIX.length)).replace(/^\//, "");
    } catch {
      throw fail("resourceNotFound", { segment: rawPath });
    }
    const method = request.method.toUpperCase();
    const fault = host.faults.take(method, path);
    if (fault) throw fault;
    prefs = parsePrefer(request.headers.prefer);
    const params = parseQueryString(rawQuery);
    const caller = callerOf(request.headers, host.directory());
    const base = `${request.origin}${API_PREFIX}`;
    const context: ReadContext = {
      sets: host.sets,
      store: host.store,
      lcid: host.languageOf(caller.userId),
      annotations: prefs.annotations,
    };
    return await route(host, { request, method, path, rawQuery, params, prefs, caller, base, context });
  } catch (error) {
    if (error instanceof DataverseError) return errorResponse(error, prefs);
    throw error;
  }
}

interface Routed {
  readonly request: ApiRequest;
  readonly method: string;
  readonly path: string;
  readonly rawQuery: string;
  readonly params: ReadonlyMap<string, string>;
  readonly prefs: Preferences;
  readonly caller: Caller;
  readonly base: string;
  readonly context: ReadContext;
}

function only(method: string, allowed: string[], segment: string): void {
  if (!allowed.includes(method))
    throw fail("methodNotAllowed", { method, segment, allowed: allowed.join(", ") }, { Allow: allowed.join(", ") });
}

async function route(host: ApiHost, r: Routed): Promise<ApiResponse> {
  const segments = r.path === "" ? [] : r.path.split("/");
  const [first = ""] = segments;
  if (segments.length === 0) {
    only(r.method, ["GET"], "/");
    return json(200, {
      "@odata.context": `${r.base}/$metadata`,
      value: host.sets.all.map((s) => ({ name: s.set, kind: "EntitySet", url: s.set })),
    });
  }
  if (first === "$metadata") throw fail("notImplemented", { what: "the CSDL $metadata document" });
  if (first === "WhoAmI" || first === "WhoAmI()") {
    only(r.method, ["GET"], first);
    return json(200, {
      "@odata.context": `${r.base}/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
      BusinessUnitId: host.businessUnitId,
      UserId: r.caller.userId,
      OrganizationId: host.store.rows(ORGANIZATIONS)[0]?.organizationid ?? null,
    });
  }
  if (/^(EntityDefinitions|GlobalOptionSetDefinitions)\b/.test(first)) {
    only(r.method, ["GET"], first);
    const options = queryOptions(r.params, ["$select", "$filter", "$expand"]);
    return json(200, getMetadata({ store: host.store, sets: host.sets, segments, options, lcid: r.context.lcid, base: r.base }));
  }

  const match = KEYED.exec(first);
  const set = match ? host.sets.set(match[1]) : undefined;
  if (!match || !set) throw fail("resourceNotFound", { segment: match?.[1] ?? first });
  const key = match[2]?.replace(/^\{(.*)\}$/, "$1");
  if (key !== undefined && !isGuid(key)) throw fail("invalidKey", { key, set: set.set });
  const id = key?.toLowerCase();

  if (
    set === AUDITS &&
    id !== undefined &&
    segments.length === 2 &&
    /^Microsoft\.Dynamics\.CRM\.RetrieveAuditDetails(\(\))?$/.test(segments[1])
  ) {
    only(r.method, ["GET"], segments[1]);
    demand(r.caller, READ_AUDIT, "audit", host.businessUnitId);
    return json(200, auditDetails(host.store, id, r.context, r.base), applied(r.prefs, {}));
  }
  if (id === undefined && segments.length === 2 && segments[1] === "$count") {
    only(r.method, ["GET"], `${set.set}/$count`);
    demand(r.caller, privilegeOf("Read", set), set.logical, host.businessUnitId);
    return {
      status: 200,
      headers: { ...ODATA, "Content-Type": "text/plain" },
      body: String(Math.min(host.store.rows(set).length, MAX_PAGE_SIZE)),
    };
  }
  if (segments.length > 1)
    throw fail("notImplemented", {
      what: `the path '${r.path}' (single properties, navigation and functions other than those documented)`,
    });

  const allowed = set.methods.filter((m) => (id === undefined ? m === "GET" || m === "POST" : m !== "POST"));
  only(r.method, allowed.length > 0 ? allowed : ["GET"], first);
  return id === undefined ? (r.method === "GET" ? list(host, r, set) : create(host, r, set)) : single(host, r, set, id);
}

function applied(prefs: Preferences, used: { representation?: boolean; pageSize?: boolean }): Record<string, string> {
  const value = preferenceApplied(prefs, used);
  return value ? { "Preference-Applied": value } : {};
}

function list(host: ApiHost, r: Routed, set: EntitySet): ApiResponse {
  demand(r.caller, privilegeOf("Read", set), set.logical, host.businessUnitId);
  const options = queryOptions(r.params, ["$select", "$filter", "$orderby", "$top", "$count", "$skiptoken"]);
  const { body, paged } = readCollection({
    sets: host.sets,
    set,
    rows: host.store.rows(set),
    options,
    prefs: r.prefs,
    context: r.context,
    base: r.base,
    rawQuery: r.rawQuery,
  });
  return json(200, body, applied(r.prefs, { pageSize: paged }));
}

function entityLocation(r: Routed, set: EntitySet, id: string): Record<string, string> {
  return { "OData-EntityId": `${r.base}/${set.set}(${id})` };
}

function representation(host: ApiHost, r: Routed, set: EntitySet, row: Row): Row {
  const options = queryOptions(r.params, ["$select"]);
  const columns = selectColumns(host.sets, set, options.select);
  const selected = options.select ? `(${options.select.join(",")})` : "";
  return { "@odata.context": `${r.base}/$metadata#${set.set}${selected}/$entity`, ...represent(set, row, columns, r.context) };
}

async function create(host: ApiHost, r: Routed, set: EntitySet): Promise<ApiResponse> {
  demand(r.caller, privilegeOf("Create", set), set.logical, host.businessUnitId);
  const values = changesOf(host.sets, host.store, set, readBody(r.request.body, set), "create");
  const row = await createRow(host, set, values, r.caller, { host: new URL(r.request.origin).host });
  const id = String(row[set.key]);
  if (!r.prefs.returnRepresentation) return { status: 204, headers: { ...ODATA, ...entityLocation(r, set, id) } };
  return json(201, representation(host, r, set, row), { ...entityLocation(r, set, id), ...applied(r.prefs, { representation: true }) });
}

function checkSettings(host: ApiHost, r: Routed, set: EntitySet, id: string, values: Row): void {
  if (set === USERSETTINGS && id !== r.caller.userId && r.caller.role !== "admin")
    throw fail("privilegeDenied", {
      userId: r.caller.userId,
      businessUnitId: host.businessUnitId,
      privilege: "prvWriteusersettings",
      entity: "usersettings",
    });
  for (const name of ["uilanguageid", "localeid"])
    if (set === USERSETTINGS && values[name] !== undefined && !LANGUAGES.includes(values[name] as number))
      throw fail("invalidArgument", {
        detail: `${name} ${String(values[name])} is not an enabled language; enabled: ${LANGUAGES.join(", ")} (default ${DEFAULT_LANGUAGE}).`,
      });
}

async function single(host: ApiHost, r: Routed, set: EntitySet, id: string): Promise<ApiResponse> {
  const ifMatch = header(r.request, "if-match");
  const ifNoneMatch = header(r.request, "if-none-match");
  if (r.method === "GET") {
    demand(r.caller, privilegeOf("Read", set), set.logical, host.businessUnitId);
    queryOptions(r.params, ["$select"]);
    const row = host.store.get(set, id);
    if (!row) throw fail("objectDoesNotExist", { entity: set.logical, id });
    const etag = host.store.etag(id);
    // Conditional retrieval: never with annotations ("Perform conditional operations").
    if (ifNoneMatch === etag && r.prefs.annotationsText === undefined) return { status: 304, headers: { ...ODATA, ETag: etag } };
    return json(200, representation(host, r, set, row), { ETag: etag, ...applied(r.prefs, {}) });
  }
  if (r.method === "DELETE") {
    demand(r.caller, privilegeOf("Delete", set), set.logical, host.businessUnitId);
    await deleteRow(host, set, id, { ifMatch });
    return { status: 204, headers: { ...ODATA } };
  }
  demand(r.caller, privilegeOf("Write", set), set.logical, host.businessUnitId);
  const values = changesOf(host.sets, host.store, set, readBody(r.request.body, set), "update");
  checkSettings(host, r, set, id, values);
  const { row, created } = await updateRow(
    host,
    set,
    id,
    values,
    r.caller,
    { host: new URL(r.request.origin).host },
    { ifMatch, ifNoneMatch },
  );
  if (set === ORGANIZATIONS && "isauditenabled" in values)
    host.events.emit({ type: "auditing", organization: row.isauditenabled === true, table: tableAuditing(host.store, CONVERSATION) });
  const location = created ? entityLocation(r, set, id) : {};
  if (!r.prefs.returnRepresentation) return { status: 204, headers: { ...ODATA, ...location } };
  return json(200, representation(host, r, set, row), { ...location, ...applied(r.prefs, { representation: true }) });
}
