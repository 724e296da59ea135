/**
 * All the local Dataverse's data, in memory and in one JSON file. Each change is written to the file
 * before its request is answered (temp file + rename, so a crash never leaves half a file); bursts
 * of changes share one write. A file that cannot be read is never overwritten: the error names it
 * and --reset.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { EntitySet, EntitySets, Row } from "./entitySets";
import { seedData, type SeedOptions } from "./seed";
import type { Role } from "./security";

export const DATA_FORMAT = "conversation-state/workbench-dataverse";
export const DATA_VERSION = 1;

/** Old and new values of an audited change, as stored (Web API property names). */
export interface AuditDetail {
  readonly old: Row;
  readonly new: Row;
}

export interface DataFile {
  readonly format: typeof DATA_FORMAT;
  readonly version: number;
  readonly clockOffsetMs: number;
  readonly nextVersion: number;
  readonly tables: Record<string, Row[]>;
  readonly versions: Record<string, number>;
  readonly roles: Record<string, Role>;
  readonly auditDetails: Record<string, AuditDetail>;
  /** EntityMetadata.IsAuditEnabled as switched in the workbench, by logical name. */
  readonly tableAudit: Record<string, boolean>;
  readonly callouts: unknown[];
}

export class StoreError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(
      `The local Dataverse cannot read its data file ${file}: ${reason}. The file was left as it is. ` +
        `Start with --reset to begin again from the seed (this replaces the file), or move the file away to keep it.`,
    );
    this.name = "StoreError";
  }
}

/** How many call-outs the file keeps (the oldest go first). */
export const MAX_CALLOUTS = 1000;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function check(data: unknown, sets: EntitySets): asserts data is DataFile {
  if (!isObject(data)) throw new Error("it is not a JSON object");
  if (data.format !== DATA_FORMAT) throw new Error(`its "format" is ${JSON.stringify(data.format)}, not "${DATA_FORMAT}"`);
  if (data.version !== DATA_VERSION)
    throw new Error(`it is version ${JSON.stringify(data.version)}; this workbench reads version ${DATA_VERSION}`);
  if (typeof data.clockOffsetMs !== "number" || typeof data.nextVersion !== "number")
    throw new Error("clockOffsetMs or nextVersion is not a number");
  for (const name of ["tables", "versions", "roles", "auditDetails", "tableAudit"])
    if (!isObject(data[name])) throw new Error(`"${name}" is not an object`);
  if (!Array.isArray(data.callouts)) throw new Error(`"callouts" is not an array`);
  for (const [name, rows] of Object.entries(data.tables as Record<string, unknown>)) {
    const set = sets.set(name);
    if (!set) throw new Error(`it has a table "${name}" this workbench does not know`);
    if (!Array.isArray(rows) || !rows.every((row) => isObject(row) && typeof row[set.key] === "string"))
      throw new Error(`table "${name}" is not a list of rows with their ${set.key}`);
  }
}

export interface StoreOptions {
  /** The JSON file; without one the data lives in memory only. */
  readonly file?: string;
  /** Start from the seed, replacing the file. */
  readonly reset?: boolean;
  readonly seed?: SeedOptions;
}

export class Store {
  readonly tables: Record<string, Map<string, Row>> = {};
  readonly versions = new Map<string, number>();
  readonly auditDetails = new Map<string, AuditDetail>();
  roles: Record<string, Role> = {};
  tableAudit: Record<string, boolean> = {};
  callouts: unknown[] = [];
  clockOffsetMs = 0;
  private nextVersion = 1000;
  private dirty = false;
  private writing: Promise<void> | undefined;

  private constructor(
    readonly sets: EntitySets,
    readonly file: string | undefined,
  ) {
    for (const set of sets.all) this.tables[set.set] = new Map();
  }

  static open(sets: EntitySets, options: StoreOptions = {}): Store {
    const store = new Store(sets, options.file);
    const file = options.file;
    if (file && !options.reset && existsSync(file)) {
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(file, "utf8"));
        check(data, sets);
      } catch (error) {
        throw new StoreError(file, (error as Error).message);
      }
      store.load(data);
    } else {
      store.seed(options.seed);
      if (file) store.writeSync();
    }
    return store;
  }

  private load(data: DataFile): void {
    this.clockOffsetMs = data.clockOffsetMs;
    this.nextVersion = data.nextVersion;
    for (const [name, rows] of Object.entries(data.tables)) {
      const key = (this.sets.set(name) as EntitySet).key;
      for (const row of rows) this.tables[name].set(String(row[key]), row);
    }
    for (const [id, version] of Object.entries(data.versions)) this.versions.set(id, version);
    for (const [id, detail] of Object.entries(data.auditDetails)) this.auditDetails.set(id, detail);
    this.roles = { ...data.roles };
    this.tableAudit = { ...data.tableAudit };
    this.callouts = [...data.callouts];
  }

  private seed(options?: SeedOptions): void {
    const data = seedData(options);
    this.roles = { ...data.roles };
    for (const [name, rows] of Object.entries(data.tables)) for (const row of rows) this.insert(this.sets.set(name) as EntitySet, row);
  }

  /** Back to the seed, in place (the file is written by the next save). */
  reset(options?: SeedOptions): void {
    for (const rows of Object.values(this.tables)) rows.clear();
    this.versions.clear();
    this.auditDetails.clear();
    this.tableAudit = {};
    this.callouts = [];
    this.clockOffsetMs = 0;
    this.seed(options);
  }

  /** Rows in the order they were created. */
  rows(set: EntitySet): Row[] {
    return [...this.tables[set.set].values()];
  }

  get(set: EntitySet, id: string): Row | undefined {
    return this.tables[set.set].get(id.toLowerCase());
  }

  /** Adds a row as given (no checks: the Web API layer checks), with the table's defaults and a first version. */
  insert(set: EntitySet, row: Row): string {
    const id = String(row[set.key] ?? randomUUID()).toLowerCase();
    this.tables[set.set].set(id, { ...set.defaults, ...row, [set.key]: id });
    this.bump(id);
    return id;
  }

  /** A new version number for a row: its etag changes. */
  bump(id: string): number {
    const version = this.nextVersion++;
    this.versions.set(id, version);
    return version;
  }

  version(id: string): number {
    return this.versions.get(id) ?? 0;
  }

  /** The weak etag Dataverse derives from the row's version ("Perform conditional operations"). */
  etag(id: string): string {
    return `W/"${this.version(id)}"`;
  }

  /** Deletes a row and the rows its table cascades to; returns every id removed. */
  remove(set: EntitySet, id: string): string[] {
    const removed: string[] = [];
    if (!this.tables[set.set].delete(id)) return removed;
    this.versions.delete(id);
    removed.push(id);
    for (const [childSet, property] of set.cascade ?? []) {
      const child = this.sets.set(childSet) as EntitySet;
      for (const [childId, row] of [...this.tables[childSet]]) if (row[property] === id) removed.push(...this.remove(child, childId));
    }
    return removed;
  }

  addCallout(record: unknown): void {
    this.callouts.push(record);
    if (this.callouts.length > MAX_CALLOUTS) this.callouts.splice(0, this.callouts.length - MAX_CALLOUTS);
  }

  toJSON(): DataFile {
    const tables: Record<string, Row[]> = {};
    for (const [name, rows] of Object.entries(this.tables)) tables[name] = [...rows.values()];
    return {
      format: DATA_FORMAT,
      version: DATA_VERSION,
      clockOffsetMs: this.clockOffsetMs,
      nextVersion: this.nextVersion,
      tables,
      versions: Object.fromEntries(this.versions),
      roles: this.roles,
      auditDetails: Object.fromEntries(this.auditDetails),
      tableAudit: this.tableAudit,
      callouts: this.callouts,
    };
  }

  /** Writes the file once every change so far is in it; concurrent callers share writes. */
  async save(): Promise<void> {
    if (!this.file) return;
    this.dirty = true;
    while (this.writing) await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    this.writing = this.write().finally(() => (this.writing = undefined));
    await this.writing;
  }

  /** Waits for a write under way, then writes what is left (on shutdown). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.dirty) await this.save();
  }

  private async write(): Promise<void> {
    const file = this.file as string;
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(this.toJSON()));
    await rename(temp, file);
  }

  private writeSync(): void {
    const file = this.file as string;
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.toJSON()));
    renameSync(temp, file);
  }
}
