/**
 * The local Dataverse as a library: its data, clock, events, faults and webhook log, and `handle`,
 * the Web API over them. createDataverse() builds one; app.ts puts it on HTTP (the factory apart
 * from listen); cli.ts runs it alone.
 */
import { auditTrail, organizationAuditing, tableAuditing, type AuditEntry } from "./audit";
import { DEFAULT_WEBHOOK_TIMEOUT_MS, type CalloutRecord, type CalloutSettings } from "./callout";
import { createClock, isoSeconds, type SimulatedClock } from "./clock";
import { Events } from "./events";
import { Faults } from "./faults";
import { DEFAULT_LANGUAGE } from "./optionSets";
import type { Core } from "./records";
import { SEED, type SeedOptions } from "./seed";
import type { Directory } from "./security";
import { Store } from "./store";
import { CONVERSATION, ENTITY_SETS, ORGANIZATIONS, USERSETTINGS } from "./tables";
import { handleApi, type ApiHost, type ApiRequest, type ApiResponse } from "./webApi";

export interface LoggedRequest {
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body?: string;
}

export interface DataverseOptions {
  /** The JSON data file; without one, data lives in memory only (tests). */
  readonly file?: string;
  /** Start from the seed, replacing the file. */
  readonly reset?: boolean;
  readonly seed?: SeedOptions;
  /** The base clock the simulated clock adds its offset to (default Date.now). */
  readonly now?: () => number;
  /** How long a synchronous webhook may take (Dataverse: 60 s). */
  readonly webhookTimeoutMs?: number;
  /** The fetch the webhook call-out uses (default the global one). */
  readonly fetch?: typeof fetch;
  /** When set, every Web API request must carry `Authorization: Bearer <token>` (401 otherwise). */
  readonly bearerToken?: string;
  /** Called with every Web API request before it is answered. */
  readonly onRequest?: (request: LoggedRequest) => void;
  /** Where operator lines go: a webhook's refusal with its answer, an unexpected error (default stderr). */
  readonly log?: (line: string) => void;
}

export interface Auditing {
  /** organizations.isauditenabled */
  readonly organization: boolean;
  /** EntityDefinitions(LogicalName='msdyn_ocliveworkitem').IsAuditEnabled */
  readonly table: boolean;
}

export class Dataverse implements ApiHost, Core {
  readonly sets = ENTITY_SETS;
  readonly store: Store;
  readonly clock: SimulatedClock;
  readonly events = new Events();
  readonly faults = new Faults((set) => ENTITY_SETS.set(set)?.logical);
  readonly callout: CalloutSettings;
  readonly businessUnitId = SEED.businessUnitId;
  readonly pending = new Set<Promise<unknown>>();
  readonly bearerToken?: string;
  private readonly onRequest?: (request: LoggedRequest) => void;
  private readonly logLine: (line: string) => void;
  private readonly seedOptions?: SeedOptions;

  constructor(options: DataverseOptions = {}) {
    this.store = Store.open(ENTITY_SETS, { file: options.file, reset: options.reset, seed: options.seed });
    const store = this.store;
    this.clock = createClock(options.now ?? Date.now, { get: () => store.clockOffsetMs, set: (offset) => (store.clockOffsetMs = offset) });
    this.callout = { timeoutMs: options.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS, fetch: options.fetch ?? globalThis.fetch };
    this.bearerToken = options.bearerToken;
    this.onRequest = options.onRequest;
    this.logLine = options.log ?? ((line) => process.stderr.write(`dataverse: ${line}\n`));
    this.seedOptions = options.seed;
  }

  /** One Web API request (the path starts with /api/data/v9.2). */
  handle(request: ApiRequest): Promise<ApiResponse> {
    this.onRequest?.({ method: request.method, url: request.url, headers: request.headers, body: request.body });
    return handleApi(this, request);
  }

  log(line: string): void {
    this.logLine(line);
  }

  directory(): Directory {
    return {
      users: this.store.tables.systemusers,
      roles: this.store.roles,
      defaultUserId: SEED.users.admin,
      businessUnitId: this.businessUnitId,
    };
  }

  /** The user's UI language (usersettings.uilanguageid), which picks UserLocalizedLabel and formatted values. */
  languageOf(userId: string): number {
    const language = this.store.get(USERSETTINGS, userId)?.uilanguageid;
    return typeof language === "number" ? language : DEFAULT_LANGUAGE;
  }

  /** The simulated time, as Dataverse writes it. */
  now(): string {
    return isoSeconds(this.clock.now());
  }

  async advanceClock(ms: number): Promise<{ now: string; offsetMs: number }> {
    this.clock.advance(ms);
    await this.store.save();
    const state = { now: this.now(), offsetMs: this.clock.offsetMs };
    this.events.emit({ type: "clock", ...state });
    return state;
  }

  /** The webhook's decisions, oldest first (optionally for one record, the last `limit`). */
  callouts(filter: { recordId?: string; limit?: number } = {}): CalloutRecord[] {
    const all = (this.store.callouts as CalloutRecord[]).filter(
      (c) => filter.recordId === undefined || c.recordId === filter.recordId.toLowerCase(),
    );
    return filter.limit === undefined ? all : all.slice(-filter.limit);
  }

  /** The audit trail, oldest first (optionally for one record). */
  audits(recordId?: string): AuditEntry[] {
    return auditTrail(this.store, recordId);
  }

  auditing(): Auditing {
    return { organization: organizationAuditing(this.store), table: tableAuditing(this.store, CONVERSATION) };
  }

  async setAuditing(change: Partial<Auditing>): Promise<Auditing> {
    const organization = this.store.rows(ORGANIZATIONS)[0];
    if (change.organization !== undefined && organization) {
      organization.isauditenabled = change.organization;
      this.store.bump(String(organization.organizationid));
    }
    if (change.table !== undefined) this.store.tableAudit[CONVERSATION.logical] = change.table;
    await this.store.save();
    const state = this.auditing();
    this.events.emit({ type: "auditing", ...state });
    return state;
  }

  /** Back to the seed: every conversation, audit and call-out is gone, the clock is back to real time. */
  async reset(): Promise<void> {
    await this.settle();
    this.store.reset(this.seedOptions);
    await this.store.save();
    this.events.emit({ type: "reset" });
  }

  /** Waits for asynchronous call-outs still running. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Waits for call-outs and writes what is left to the file. */
  async close(): Promise<void> {
    await this.settle();
    await this.store.flush();
  }
}

export function createDataverse(options: DataverseOptions = {}): Dataverse {
  return new Dataverse(options);
}
