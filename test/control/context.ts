/**
 * A PCF context for the control, with only the documented members it uses (parameters, resources,
 * userSettings, fluentDesignLanguage, mode, client, webAPI, utils, events), and a Web API that
 * answers from a table of rows, each read held until the test releases it when asked to.
 */
import type { Context, Events } from "../../components/ConversationState/inputs";
import { loadStrings } from "../../plugins/strings/resx";

export type Row = Record<string, unknown>;

/** An answer the Web API gives: a row, or the error object Xrm.WebApi and context.webAPI reject with. */
export type Answer = Row | { readonly error: { errorCode?: number; message: string } };

export const CONVERSATION_ID = "0a1b2c3d-0000-4000-8000-000000000001";
export const WORKSTREAM_ID = "0a1b2c3d-0000-4000-8000-0000000000aa";

/** A conversation row as the Web API returns it (msdyn_channel as a comma-separated string). */
export function conversation(status: number, more: Row = {}): Row {
  return {
    statuscode: status,
    statecode: status === 4 ? 1 : 0,
    msdyn_channel: "192360000",
    msdyn_statuschangereason: null,
    _msdyn_liveworkstreamid_value: WORKSTREAM_ID,
    msdyn_statusupdatedon: new Date(Date.now() - 125_000).toISOString(),
    ...more,
  };
}

export interface FakeOptions {
  lcid?: number;
  /** Raw values of the properties (entityId, entityName, statusUpdatedOn, conversationMode, …). */
  params?: Record<string, unknown>;
  /** The conversation row, or an error; by id. Default: an Active live chat. */
  rows?: Record<string, Answer>;
  /** The workstream rows (msdyn_conversationmode). */
  workstreams?: Record<string, Answer>;
  /** What getEntityMetadata resolves with (or rejects when an Error). */
  metadata?: unknown;
  offline?: boolean;
  disabled?: boolean;
  /** Hold every record read until release() is called. */
  hold?: boolean;
}

export interface FakeContext extends Context {
  /** Every Web API call, as "table id options". */
  readonly calls: string[];
  /** Releases the oldest held read (or the one at `index`). */
  release(index?: number): Promise<void>;
  readonly held: number;
  /** Sets a property's raw value, as the form would before calling updateView. */
  set(name: string, raw: unknown): void;
  rows: Record<string, Answer>;
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function fakeContext(options: FakeOptions = {}): FakeContext {
  const strings = loadStrings(options.lcid ?? 1033);
  const calls: string[] = [];
  const waiting: (() => void)[] = [];
  const params: Record<string, { raw: unknown; security?: unknown }> = {};
  const raws = {
    entityId: CONVERSATION_ID,
    entityName: "msdyn_ocliveworkitem",
    statusUpdatedOn: new Date(Date.now() - 125_000),
    conversationMode: "auto",
    wrapUpBlock: "always",
    wrapUpMinutes: null,
    unavailableActions: "hide",
    actions: "on",
    ...options.params,
  };
  for (const [name, raw] of Object.entries(raws)) params[name] = { raw };
  const answer = (found: Answer | undefined, what: string): Promise<Row> => {
    if (found === undefined) return Promise.reject({ errorCode: -2147220969, message: `${what} Does Not Exist` });
    return "error" in found ? Promise.reject(found.error) : Promise.resolve({ ...found });
  };
  const context = {
    calls,
    rows: options.rows ?? { [CONVERSATION_ID]: conversation(2) },
    parameters: params,
    resources: { getString: (key: string) => strings[key] ?? key, getResource: () => undefined },
    userSettings: { isRTL: options.lcid === 1025, languageId: options.lcid ?? 1033 },
    fluentDesignLanguage: undefined,
    mode: { isControlDisabled: options.disabled === true, isVisible: true, label: "", allocatedHeight: -1, allocatedWidth: -1 },
    client: { isOffline: () => options.offline === true, isNetworkAvailable: () => options.offline !== true },
    events: {} as Partial<Events>,
    webAPI: {
      retrieveRecord(table: string, id: string, query?: string): Promise<Row> {
        calls.push(`${table} ${id} ${query ?? ""}`);
        if (table === "msdyn_liveworkstream") return answer((options.workstreams ?? {})[id], `msdyn_liveworkstream With Id = ${id}`);
        const read = (): Promise<Row> => answer(context.rows[id], `msdyn_ocliveworkitem With Id = ${id}`);
        if (!options.hold) return read();
        return new Promise<void>((resolve) => waiting.push(resolve)).then(read);
      },
    },
    utils: {
      getEntityMetadata: (table: string, columns: string[]) => {
        calls.push(`metadata ${table} ${columns.join(",")}`);
        if (options.metadata instanceof Error) return Promise.reject(options.metadata);
        return Promise.resolve(
          options.metadata ??
            metadataWith({
              statuscode: { 1: "Open", 2: "Active", 3: "Waiting", 4: "Closed", 5: "Wrap-up" },
              msdyn_statuschangereason: { 192350003: "In conversation" },
            }),
        );
      },
    },
    async release(index = 0) {
      const [resolve] = waiting.splice(index, 1);
      resolve?.();
      await flush();
    },
    get held() {
      return waiting.length;
    },
    set(name: string, raw: unknown) {
      params[name] = { ...params[name], raw };
    },
  };
  return context as unknown as FakeContext;
}

/** getEntityMetadata's documented shape: Attributes is a collection, OptionSet holds value: option pairs. */
export function metadataWith(labels: { statuscode?: Record<number, string>; msdyn_statuschangereason?: Record<number, string> }): unknown {
  const attributes = new Map(
    Object.entries(labels).map(([column, options]) => [
      column,
      {
        LogicalName: column,
        OptionSet: Object.fromEntries(Object.entries(options ?? {}).map(([value, text]) => [value, { value: Number(value), text }])),
      },
    ]),
  );
  return { LogicalName: "msdyn_ocliveworkitem", Attributes: { get: (name: string) => attributes.get(name) } };
}

export { flush };
