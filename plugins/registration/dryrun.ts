/**
 * --dry-run: a Dataverse that records writes instead of sending them. Reads go to the real
 * environment when credentials are set and it answers (so the plan shows the true differences);
 * otherwise the plan is made offline: lookups get placeholder ids and every row counts as missing.
 */
import type { Dataverse, Method, Row } from "../webapi/client";
import { WebApiError } from "../webapi/errors";
import { isGuid } from "../webapi/guid";
import { entityUrl } from "../webapi/paths";

export interface RecordedRequest {
  readonly method: Method;
  readonly url: string;
  readonly body?: Row;
  readonly ifMatch?: string;
  /** True for reads actually sent to the environment; writes never are. */
  readonly sent: boolean;
}

/** Offline answers: the message and filter lookups succeed with placeholders, nothing else exists. */
export function offlineAnswer(path: string): Row[] {
  const message = path.match(/^sdkmessages\?.*name eq '([^']+)'/);
  if (message) return [{ sdkmessageid: `<${message[1]} sdkmessageid>` }];
  const filter = path.match(/^sdkmessagefilters\?.*_sdkmessageid_value eq <(\w+) sdkmessageid>/);
  if (filter) return [{ sdkmessagefilterid: `<${filter[1]} sdkmessagefilterid>`, iscustomprocessingstepallowed: true }];
  return [];
}

export class DryRun implements Dataverse {
  readonly requests: RecordedRequest[] = [];
  /** The placeholder ids this dry run made up itself: the only ids that need not be GUIDs. */
  private readonly placeholders = new Set<string>();
  /** Why the plan was made offline, if it was. */
  offlineReason: string | undefined;
  private readonly env: string;
  private readonly reader: Dataverse | undefined;

  constructor(env: string, reader: Dataverse | undefined, offlineReason?: string) {
    this.env = env;
    this.reader = reader;
    this.offlineReason = reader ? undefined : offlineReason;
  }

  async list(path: string): Promise<Row[]> {
    const url = entityUrl(this.env, path);
    if (this.reader && this.offlineReason === undefined) {
      try {
        const rows = await this.reader.list(path);
        this.requests.push({ method: "GET", url, sent: true });
        return rows;
      } catch (error) {
        // An unreachable environment still gets a plan; any other answer (401, 403…) is a real error.
        if (!(error instanceof WebApiError && error.code === "unreachable")) throw error;
        this.offlineReason = error.message;
      }
    }
    this.requests.push({ method: "GET", url, sent: false });
    const rows = offlineAnswer(path);
    for (const row of rows) for (const value of Object.values(row)) if (typeof value === "string") this.placeholders.add(value);
    return rows;
  }

  isId(value: unknown): value is string {
    return isGuid(value) || (typeof value === "string" && this.placeholders.has(value));
  }

  async create(entitySet: string, body: Row): Promise<string> {
    this.requests.push({ method: "POST", url: entityUrl(this.env, entitySet), body, sent: false });
    const id = `<id of new ${entitySet.replace(/s$/, "")} "${String(body.name)}">`;
    this.placeholders.add(id);
    return id;
  }

  async update(entitySet: string, id: string, body: Row, etag: string | undefined): Promise<void> {
    this.requests.push({ method: "PATCH", url: entityUrl(this.env, `${entitySet}(${id})`), body, ifMatch: etag ?? "*", sent: false });
  }

  async remove(entitySet: string, id: string, etag: string | undefined): Promise<void> {
    this.requests.push({ method: "DELETE", url: entityUrl(this.env, `${entitySet}(${id})`), ifMatch: etag ?? "*", sent: false });
  }
}
