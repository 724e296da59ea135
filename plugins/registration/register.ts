/**
 * The registrar: brings the environment to the rows in registration.ts, or removes them.
 * Rows are found by name, compared column by column, and only written where they differ, so a
 * second run sends GETs only. It talks to a Dataverse (the Web API client, or the dry run).
 */
import {
  ENDPOINT_NAME,
  STEPS,
  STEP_DISABLED,
  TABLE,
  endpointColumns,
  imageColumns,
  stepColumns,
  type ImageSpec,
  type MessageName,
  type StepSpec,
} from "./registration";
import { RegistrationError } from "./errors";
import type { Dataverse, Row } from "../webapi/client";
import { WebApiError } from "../webapi/errors";
import { quoteForMessage } from "../webapi/guid";
import { odataString } from "../webapi/paths";

export type Kind = "serviceendpoint" | "sdkmessageprocessingstep" | "sdkmessageprocessingstepimage";
export type Action = "created" | "updated" | "unchanged" | "deleted" | "absent";

export interface Outcome {
  readonly kind: Kind;
  readonly name: string;
  readonly action: Action;
  readonly id?: string;
  /** Columns an update changed. */
  readonly changed?: readonly string[];
  readonly warning?: string;
}

export interface RegisterOptions {
  readonly url: string;
  readonly key: string;
  readonly rank: number;
  /** authvalue cannot be read back: only with this flag is a new key written to an existing endpoint. */
  readonly rotateKey: boolean;
}

/** A lookup column and the row it should point at, written as <nav>@odata.bind. */
interface Bind {
  readonly nav: string;
  readonly entitySet: string;
  readonly id: string;
}

const ENTITY_SETS: Record<Kind, { set: string; id: string }> = {
  serviceendpoint: { set: "serviceendpoints", id: "serviceendpointid" },
  sdkmessageprocessingstep: { set: "sdkmessageprocessingsteps", id: "sdkmessageprocessingstepid" },
  sdkmessageprocessingstepimage: { set: "sdkmessageprocessingstepimages", id: "sdkmessageprocessingstepimageid" },
};

/** The lookup's read-only value property, e.g. sdkmessageid → _sdkmessageid_value. */
const LOOKUP_VALUE: Record<string, string> = {
  sdkmessageid: "_sdkmessageid_value",
  sdkmessagefilterid: "_sdkmessagefilterid_value",
  eventhandler_serviceendpoint: "_eventhandler_value",
  sdkmessageprocessingstepid: "_sdkmessageprocessingstepid_value",
};

const SELECT: Record<Kind, string> = {
  serviceendpoint: "serviceendpointid,name,contract,authtype,messageformat,url,isauthvalueset",
  sdkmessageprocessingstep:
    "sdkmessageprocessingstepid,name,stage,mode,rank,supporteddeployment,filteringattributes,statecode,_eventhandler_value,_sdkmessageid_value,_sdkmessagefilterid_value",
  sdkmessageprocessingstepimage:
    "sdkmessageprocessingstepimageid,name,imagetype,entityalias,messagepropertyname,attributes,_sdkmessageprocessingstepid_value",
};

/** Comma lists compare as sets: Dataverse does not promise to keep our order or case. */
const LIST_COLUMNS = new Set(["filteringattributes", "attributes"]);
const normaliseList = (value: unknown) =>
  String(value ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .sort()
    .join(",");

/** Names of the columns and lookups whose stored value differs from the wanted one. */
export function differences(existing: Row, columns: Record<string, string | number>, binds: readonly Bind[]): string[] {
  const changed: string[] = [];
  for (const [column, wanted] of Object.entries(columns)) {
    const same = LIST_COLUMNS.has(column) ? normaliseList(existing[column]) === normaliseList(wanted) : existing[column] === wanted;
    if (!same) changed.push(column);
  }
  for (const bind of binds) {
    const current = existing[LOOKUP_VALUE[bind.nav]];
    if (typeof current !== "string" || current.toLowerCase() !== bind.id.toLowerCase()) changed.push(bind.nav);
  }
  return changed;
}

/**
 * An id read from an answer, before it goes into a bind, a path or a filter: a GUID (or, in a dry
 * run, a placeholder the dry run made itself). A hostile answer's "../systemusers(…)" stops here.
 */
export function idOf(dv: Dataverse, row: Row, column: string, kind: string): string {
  const value = row[column];
  if (!dv.isId(value))
    throw new WebApiError(
      "bad-id",
      `The ${kind} row's ${column} ${quoteForMessage(value)} in Dataverse's answer is not a GUID; nothing was written.`,
    );
  return value;
}

function withBinds(columns: Record<string, unknown>, binds: readonly Bind[]): Row {
  const body: Row = { ...columns };
  for (const bind of binds) body[`${bind.nav}@odata.bind`] = `/${bind.entitySet}(${bind.id})`;
  return body;
}

async function findOne(dv: Dataverse, kind: Kind, filter: string): Promise<Row | undefined> {
  const rows = await dv.list(`${ENTITY_SETS[kind].set}?$select=${SELECT[kind]}&$filter=${filter}`);
  if (rows.length > 1) throw new RegistrationError("duplicate", `${rows.length} ${kind} rows match ${filter}; expected at most one.`);
  return rows[0];
}

/** POST the row if missing, PATCH (If-Match its etag) only the columns that differ, or leave it. */
async function upsert(
  dv: Dataverse,
  kind: Kind,
  existing: Row | undefined,
  columns: Record<string, string | number>,
  binds: readonly Bind[],
  secrets: Row = {},
  forceSecrets = false,
): Promise<Outcome> {
  const { set, id: idColumn } = ENTITY_SETS[kind];
  const name = String(columns.name);
  if (!existing) {
    const id = await dv.create(set, { ...withBinds(columns, binds), ...secrets });
    return { kind, name, action: "created", id };
  }
  const id = idOf(dv, existing, idColumn, kind);
  const changed = differences(existing, columns, binds);
  const body: Row = {};
  for (const column of changed) {
    const bind = binds.find((b) => b.nav === column);
    if (bind) body[`${bind.nav}@odata.bind`] = `/${bind.entitySet}(${bind.id})`;
    else body[column] = columns[column];
  }
  if (forceSecrets) Object.assign(body, secrets);
  const written = [...changed, ...(forceSecrets ? Object.keys(secrets) : [])];
  if (written.length === 0) return { kind, name, action: "unchanged", id };
  await dv.update(set, id, body, existing["@odata.etag"] as string | undefined);
  return { kind, name, action: "updated", id, changed: written };
}

interface MessageIds {
  readonly messageId: string;
  readonly filterId: string;
}

/** The message by name, and its filter for msdyn_ocliveworkitem; no filter means no Omnichannel. */
export async function lookupMessage(dv: Dataverse, message: MessageName): Promise<MessageIds> {
  const messages = await dv.list(`sdkmessages?$select=sdkmessageid,name&$filter=name eq ${odataString(message)}`);
  if (messages.length === 0) throw new RegistrationError("no-message", `No sdkmessage named "${message}".`);
  const messageId = idOf(dv, messages[0], "sdkmessageid", "sdkmessage");
  const filters = await dv.list(
    `sdkmessagefilters?$select=sdkmessagefilterid,iscustomprocessingstepallowed&$filter=_sdkmessageid_value eq ${messageId} and primaryobjecttypecode eq ${odataString(TABLE)}`,
  );
  if (filters.length === 0)
    throw new RegistrationError(
      "no-omnichannel",
      `No sdkmessagefilter for ${message} of ${TABLE}: the Omnichannel conversation table is missing.`,
    );
  if (filters[0].iscustomprocessingstepallowed === false)
    throw new RegistrationError("steps-not-allowed", `The ${message} filter of ${TABLE} does not allow custom steps.`);
  return { messageId, filterId: idOf(dv, filters[0], "sdkmessagefilterid", "sdkmessagefilter") };
}

const stepFilter = (step: StepSpec) => `name eq ${odataString(step.name)}`;
const imageFilter = (image: ImageSpec, stepId: string) =>
  `_sdkmessageprocessingstepid_value eq ${stepId} and name eq ${odataString(image.name)}`;

export async function register(dv: Dataverse, options: RegisterOptions): Promise<Outcome[]> {
  const ids = new Map<MessageName, MessageIds>();
  // Every lookup first: a missing Omnichannel table stops the run before anything is written.
  for (const step of STEPS) ids.set(step.message, await lookupMessage(dv, step.message));

  const outcomes: Outcome[] = [];
  const existingEndpoint = await findOne(dv, "serviceendpoint", `name eq ${odataString(ENDPOINT_NAME)}`);
  // The key is write-only, so an unchanged key cannot be told from a new one: only write it when asked, or when none is set.
  const writeKey = options.rotateKey || existingEndpoint?.isauthvalueset === false;
  const endpoint = await upsert(
    dv,
    "serviceendpoint",
    existingEndpoint,
    endpointColumns(options.url),
    [],
    { authvalue: options.key },
    writeKey,
  );
  outcomes.push(endpoint);

  for (const step of STEPS) {
    const { messageId, filterId } = ids.get(step.message)!;
    const existing = await findOne(dv, "sdkmessageprocessingstep", stepFilter(step));
    const binds: Bind[] = [
      { nav: "eventhandler_serviceendpoint", entitySet: "serviceendpoints", id: endpoint.id! },
      { nav: "sdkmessageid", entitySet: "sdkmessages", id: messageId },
      { nav: "sdkmessagefilterid", entitySet: "sdkmessagefilters", id: filterId },
    ];
    let outcome = await upsert(dv, "sdkmessageprocessingstep", existing, stepColumns(step, options.rank), binds);
    if (existing?.statecode === STEP_DISABLED) {
      outcome = {
        ...outcome,
        warning:
          "this step is disabled, so the webhook is not called; enable it in the Plug-in Registration tool or the maker portal if that is not on purpose",
      };
    }
    outcomes.push(outcome);
    if (!step.image) continue;
    // A step created just now has no images yet: no need to look.
    const existingImage =
      outcome.action === "created" ? undefined : await findOne(dv, "sdkmessageprocessingstepimage", imageFilter(step.image, outcome.id!));
    const stepBind: Bind = { nav: "sdkmessageprocessingstepid", entitySet: "sdkmessageprocessingsteps", id: outcome.id! };
    outcomes.push(await upsert(dv, "sdkmessageprocessingstepimage", existingImage, imageColumns(step.image), [stepBind]));
  }
  return outcomes;
}

/** Removes what register made: the image, the steps, then the endpoint (if no other step uses it). */
export async function unregister(dv: Dataverse): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const steps: { spec: StepSpec; row: Row | undefined }[] = [];
  for (const spec of STEPS) steps.push({ spec, row: await findOne(dv, "sdkmessageprocessingstep", stepFilter(spec)) });

  for (const { spec, row } of steps) {
    if (!spec.image) continue;
    const image = row
      ? await findOne(
          dv,
          "sdkmessageprocessingstepimage",
          imageFilter(spec.image, idOf(dv, row, "sdkmessageprocessingstepid", "sdkmessageprocessingstep")),
        )
      : undefined;
    outcomes.push(await removeRow(dv, "sdkmessageprocessingstepimage", spec.image.name, image));
  }
  for (const { spec, row } of steps) outcomes.push(await removeRow(dv, "sdkmessageprocessingstep", spec.name, row));

  const endpoint = await findOne(dv, "serviceendpoint", `name eq ${odataString(ENDPOINT_NAME)}`);
  if (endpoint) {
    const ours = new Set(steps.map((s) => String(s.row?.sdkmessageprocessingstepid ?? "").toLowerCase()));
    const users = await dv.list(
      `sdkmessageprocessingsteps?$select=sdkmessageprocessingstepid,name&$filter=_eventhandler_value eq ${idOf(dv, endpoint, "serviceendpointid", "serviceendpoint")}`,
    );
    const others = users.filter((u) => !ours.has(String(u.sdkmessageprocessingstepid).toLowerCase()));
    if (others.length > 0) {
      throw new RegistrationError(
        "endpoint-in-use",
        `Removed our steps, but kept "${ENDPOINT_NAME}": ${others.map((o) => `"${String(o.name)}"`).join(", ")} still use it.`,
      );
    }
  }
  outcomes.push(await removeRow(dv, "serviceendpoint", ENDPOINT_NAME, endpoint));
  return outcomes;
}

async function removeRow(dv: Dataverse, kind: Kind, name: string, row: Row | undefined): Promise<Outcome> {
  if (!row) return { kind, name, action: "absent" };
  const { set, id: idColumn } = ENTITY_SETS[kind];
  const id = idOf(dv, row, idColumn, kind);
  await dv.remove(set, id, row["@odata.etag"] as string | undefined);
  return { kind, name, action: "deleted", id };
}
