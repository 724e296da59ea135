/**
 * The registration tests' Dataverse: the workbench's local Dataverse (workbench/dataverse) on
 * 127.0.0.1, in memory, behind the API these tests were written against. One implementation of the
 * Web API serves both: the tables, $select/$filter, 204 + OData-EntityId, If-Match and 412,
 * @odata.bind checks, write-only authvalue, cascading deletes and the error shapes live there.
 * This file only adapts: it records every request, requires the bearer token, and turns the
 * options below into the local Dataverse's fault injection.
 */
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { buildDataverseApp, createDataverse, ENTITY_SETS, SEED } from "../../workbench/dataverse";
import type { Row } from "../../workbench/dataverse/entitySets";
import { compileFilter, parseFilter as parseODataFilter } from "../../workbench/dataverse/filter";
import { schemaFor } from "../../workbench/dataverse/collection";

const REGISTRATION_SETS = [
  "sdkmessages",
  "sdkmessagefilters",
  "serviceendpoints",
  "sdkmessageprocessingsteps",
  "sdkmessageprocessingstepimages",
];

/** The tables register-webhook uses, as the local Dataverse defines them. */
export const SETS = Object.fromEntries(REGISTRATION_SETS.map((name) => [name, ENTITY_SETS.set(name)!]));

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

/** $filter against one of the registration tables (the local Dataverse's parser). */
export function parseFilter(set: string, filter: string): (row: Row) => boolean {
  return compileFilter(parseODataFilter(filter), schemaFor(ENTITY_SETS, SETS[set]));
}

export async function startFakeDataverse(options: FakeOptions = {}): Promise<FakeDataverse> {
  const requests: LoggedRequest[] = [];
  const prefix = "/api/data/v9.2/";
  const dataverse = createDataverse({
    bearerToken: options.token ?? TOKEN,
    seed: { omnichannel: options.omnichannel },
    onRequest: (request) => {
      const url = new URL(request.url, "http://127.0.0.1");
      const path = decodeURIComponent(url.pathname.slice(prefix.length)) + decodeURIComponent(url.search);
      requests.push({
        method: request.method,
        path,
        headers: request.headers,
        body: request.body ? (JSON.parse(request.body) as Row) : undefined,
      });
    },
  });
  if (options.throttle) dataverse.faults.add({ status: 429, count: options.throttle, retryAfter: options.retryAfter ?? "1" });
  if (options.forbidWrites)
    for (const method of ["POST", "PATCH", "DELETE"])
      dataverse.faults.add({
        method,
        status: 403,
        count: Infinity,
        code: "0x80040220",
        message: `Principal user (Id=${SEED.users.admin}, type=8, roleCount=1) is missing prvWrite{entity} privilege on entity '{entity}'.`,
      });
  const app = buildDataverseApp(dataverse);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  const omnichannel = options.omnichannel !== false;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    rows: dataverse.store.tables,
    ids: {
      update: SEED.messages.update,
      create: SEED.messages.create,
      updateFilter: omnichannel ? SEED.filters.updateConversation : "",
      createFilter: omnichannel ? SEED.filters.createConversation : "",
    },
    insert: (set, row) => dataverse.store.insert(SETS[set], row),
    touch: (id) => void dataverse.store.bump(id),
    close: () => app.close(),
  };
}
