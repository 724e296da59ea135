/**
 * What changed, announced to the workbench page (over Server-Sent Events at /workbench/api/events)
 * and to library users, so a view can refresh instead of polling.
 */

export type WorkbenchEvent =
  | {
      readonly type: "change";
      readonly entity: string;
      readonly id: string;
      readonly operation: "create" | "update" | "delete";
      readonly statuscode?: number;
    }
  | { readonly type: "callout"; readonly id: string; readonly recordId: string; readonly outcome: string; readonly status: number | null }
  | { readonly type: "clock"; readonly now: string; readonly offsetMs: number }
  | { readonly type: "auditing"; readonly organization: boolean; readonly table: boolean }
  | { readonly type: "reset" };

export type Listener = (event: WorkbenchEvent) => void;

export class Events {
  private readonly listeners = new Set<Listener>();

  /** Returns the function that unsubscribes. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: WorkbenchEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A failing listener (a closed stream) must not fail the change that is announced.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
