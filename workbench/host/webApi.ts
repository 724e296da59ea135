/**
 * The Dataverse Web API as a browser sees it, for the workbench's host page: fetch under
 * /api/data/v9.2/, Dataverse's error JSON turned into the error object Xrm.WebApi and
 * context.webAPI reject with ({ errorCode, message }: Client API Xrm.WebApi, "errorCallback").
 */
import { CONVERSATION_SET, CONVERSATION_TABLE, WORKSTREAM_SET, WORKSTREAM_TABLE } from "../../plugins/lifecycle/conversationTable";

import { API_PATH } from "../../plugins/webapi/paths";

/** Entity set names of the tables the host reads (the Web API addresses tables by entity set). */
const ENTITY_SETS: Readonly<Record<string, string>> = {
  [CONVERSATION_TABLE]: CONVERSATION_SET,
  [WORKSTREAM_TABLE]: WORKSTREAM_SET,
  systemuser: "systemusers",
};

export const entitySetOf = (table: string): string => ENTITY_SETS[table] ?? `${table}s`;

/**
 * The signed-in user, as the Web API's MSCRMCallerID impersonation header names them ("Impersonate
 * another user using the Web API"): the workbench page works as its agent. Unset: the server's default user.
 */
let caller: string | undefined;
export const setCaller = (systemUserId: string | undefined): void => {
  caller = systemUserId;
};

export interface WebApiError {
  /** Dataverse's error code as a signed 32-bit number, e.g. -2147220969 for 0x80040217. */
  readonly errorCode: number;
  readonly message: string;
  /** The HTTP status, for the host's own logic (Xrm's object has no such member). */
  readonly status: number;
}

export interface RequestOptions {
  readonly method?: "GET" | "POST" | "PATCH" | "DELETE";
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** "0x80040217" → -2147220969, as Xrm reports it. */
export const errorCodeOf = (code: unknown): number =>
  typeof code === "string" && /^0x[0-9a-f]{1,8}$/i.test(code) ? Number.parseInt(code, 16) | 0 : 0;

/** One Web API request; rejects with a WebApiError on any non-2xx answer or a network failure. */
export async function request<T = Record<string, unknown>>(path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    const method = options.method ?? "GET";
    response = await fetch(API_PATH + path, {
      method,
      // A read must show the record as it is now, never a cached answer (the Web API docs ask for If-None-Match: null).
      cache: "no-store",
      headers: {
        ...(method === "GET" ? { "If-None-Match": "null" } : {}),
        Accept: "application/json",
        "OData-MaxVersion": "4.0",
        "OData-Version": "4.0",
        Prefer: 'odata.include-annotations="*"',
        ...(options.body === undefined ? {} : { "Content-Type": "application/json; charset=utf-8" }),
        ...(caller ? { MSCRMCallerID: caller } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    throw { errorCode: 0, message: error instanceof Error ? error.message : String(error), status: 0 } satisfies WebApiError;
  }
  const text = await response.text();
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!response.ok) {
    const error = (body.error ?? {}) as { code?: unknown; message?: unknown };
    throw {
      errorCode: errorCodeOf(error.code),
      message: typeof error.message === "string" ? error.message : `HTTP ${response.status}`,
      status: response.status,
    } satisfies WebApiError;
  }
  return body as T;
}

const bare = (id: string): string => id.replace(/[{}]/g, "").toLowerCase();

/** The members of context.webAPI (PCF) and Xrm.WebApi that the control and the form script call. */
export const webApi = {
  retrieveRecord: (table: string, id: string, options = ""): Promise<Record<string, unknown>> =>
    request(`${entitySetOf(table)}(${bare(id)})${options}`),
  updateRecord: async (table: string, id: string, data: Record<string, unknown>): Promise<{ entityType: string; id: string }> => {
    await request(`${entitySetOf(table)}(${bare(id)})`, { method: "PATCH", body: data, headers: { "If-Match": "*" } });
    return { entityType: table, id: bare(id) };
  },
};
