/**
 * A local stand-in for the Dataverse Web API on 127.0.0.1, for the registration tests (Dataverse
 * itself cannot run here). It implements the five entity sets the command uses as the Web API
 * documents them: GET with $select/$filter (eq, and; unknown columns rejected), POST answering 204
 * with OData-EntityId, PATCH and DELETE honouring If-Match (412 on a stale etag), @odata.bind
 * checked against existing rows, write-only authvalue, cascading deletes, and the error shapes
 * ({"error":{"code","message"}}, 401 without a body, 429 with Retry-After). Every request is logged.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";

type Row = Record<string, unknown>;

interface EntitySet {
  readonly logical: string;
  readonly id: string;
  /** Columns a GET may $select or $filter on. */
  readonly readable: readonly string[];
  /** Columns a POST/PATCH may carry. */
  readonly writable: readonly string[];
  /** Lookups: navigation property → [value property, target entity set]. */
  readonly navs: Record<string, readonly [string, string]>;
  readonly required: readonly string[];
  readonly defaults?: Row;
  readonly readOnly?: boolean;
}

export const SETS: Record<string, EntitySet> = {
  sdkmessages: {
    logical: "sdkmessage",
    id: "sdkmessageid",
    readable: ["sdkmessageid", "name"],
    writable: [],
    navs: {},
    required: [],
    readOnly: true,
  },
  sdkmessagefilters: {
    logical: "sdkmessagefilter",
    id: "sdkmessagefilterid",
    readable: ["sdkmessagefilterid", "_sdkmessageid_value", "primaryobjecttypecode", "iscustomprocessingstepallowed"],
    writable: [],
    navs: {},
    required: [],
    readOnly: true,
  },
  serviceendpoints: {
    logical: "serviceendpoint",
    id: "serviceendpointid",
    readable: [
      "serviceendpointid",
      "name",
      "contract",
      "authtype",
      "messageformat",
      "url",
      "isauthvalueset",
      "description",
      "connectionmode",
    ],
    writable: ["name", "contract", "authtype", "messageformat", "url", "authvalue", "description", "connectionmode"],
    navs: {},
    required: ["name", "contract"],
  },
  sdkmessageprocessingsteps: {
    logical: "sdkmessageprocessingstep",
    id: "sdkmessageprocessingstepid",
    readable: [
      "sdkmessageprocessingstepid",
      "name",
      "stage",
      "mode",
      "rank",
      "supporteddeployment",
      "filteringattributes",
      "statecode",
      "statuscode",
      "asyncautodelete",
      "_eventhandler_value",
      "_sdkmessageid_value",
      "_sdkmessagefilterid_value",
    ],
    writable: [
      "name",
      "stage",
      "mode",
      "rank",
      "supporteddeployment",
      "filteringattributes",
      "statecode",
      "statuscode",
      "asyncautodelete",
      "description",
    ],
    navs: {
      eventhandler_serviceendpoint: ["_eventhandler_value", "serviceendpoints"],
      sdkmessageid: ["_sdkmessageid_value", "sdkmessages"],
      sdkmessagefilterid: ["_sdkmessagefilterid_value", "sdkmessagefilters"],
    },
    required: ["name", "stage", "mode", "rank", "_eventhandler_value", "_sdkmessageid_value"],
    defaults: { statecode: 0, statuscode: 1, asyncautodelete: false, supporteddeployment: 0, filteringattributes: null },
  },
  sdkmessageprocessingstepimages: {
    logical: "sdkmessageprocessingstepimage",
    id: "sdkmessageprocessingstepimageid",
    readable: [
      "sdkmessageprocessingstepimageid",
      "name",
      "imagetype",
      "entityalias",
      "messagepropertyname",
      "attributes",
      "_sdkmessageprocessingstepid_value",
    ],
    writable: ["name", "imagetype", "entityalias", "messagepropertyname", "attributes", "description"],
    navs: { sdkmessageprocessingstepid: ["_sdkmessageprocessingstepid_value", "sdkmessageprocessingsteps"] },
    required: ["name", "imagetype", "entityalias", "messagepropertyname", "_sdkmessageprocessingstepid_value"],
  },
};

export interface LoggedRequest {
  readonly method: string;
  /** After /api/data/v9.2/, percent-decoded. */
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  readonly body?: Row;
}

export interface FakeOptions {
  readonly token?: string;
  /** false: no message filters for msdyn_ocliveworkitem, as in an environment without Omnichannel. */
  readonly omnichannel?: boolean;
  /** Answer writes with 403, as for a user without the privileges. */
  readonly forbidWrites?: boolean;
  /** Answer this many requests with 429 first. */
  readonly throttle?: number;
  readonly retryAfter?: string;
}

export interface FakeDataverse {
  readonly url: string;
  readonly requests: LoggedRequest[];
  readonly rows: Record<string, Map<string, Row>>;
  readonly ids: { update: string; create: string; updateFilter: string; createFilter: string };
  insert(set: string, row: Row): string;
  /** Someone else edits the row: its etag changes. */
  touch(id: string): void;
  close(): Promise<void>;
}

export const TOKEN = "test-token-not-a-secret";

class Reply extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const notFound = (set: string, id: string) => new Reply(404, "0x80040217", `${SETS[set].logical} With Id = ${id} Does Not Exist`);
const badProperty = (set: string, column: string) =>
  new Reply(400, "0x80060888", `Could not find a property named '${column}' on type 'Microsoft.Dynamics.CRM.${SETS[set].logical}'.`);

/** $filter: `column eq literal` joined by `and`; literals are 'text' (quotes doubled), guids, numbers, booleans. */
export function parseFilter(set: string, filter: string): (row: Row) => boolean {
  const clauses = filter.split(/\s+and\s+/).map((clause) => {
    const match = clause.trim().match(/^(\w+) eq (?:'((?:[^']|'')*)'|([0-9a-fA-F-]{36})|(-?\d+)|(true|false|null))$/);
    if (!match) throw new Reply(400, "0x80060888", `Syntax error: the query option $filter has an unsupported clause "${clause}".`);
    const [, column, text, guid, number, keyword] = match;
    if (!SETS[set].readable.includes(column)) throw badProperty(set, column);
    const wanted =
      text !== undefined
        ? text.replace(/''/g, "'")
        : (guid ?? (number !== undefined ? Number(number) : keyword === "null" ? null : keyword === "true"));
    // Dataverse compares text case-insensitively.
    return (row: Row) =>
      typeof wanted === "string" ? String(row[column] ?? "").toLowerCase() === wanted.toLowerCase() : row[column] === wanted;
  });
  return (row) => clauses.every((test) => test(row));
}

export async function startFakeDataverse(options: FakeOptions = {}): Promise<FakeDataverse> {
  const token = options.token ?? TOKEN;
  const rows: Record<string, Map<string, Row>> = Object.fromEntries(Object.keys(SETS).map((set) => [set, new Map<string, Row>()]));
  const versions = new Map<string, number>();
  const requests: LoggedRequest[] = [];
  let throttled = 0;

  const insert = (set: string, row: Row) => {
    const id = String(row[SETS[set].id] ?? randomUUID());
    rows[set].set(id, { ...SETS[set].defaults, ...row, [SETS[set].id]: id });
    versions.set(id, 1000 + versions.size);
    return id;
  };
  const etag = (id: string) => `W/"${versions.get(id)}"`;
  const ids = {
    update: insert("sdkmessages", { name: "Update" }),
    create: insert("sdkmessages", { name: "Create" }),
    updateFilter: "",
    createFilter: "",
  };
  insert("sdkmessages", { name: "Delete" });
  insert("sdkmessagefilters", { _sdkmessageid_value: ids.update, primaryobjecttypecode: "account", iscustomprocessingstepallowed: true });
  if (options.omnichannel !== false) {
    ids.updateFilter = insert("sdkmessagefilters", {
      _sdkmessageid_value: ids.update,
      primaryobjecttypecode: "msdyn_ocliveworkitem",
      iscustomprocessingstepallowed: true,
    });
    ids.createFilter = insert("sdkmessagefilters", {
      _sdkmessageid_value: ids.create,
      primaryobjecttypecode: "msdyn_ocliveworkitem",
      iscustomprocessingstepallowed: true,
    });
  }

  const project = (set: string, row: Row, select: string[] | undefined): Row => {
    const id = String(row[SETS[set].id]);
    const visible: Row = { "@odata.etag": etag(id) };
    const full = set === "serviceendpoints" ? { ...row, isauthvalueset: typeof row.authvalue === "string" && row.authvalue !== "" } : row;
    for (const column of select ?? SETS[set].readable) visible[column] = full[column] ?? null;
    return visible;
  };

  /** Columns and binds of a POST/PATCH body, checked like Dataverse checks them. */
  const applyBody = (set: string, body: Row): Row => {
    const values: Row = {};
    for (const [key, value] of Object.entries(body)) {
      const bind = key.match(/^(\w+)@odata\.bind$/);
      if (bind) {
        const nav = SETS[set].navs[bind[1]];
        if (!nav)
          throw new Reply(
            400,
            "0x80060888",
            `An undeclared property '${bind[1]}' which only has property annotations in the payload but no property value was found in the payload.`,
          );
        const target = String(value).match(/^\/?(\w+)\(([0-9a-fA-F-]{36})\)$/);
        if (!target || target[1] !== nav[1])
          throw new Reply(400, "0x80060888", `The @odata.bind value '${String(value)}' does not name a ${nav[1]} row.`);
        if (!rows[nav[1]].has(target[2])) throw notFound(nav[1], target[2]);
        values[nav[0]] = target[2];
      } else if (SETS[set].writable.includes(key)) {
        values[key] = value;
      } else {
        throw new Reply(
          400,
          "0x80060888",
          `The property '${key}' does not exist on type 'Microsoft.Dynamics.CRM.${SETS[set].logical}'. Make sure to only use property names that are defined by the type.`,
        );
      }
    }
    return values;
  };

  const checkIfMatch = (request: IncomingMessage, id: string) => {
    const ifMatch = request.headers["if-match"];
    if (ifMatch !== undefined && ifMatch !== "*" && ifMatch !== etag(id)) {
      throw new Reply(412, "0x80060882", "The version of the existing record doesn't match the RowVersion property provided.");
    }
  };

  const remove = (set: string, id: string) => {
    rows[set].delete(id);
    // Cascades: a step takes its images with it, an endpoint its steps.
    if (set === "sdkmessageprocessingsteps")
      for (const [imageId, image] of rows.sdkmessageprocessingstepimages)
        if (image._sdkmessageprocessingstepid_value === id) remove("sdkmessageprocessingstepimages", imageId);
    if (set === "serviceendpoints")
      for (const [stepId, step] of rows.sdkmessageprocessingsteps)
        if (step._eventhandler_value === id) remove("sdkmessageprocessingsteps", stepId);
  };

  const handle = (
    request: IncomingMessage,
    raw: string,
    base: string,
  ): { status: number; headers?: Record<string, string>; body?: Row } => {
    const url = new URL(request.url ?? "/", base);
    const prefix = "/api/data/v9.2/";
    const path = decodeURIComponent(url.pathname.slice(prefix.length)) + decodeURIComponent(url.search);
    const body = raw ? (JSON.parse(raw) as Row) : undefined;
    requests.push({ method: request.method ?? "", path, headers: request.headers, body });

    if (request.headers.authorization !== `Bearer ${token}`) {
      return {
        status: 401,
        headers: {
          "WWW-Authenticate": `Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize, resource_id=${base}`,
        },
      };
    }
    if (throttled < (options.throttle ?? 0)) {
      throttled++;
      throw new Reply(429, "0x80072322", "Number of requests exceeded the limit of 6000 over time window of 300 seconds.", {
        "Retry-After": options.retryAfter ?? "1",
      });
    }
    if (!url.pathname.startsWith(prefix)) throw new Reply(404, "0x80060888", `Resource not found for the segment '${url.pathname}'.`);
    const target = url.pathname.slice(prefix.length).match(/^(\w+)(?:\(([0-9a-fA-F-]{36})\))?$/);
    const set = target?.[1];
    if (!target || !set || !SETS[set])
      throw new Reply(404, "0x80060888", `Resource not found for the segment '${target?.[1] ?? url.pathname}'.`);
    const id = target[2];
    const method = request.method;
    if (method !== "GET" && (SETS[set].readOnly || options.forbidWrites)) {
      throw new Reply(
        403,
        "0x80040220",
        `Principal user (Id=${randomUUID()}, type=8, roleCount=1) is missing prvWrite${SETS[set].logical} privilege on entity '${SETS[set].logical}'.`,
      );
    }

    if (method === "GET" && !id) {
      const select = url.searchParams.get("$select")?.split(",");
      for (const column of select ?? []) if (!SETS[set].readable.includes(column)) throw badProperty(set, column);
      const filter = url.searchParams.get("$filter");
      const test = filter ? parseFilter(set, filter) : () => true;
      const value = [...rows[set].values()].filter(test).map((row) => project(set, row, select));
      return { status: 200, body: { "@odata.context": `${base}/api/data/v9.2/$metadata#${set}(${select?.join(",") ?? ""})`, value } };
    }
    if (method === "POST" && !id) {
      const values = applyBody(set, body ?? {});
      for (const column of SETS[set].required)
        if (values[column] === undefined) throw new Reply(400, "0x80040203", `Required field '${column}' is missing.`);
      const newId = insert(set, values);
      return { status: 204, headers: { "OData-EntityId": `${base}/api/data/v9.2/${set}(${newId})` } };
    }
    if ((method === "PATCH" || method === "DELETE") && id) {
      if (!rows[set].has(id)) throw notFound(set, id);
      checkIfMatch(request, id);
      if (method === "DELETE") remove(set, id);
      else {
        Object.assign(rows[set].get(id)!, applyBody(set, body ?? {}));
        versions.set(id, (versions.get(id) ?? 0) + 1);
      }
      return { status: 204 };
    }
    throw new Reply(405, "0x80060888", `The HTTP method '${method}' is not allowed on this resource.`);
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let raw = "";
    request.on("data", (chunk) => (raw += chunk));
    request.on("end", () => {
      const base = `http://${request.headers.host}`;
      let reply: { status: number; headers?: Record<string, string>; body?: Row };
      try {
        reply = handle(request, raw, base);
      } catch (error) {
        if (!(error instanceof Reply)) throw error;
        reply = { status: error.status, headers: error.headers, body: { error: { code: error.code, message: error.message } } };
      }
      response.writeHead(reply.status, {
        "OData-Version": "4.0",
        ...(reply.body ? { "Content-Type": "application/json; odata.metadata=minimal" } : {}),
        ...reply.headers,
      });
      response.end(reply.body ? JSON.stringify(reply.body) : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    rows,
    ids,
    insert,
    touch: (id: string) => void versions.set(id, (versions.get(id) ?? 0) + 1),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
