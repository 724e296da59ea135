/**
 * A local responder for the Web API calls the control and the form script make, for the bench and
 * the browser tests that run before the workbench's local Dataverse: conversations by id ($select,
 * PATCH), workstreams, and the option-set metadata casts, in Dataverse's shapes and error JSON. A
 * PATCH that changes the status sets msdyn_statusupdatedon, as the platform keeps it.
 */
import { STATUS_CHANGE_REASONS, STATUSES } from "../../plugins/lifecycle";
import { loadStrings } from "../../plugins/strings/resx";

export type Row = Record<string, unknown>;

export interface Responder {
  readonly rows: Map<string, Row>;
  readonly workstreams: Map<string, Row>;
  /** Every request, as "METHOD path". */
  readonly log: string[];
  /** Answers one request to /api/data/v9.2/<path>; the user's language picks UserLocalizedLabel. */
  answer(
    method: string,
    path: string,
    body: string | null,
    languageId: number,
  ): { status: number; body: string; headers?: Record<string, string> };
}

const json = (status: number, value: unknown) => ({ status, body: JSON.stringify(value) });
const STRINGS = new Map<number, Record<string, string>>();
// Parsing a resx file takes milliseconds: once per language.
const stringsOf = (lcid: number): Record<string, string> => STRINGS.get(lcid) ?? (STRINGS.set(lcid, loadStrings(lcid)), stringsOf(lcid));
const error = (status: number, code: string, message: string) => json(status, { error: { code, message } });

export function createResponder(rows: Record<string, Row> = {}, workstreams: Record<string, Row> = {}): Responder {
  const responder: Responder = {
    rows: new Map(Object.entries(rows)),
    workstreams: new Map(Object.entries(workstreams)),
    log: [],
    answer(method, path, body, languageId) {
      responder.log.push(`${method} ${path}`);
      const url = new URL(path, "http://dataverse.test/");
      const record = /^\/(msdyn_ocliveworkitems|msdyn_liveworkstreams)\(([0-9a-f-]{36})\)$/.exec(url.pathname);
      if (record) {
        const table = record[1] === "msdyn_ocliveworkitems" ? responder.rows : responder.workstreams;
        const row = table.get(record[2]);
        if (!row) return error(404, "0x80040217", `${record[1].slice(0, -1)} With Id = ${record[2]} Does Not Exist`);
        if (method === "PATCH") {
          const change = JSON.parse(body ?? "{}") as Row;
          if ("statuscode" in change && change.statuscode !== row.statuscode) change.msdyn_statusupdatedon = new Date().toISOString();
          Object.assign(row, change);
          return { status: 204, body: "" };
        }
        const select = url.searchParams.get("$select")?.split(",") ?? Object.keys(row);
        return json(200, Object.fromEntries(select.map((column) => [column, row[column] ?? null])));
      }
      const metadata = /^\/EntityDefinitions\(LogicalName='msdyn_ocliveworkitem'\)\/Attributes\(LogicalName='(\w+)'\)\//.exec(url.pathname);
      if (metadata) {
        const strings = stringsOf(languageId);
        const options =
          metadata[1] === "statuscode"
            ? STATUSES.map((s) => ({ Value: s.value, Label: strings[`status.${s.name}`] }))
            : STATUS_CHANGE_REASONS.map((r) => ({ Value: r.value, Label: strings[`statusChangeReason.${r.name}`] }));
        return json(200, {
          LogicalName: metadata[1],
          OptionSet: {
            Options: options.map((o) => ({ Value: o.Value, Label: { UserLocalizedLabel: { Label: o.Label, LanguageCode: languageId } } })),
          },
        });
      }
      return error(400, "0x80060888", `Resource not found for the segment '${url.pathname}'.`);
    },
  };
  return responder;
}
