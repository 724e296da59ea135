/**
 * The control's state and the work that changes it: reading the record (numbered, so an answer that
 * arrives after a newer read started is dropped), and asking the form for a move through the
 * transitionRequested event, with a wait for a handler to say it has the request. The view renders
 * `state` and nothing else; every change goes through set(), which tells it.
 */
import { HANDLER_ACK_MS, type TransitionResult } from "../../plugins/events/transitionRequested";
import type { ConversationModeName } from "../../plugins/lifecycle/channels";
import type { Events } from "./inputs";
import type { MetadataLabels } from "./labels";
import { problemOf, type ConversationRecord, type ReadProblem } from "./record";
import type { Reader } from "./reader";
import type { ControlSettings, Target } from "./settings";

export type Read =
  /** Nothing to read: no record to show (not configured, new, another table). */
  | { readonly kind: "none" }
  /** The first read is on its way: nothing to show yet. */
  | { readonly kind: "loading" }
  | { readonly kind: "shown"; readonly record: ConversationRecord; readonly refreshing: boolean }
  /** The read failed; `record` is the last one shown, if any. */
  | { readonly kind: "problem"; readonly problem: ReadProblem; readonly message: string; readonly record: ConversationRecord | null };

export type Action =
  | { readonly kind: "idle" }
  /** The form was asked; `acknowledged` once a handler said it has the request. */
  | { readonly kind: "pending"; readonly acknowledged: boolean }
  | { readonly kind: "refused" | "failed"; readonly message: string }
  /** No handler answered in time: the form library is not on this form. A late answer still counts. */
  | { readonly kind: "no-handler" };

export interface State {
  readonly target: Target;
  readonly read: Read;
  readonly action: Action;
  readonly labels: MetadataLabels | null;
  /** Workstream modes read so far, by workstream id (null: not readable). */
  readonly modes: Readonly<Record<string, ConversationModeName | null>>;
}

export interface StoreOptions {
  readonly reader: Reader;
  /** context.events, where transitionRequested is raised. */
  readonly events: () => Partial<Events> | undefined;
  /** How long to wait for a handler to acknowledge a request. */
  readonly ackMs?: number;
}

/** The record on screen, if any (also the last one shown when a refresh failed). */
export const recordShown = (read: Read): ConversationRecord | null =>
  read.kind === "shown" || read.kind === "problem" ? read.record : null;

const IDLE: Action = { kind: "idle" };

export class Store {
  state: State = { target: { kind: "not-configured" }, read: { kind: "none" }, action: IDLE, labels: null, modes: {} };
  private readonly listeners = new Set<() => void>();
  /** The number of the newest read; answers to older ones are dropped. */
  private reads = 0;
  /** The form's msdyn_statusupdatedon as last seen; undefined before the first update. */
  private bound: number | null | undefined;
  private waiting: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: StoreOptions) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** From updateView. Reads when the target changed, or when the form's msdyn_statusupdatedon moved away from the record's. */
  update({ target, boundUpdatedOn }: ControlSettings): void {
    const bound = this.bound;
    this.bound = boundUpdatedOn;
    if (JSON.stringify(target) !== JSON.stringify(this.state.target)) {
      // Another record: nothing of the old one may show.
      this.set({ target, read: { kind: "none" }, action: IDLE });
      this.load();
    } else if (bound !== undefined && bound !== boundUpdatedOn && this.state.read.kind !== "loading") {
      if (recordShown(this.state.read)?.statusUpdatedOn !== boundUpdatedOn) this.load();
    }
  }

  readonly retry = (): void => this.load();

  readonly dismiss = (): void => {
    if (this.state.action.kind !== "pending") this.set({ action: IDLE });
  };

  /** Asks the form for the move; the answer comes through `done`. */
  readonly request = (to: number, trigger: string | null): void => {
    const from = recordShown(this.state.read)?.status;
    if (from == null || this.state.action.kind === "pending") return;
    this.set({ action: { kind: "pending", acknowledged: false } });
    let final = false;
    const done = (result: TransitionResult): void => {
      // Exactly one final answer counts; "working" may come before it.
      if (final || typeof result !== "object" || result === null) return;
      clearTimeout(this.waiting);
      if (result.outcome === "working") return this.set({ action: { kind: "pending", acknowledged: true } });
      final = true;
      if (result.outcome === "changed") {
        this.set({ action: IDLE });
        this.load();
      } else this.set({ action: { kind: result.outcome === "refused" ? "refused" : "failed", message: String(result.message) } });
    };
    clearTimeout(this.waiting);
    this.waiting = setTimeout(() => {
      if (this.state.action.kind === "pending" && !this.state.action.acknowledged) this.set({ action: { kind: "no-handler" } });
    }, this.options.ackMs ?? HANDLER_ACK_MS);
    try {
      this.options.events()?.transitionRequested?.({ from, to, trigger, done });
    } catch (error) {
      done({ outcome: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  };

  destroy(): void {
    clearTimeout(this.waiting);
    this.listeners.clear();
    this.reads++;
  }

  private set(change: Partial<State>): void {
    this.state = { ...this.state, ...change };
    this.listeners.forEach((listener) => listener());
  }

  /** Reads the target's record, keeping what is on screen while it loads. */
  private load(): void {
    const { target, read, labels } = this.state;
    if (target.kind !== "record") return;
    const { reader } = this.options;
    const seq = ++this.reads;
    const shown = recordShown(read);
    this.set({ read: shown ? { kind: "shown", record: shown, refreshing: true } : { kind: "loading" } });
    if (!labels) void reader.labels(target.table).then((found) => this.set({ labels: found }));
    reader.record(target.table, target.id).then(
      (record) => {
        if (seq !== this.reads) return;
        this.set({ read: { kind: "shown", record, refreshing: false } });
        const id = record.workstreamId;
        if (id && !(id in this.state.modes))
          void reader.workstreamMode(id).then((mode) => this.set({ modes: { ...this.state.modes, [id]: mode } }));
      },
      (error: unknown) => {
        if (seq === this.reads)
          this.set({ read: { kind: "problem", ...problemOf(error, reader.isOffline()), record: recordShown(this.state.read) } });
      },
    );
  }
}
