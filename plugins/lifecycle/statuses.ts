/**
 * Status reasons (statuscode) and states (statecode) of msdyn_ocliveworkitem.
 * Values: PLATFORM.md §1. This file is the only place a status value is written.
 */

export const Status = {
  Open: 1,
  Active: 2,
  Waiting: 3,
  Closed: 4,
  WrapUp: 5,
  Resolved: 6,
  Scheduled: 7,
} as const;

export type StatusValue = (typeof Status)[keyof typeof Status];

export const State = {
  Open: 0,
  Closed: 1,
  Resolved: 2,
  Scheduled: 3,
  WrapUpDeprecated: 4,
} as const;

export type StateValue = (typeof State)[keyof typeof State];

/** What a status does to the agent's capacity (seed: Active, Wrap-up and Waiting sections). */
export type CapacityRule = "consumes" | "free" | "wrap-up-block" | "not-documented";

export interface StatusDefinition {
  readonly value: StatusValue;
  /** Stable slug used by the CLI, message keys and docs. */
  readonly name: "open" | "active" | "waiting" | "closed" | "wrap-up" | "resolved" | "scheduled";
  /** English label as Dataverse ships it; localised labels live in the resx files. */
  readonly label: string;
  readonly state: StateValue;
  /** Resolved and Scheduled are "for internal use only" (seed, note under the status list). */
  readonly internal: boolean;
  /** Closed: "Agents can't reactivate or reopen closed conversations." */
  readonly terminal: boolean;
  readonly capacity: CapacityRule;
}

const INTERNAL = 1;
const TERMINAL = 2;

// Rows rather than object literals: the same data, a third of the bytes in browser bundles.
const status = (
  value: StatusValue,
  name: StatusDefinition["name"],
  label: string,
  state: StateValue,
  capacity: CapacityRule,
  flags = 0,
): StatusDefinition =>
  Object.freeze({ value, name, label, state, internal: (flags & INTERNAL) !== 0, terminal: (flags & TERMINAL) !== 0, capacity });

// value, name, label, statecode, capacity, flags
export const STATUSES: readonly StatusDefinition[] = [
  status(Status.Open, "open", "Open", State.Open, "free"),
  status(Status.Active, "active", "Active", State.Open, "consumes"),
  status(Status.Waiting, "waiting", "Waiting", State.Open, "free"),
  status(Status.Closed, "closed", "Closed", State.Closed, "free", TERMINAL),
  status(Status.WrapUp, "wrap-up", "Wrap-up", State.Open, "wrap-up-block"),
  status(Status.Resolved, "resolved", "Resolved", State.Resolved, "not-documented", INTERNAL),
  status(Status.Scheduled, "scheduled", "Scheduled", State.Scheduled, "not-documented", INTERNAL),
];

export type StatusName = StatusDefinition["name"];

export interface StateDefinition {
  readonly value: StateValue;
  readonly name: "open" | "closed" | "resolved" | "scheduled" | "wrap-up-deprecated";
  readonly label: string;
  readonly defaultStatus: StatusValue;
  /** statecode 4 still exists but no status reason maps to it any more. */
  readonly deprecated: boolean;
}

const state = (
  value: StateValue,
  name: StateDefinition["name"],
  label: string,
  defaultStatus: StatusValue,
  deprecated = false,
): StateDefinition => Object.freeze({ value, name, label, defaultStatus, deprecated });

// value, name, label, default status reason, deprecated
export const STATES: readonly StateDefinition[] = [
  state(State.Open, "open", "Open", Status.Open),
  state(State.Closed, "closed", "Closed", Status.Closed),
  state(State.Resolved, "resolved", "Resolved", Status.Resolved),
  state(State.Scheduled, "scheduled", "Scheduled", Status.Scheduled),
  state(State.WrapUpDeprecated, "wrap-up-deprecated", "Wrap-up (Deprecated)", Status.WrapUp, true),
];

const BY_VALUE: ReadonlyMap<number, StatusDefinition> = /* @__PURE__ */ new Map(STATUSES.map((s) => [s.value, s]));

/** The definition of a statuscode, or undefined for a value the table does not have. */
export function statusOf(value: unknown): StatusDefinition | undefined {
  return typeof value === "number" ? BY_VALUE.get(value) : undefined;
}

/** The statecode a status reason belongs to (Dataverse rejects any other pair). */
export function stateOf(status: StatusValue): StateValue {
  return (BY_VALUE.get(status) as StatusDefinition).state;
}
