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

// Resolved and Scheduled are "for internal use only" (seed); Closed is final ("Agents can't reactivate or reopen closed conversations").
export const STATUSES: readonly StatusDefinition[] = [
  { value: Status.Open, name: "open", label: "Open", state: State.Open, internal: false, terminal: false, capacity: "free" },
  { value: Status.Active, name: "active", label: "Active", state: State.Open, internal: false, terminal: false, capacity: "consumes" },
  { value: Status.Waiting, name: "waiting", label: "Waiting", state: State.Open, internal: false, terminal: false, capacity: "free" },
  { value: Status.Closed, name: "closed", label: "Closed", state: State.Closed, internal: false, terminal: true, capacity: "free" },
  {
    value: Status.WrapUp,
    name: "wrap-up",
    label: "Wrap-up",
    state: State.Open,
    internal: false,
    terminal: false,
    capacity: "wrap-up-block",
  },
  {
    value: Status.Resolved,
    name: "resolved",
    label: "Resolved",
    state: State.Resolved,
    internal: true,
    terminal: false,
    capacity: "not-documented",
  },
  {
    value: Status.Scheduled,
    name: "scheduled",
    label: "Scheduled",
    state: State.Scheduled,
    internal: true,
    terminal: false,
    capacity: "not-documented",
  },
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

export const STATES: readonly StateDefinition[] = [
  { value: State.Open, name: "open", label: "Open", defaultStatus: Status.Open, deprecated: false },
  { value: State.Closed, name: "closed", label: "Closed", defaultStatus: Status.Closed, deprecated: false },
  { value: State.Resolved, name: "resolved", label: "Resolved", defaultStatus: Status.Resolved, deprecated: false },
  { value: State.Scheduled, name: "scheduled", label: "Scheduled", defaultStatus: Status.Scheduled, deprecated: false },
  {
    value: State.WrapUpDeprecated,
    name: "wrap-up-deprecated",
    label: "Wrap-up (Deprecated)",
    defaultStatus: Status.WrapUp,
    deprecated: true,
  },
];

// statusOf runs for every verdict the webhook gives, so it looks values up in a map.
const BY_VALUE: ReadonlyMap<number, StatusDefinition> = new Map(STATUSES.map((s) => [s.value, s]));

/** The definition of a statuscode, or undefined for a value the table does not have. */
export function statusOf(value: unknown): StatusDefinition | undefined {
  return typeof value === "number" ? BY_VALUE.get(value) : undefined;
}

/** The definition of a status by its slug ("wrap-up"), or undefined. */
export function statusNamed(name: string): StatusDefinition | undefined {
  return STATUSES.find((s) => s.name === name);
}

/** The statecode a status reason belongs to (Dataverse rejects any other pair). */
export function stateOf(status: StatusValue): StateValue {
  return (BY_VALUE.get(status) as StatusDefinition).state;
}
