/**
 * Writing rows: create, update (with Dataverse's upsert and concurrency rules, "Update and delete
 * table rows", "Perform conditional operations") and delete. A conversation write also runs the
 * status rules, the registered webhook steps (PreValidation and PreOperation before anything is
 * stored, PostOperation after, rolled back if it fails) and the audit. Writes to one row are
 * serialised, so two saves racing through a slow webhook are applied one after the other.
 */
import { randomUUID } from "node:crypto";
import { dropAudit, writeAudit } from "./audit";
import { callWebhook, imagesOf, refusal, stepsFor, type CalloutRecord, type CalloutSettings, type Step } from "./callout";
import { isoSeconds, type SimulatedClock } from "./clock";
import { statusRules } from "./conversations";
import { fail } from "./errors";
import { propertyOf, type Column, type EntitySet, type EntitySets, type Row } from "./entitySets";
import type { Events } from "./events";
import { buildContext, sdkEntity } from "./executionContext";
import { checkRequired } from "./payload";
import type { Caller } from "./security";
import type { Store } from "./store";
import { CONVERSATION, ORGANIZATIONS } from "./tables";

export interface Core {
  readonly sets: EntitySets;
  readonly store: Store;
  readonly clock: SimulatedClock;
  readonly events: Events;
  readonly callout: CalloutSettings;
  readonly businessUnitId: string;
  /** Asynchronous (mode 1) call-outs still running. */
  readonly pending: Set<Promise<unknown>>;
  /** One line for the operator (a webhook that said no, an unexpected error). */
  log(line: string): void;
}

export interface Conditions {
  readonly ifMatch?: string;
  readonly ifNoneMatch?: string;
}

/** Where the request came from: the webhook's x-ms-dynamics-organization is the environment's host. */
export interface Origin {
  readonly host: string;
}

const locks = new WeakMap<Core, Map<string, Promise<unknown>>>();

async function serially<T>(core: Core, id: string, work: () => Promise<T>): Promise<T> {
  let byId = locks.get(core);
  if (!byId) locks.set(core, (byId = new Map()));
  const before = byId.get(id) ?? Promise.resolve();
  const run = before.then(work, work);
  const settled = run.catch(() => undefined);
  byId.set(id, settled);
  try {
    return await run;
  } finally {
    if (byId.get(id) === settled) byId.delete(id);
  }
}

const has = (core: Core, set: EntitySet, name: string) => core.sets.column(set, name) !== undefined;

/** versionnumber shows the row version its etag is made of. */
function stampVersion(core: Core, set: EntitySet, id: string): void {
  const row = core.store.get(set, id);
  if (row && has(core, set, "versionnumber")) row.versionnumber = core.store.version(id);
}

/** The platform's columns on a write: when and by whom (on behalf of whom, when impersonated). */
function stamps(core: Core, set: EntitySet, caller: Caller, now: string, create: boolean): Row {
  const out: Row = {};
  const put = (name: string, value: unknown) => {
    if (has(core, set, name)) out[name] = value;
  };
  if (create) {
    put("createdon", now);
    put("_createdby_value", caller.userId);
    put("_createdonbehalfby_value", caller.onBehalfOf ?? null);
    put("_ownerid_value", caller.userId);
  }
  put("modifiedon", now);
  put("_modifiedby_value", caller.userId);
  put("_modifiedonbehalfby_value", caller.onBehalfOf ?? null);
  return out;
}

/** An image's columns (its attributes list, all columns when empty) with their non-null values, and the key. */
function imageEntity(core: Core, set: EntitySet, id: string, image: Row, values: Row): Record<string, unknown> {
  const names = String(image.attributes ?? "")
    .split(",")
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean);
  const columns = set.columns.filter(
    (c) => (names.length === 0 || names.includes(c.name) || c.kind === "key") && !c.computed && (values[propertyOf(c)] ?? null) !== null,
  );
  return sdkEntity(core.sets, set, id, values, columns);
}

interface Operation {
  readonly message: "Create" | "Update";
  readonly set: EntitySet;
  readonly id: string;
  readonly request: Row;
  readonly before: Row | undefined;
  readonly after: Row;
  readonly caller: Caller;
  readonly origin: Origin;
  readonly correlationId: string;
  readonly at: number;
}

async function runStep(core: Core, op: Operation, step: Step): Promise<CalloutRecord> {
  const organization = core.store.rows(ORGANIZATIONS)[0] ?? {};
  const images = (type: "pre" | "post", values: Row | undefined) =>
    values === undefined
      ? []
      : imagesOf(step, type).map((image) => ({
          alias: String(image.entityalias),
          entity: imageEntity(core, op.set, op.id, image, values),
        }));
  const context = buildContext(core.sets, {
    message: op.message,
    stage: step.stage,
    mode: step.mode,
    step: { id: step.id, name: step.name },
    set: op.set,
    id: op.id,
    target: op.request,
    preImages: op.message === "Update" ? images("pre", op.before) : [],
    postImages: step.stage === 40 ? images("post", op.after) : [],
    userId: op.caller.userId,
    userAgent: op.caller.userAgent,
    correlationId: op.correlationId,
    operationId: randomUUID(),
    requestId: randomUUID(),
    createdOn: op.at,
    organizationId: String(organization.organizationid ?? ""),
    organizationName: String(organization.name ?? ""),
    businessUnitId: core.businessUnitId,
  });
  const summary = {
    from: (op.before?.statuscode as number | undefined) ?? null,
    to: (op.after.statuscode as number | undefined) ?? null,
    state: (op.after.statecode as number | undefined) ?? null,
    columns: Object.keys(op.request),
  };
  const record = await callWebhook(core.callout, { step, context, summary, at: isoSeconds(op.at), organizationDomain: op.origin.host });
  core.store.addCallout(record);
  if (record.outcome !== "passed") {
    const answer =
      record.status === null ? (record.attempts.at(-1)?.error ?? "no answer") : `HTTP ${record.status} ${JSON.stringify(record.response)}`;
    core.log(`webhook step "${step.name}" (${op.message} of ${op.set.logical}(${op.id})) answered ${answer}`);
  }
  core.events.emit({ type: "callout", id: record.id, recordId: record.recordId, outcome: record.outcome, status: record.status });
  return record;
}

/** Runs the synchronous steps of some stages; throws the refusal of the first that fails. */
async function runStages(core: Core, op: Operation, steps: readonly Step[], stages: readonly number[]): Promise<void> {
  for (const step of steps) {
    if (step.mode !== 0 || !stages.includes(step.stage)) continue;
    const record = await runStep(core, op, step);
    if (record.outcome !== "passed") {
      await core.store.save();
      throw refusal(record);
    }
  }
}

function runAsync(core: Core, op: Operation, steps: readonly Step[]): void {
  for (const step of steps.filter((s) => s.mode === 1)) {
    const job = runStep(core, op, step).then(() => core.store.save());
    core.pending.add(job);
    void job.finally(() => core.pending.delete(job));
  }
}

/** Only the conversation table runs registered steps in the workbench (see docs/workbench.md). */
const stepsOf = (core: Core, op: Pick<Operation, "set" | "message" | "request">): Step[] =>
  op.set === CONVERSATION
    ? stepsFor(
        core.store,
        op.message,
        op.set.logical,
        Object.keys(op.request).map((p) => (core.sets.column(op.set, p) as Column).name),
      )
    : [];

function nulls(set: EntitySet): Row {
  return Object.fromEntries(set.columns.filter((c) => !c.computed && c.read !== false).map((c) => [propertyOf(c), null]));
}

export async function createRow(core: Core, set: EntitySet, request: Row, caller: Caller, origin: Origin, id?: string): Promise<Row> {
  const key = String(request[set.key] ?? id ?? randomUUID()).toLowerCase();
  return serially(core, key, async () => {
    if (core.store.get(set, key)) throw fail("duplicateRecord");
    const at = core.clock.now();
    const now = isoSeconds(at);
    const rules = set === CONVERSATION ? statusRules(undefined, request, now) : {};
    const after: Row = { ...nulls(set), ...set.defaults, ...request, ...rules, ...stamps(core, set, caller, now, true), [set.key]: key };
    checkRequired(set, after);
    const op: Operation = {
      message: "Create",
      set,
      id: key,
      request,
      before: undefined,
      after,
      caller,
      origin,
      correlationId: randomUUID(),
      at,
    };
    const steps = stepsOf(core, op);
    await runStages(core, op, steps, [10, 20]);
    core.store.insert(set, after);
    stampVersion(core, set, key);
    const audit = writeAudit(core.store, {
      set,
      id: key,
      operation: "create",
      before: undefined,
      after,
      caller,
      transactionId: op.correlationId,
      now,
    });
    try {
      await runStages(core, op, steps, [40]);
    } catch (error) {
      core.store.remove(set, key);
      dropAudit(core.store, audit);
      throw error;
    }
    await core.store.save();
    core.events.emit({
      type: "change",
      entity: set.logical,
      id: key,
      operation: "create",
      statuscode: after.statuscode as number | undefined,
    });
    runAsync(core, op, steps);
    return core.store.get(set, key) as Row;
  });
}

/** PATCH: update, or create when the row is missing and no If-Match forbids it (upsert). */
export async function updateRow(
  core: Core,
  set: EntitySet,
  id: string,
  request: Row,
  caller: Caller,
  origin: Origin,
  conditions: Conditions,
): Promise<{ row: Row; created: boolean }> {
  const existing = core.store.get(set, id);
  if (!existing) {
    if (conditions.ifMatch !== undefined) throw fail("objectDoesNotExist", { entity: set.logical, id });
    if (!set.methods.includes("POST")) throw fail("objectDoesNotExist", { entity: set.logical, id });
    return { row: await createRow(core, set, request, caller, origin, id), created: true };
  }
  return serially(core, id, async () => {
    const row = core.store.get(set, id);
    if (!row) throw fail("objectDoesNotExist", { entity: set.logical, id });
    if (conditions.ifNoneMatch === "*") throw fail("duplicateRecord");
    if (conditions.ifMatch !== undefined && conditions.ifMatch !== "*" && conditions.ifMatch !== core.store.etag(id))
      throw fail("concurrencyMismatch");
    const at = core.clock.now();
    const now = isoSeconds(at);
    const rules = set === CONVERSATION ? statusRules(row, request, now) : {};
    const before: Row = { ...row };
    const after: Row = { ...row, ...request, ...rules, ...stamps(core, set, caller, now, false) };
    const op: Operation = { message: "Update", set, id, request, before, after, caller, origin, correlationId: randomUUID(), at };
    const steps = stepsOf(core, op);
    await runStages(core, op, steps, [10, 20]);
    const version = core.store.version(id);
    Object.assign(row, after);
    core.store.bump(id);
    stampVersion(core, set, id);
    const audit = writeAudit(core.store, { set, id, operation: "update", before, after, caller, transactionId: op.correlationId, now });
    try {
      await runStages(core, op, steps, [40]);
    } catch (error) {
      for (const property of Object.keys(row)) if (!(property in before)) delete row[property];
      Object.assign(row, before);
      core.store.versions.set(id, version);
      dropAudit(core.store, audit);
      throw error;
    }
    await core.store.save();
    core.events.emit({ type: "change", entity: set.logical, id, operation: "update", statuscode: row.statuscode as number | undefined });
    runAsync(core, op, steps);
    return { row, created: false };
  });
}

export async function deleteRow(core: Core, set: EntitySet, id: string, conditions: Conditions): Promise<void> {
  await serially(core, id, async () => {
    if (!core.store.get(set, id)) throw fail("objectDoesNotExist", { entity: set.logical, id });
    if (conditions.ifMatch !== undefined && conditions.ifMatch !== "*" && conditions.ifMatch !== core.store.etag(id))
      throw fail("concurrencyMismatch");
    core.store.remove(set, id);
    await core.store.save();
    core.events.emit({ type: "change", entity: set.logical, id, operation: "delete" });
  });
}
