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

export type Action =
  | { readonly kind: "idle" }
  /** The form was asked and has not answered yet. */
  | { readonly kind: "pending" }
  | { readonly kind: "refused" | "failed"; readonly message: string }
  /** No handler answered in time: the form library is not on this form. A late answer still counts. */
  | { readonly kind: "no-handler" };

export interface State {
  readonly target: Target;
  /** The record on screen: the last one read, kept while a newer read is on its way or after it failed. */
  readonly record: ConversationRecord | null;
  /** A read is on its way. */
  readonly reading: boolean;
  /** Why the last read failed; null once a read starts again. */
  readonly problem: ReadProblem | null;
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

const IDLE: Action = { kind: "idle" };

export class Store {
  state: State = { target: { kind: "not-configured" }, record: null, reading: false, problem: null, action: IDLE, labels: null, modes: {} };
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
      this.set({ target, record: null, problem: null, action: IDLE });
      this.load();
    } else if (bound !== undefined && bound !== boundUpdatedOn && this.state.record?.statusUpdatedOn !== boundUpdatedOn) {
      this.load();
    }
  }

  readonly retry = (): void => this.load();

  readonly dismiss = (): void => {
    if (this.state.action.kind !== "pending") this.set({ action: IDLE });
  };

  /** Asks the form for the move; the answer comes through `done`. */
  readonly request = (to: number, trigger: string | null): void => {
    const from = this.state.record?.status;
    if (from == null || this.state.action.kind === "pending") return;
    this.set({ action: { kind: "pending" } });
    let answered = false;
    let final = false;
    const done = (result: TransitionResult): void => {
      // Exactly one final answer counts; "working" may come before it.
      if (final || typeof result !== "object" || result === null) return;
      answered = true;
      if (result.outcome === "working") return this.set({ action: { kind: "pending" } });
      final = true;
      if (result.outcome === "changed") {
        this.set({ action: IDLE });
        this.load();
      } else this.set({ action: { kind: result.outcome === "refused" ? "refused" : "failed", message: String(result.message) } });
    };
    clearTimeout(this.waiting);
    this.waiting = setTimeout(() => answered || this.set({ action: { kind: "no-handler" } }), this.options.ackMs ?? HANDLER_ACK_MS);
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

  /** Reads the target's record; what is on screen stays while it loads. */
  private load(): void {
    const { target, labels } = this.state;
    if (target.kind !== "record") return;
    const { reader } = this.options;
    const seq = ++this.reads;
    this.set({ reading: true, problem: null });
    if (!labels) void reader.labels(target.table).then((found) => this.set({ labels: found }));
    reader.record(target.table, target.id).then(
      (record) => {
        if (seq !== this.reads) return;
        this.set({ record, reading: false });
        const id = record.workstreamId;
        if (id && !(id in this.state.modes))
          void reader.workstreamMode(id).then((mode) => this.set({ modes: { ...this.state.modes, [id]: mode } }));
      },
      (error: unknown) => {
        if (seq === this.reads) this.set({ reading: false, problem: problemOf(error, reader.isOffline()) });
      },
    );
  }
}
