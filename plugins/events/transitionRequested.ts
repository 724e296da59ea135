/**
 * The contract between the control and the form script: the control declares the event
 * `transitionRequested` in its manifest and raises it with a TransitionRequest; a form script
 * subscribes with formContext.getControl(<column>).addEventHandler (Client API addEventHandler,
 * "Define Events" in the PCF docs) and answers through `done`. No Xrm and no PCF types here:
 * both browser bundles import it.
 */

import { ConversationColumn } from "../lifecycle/conversationTable";

export const TRANSITION_REQUESTED = "transitionRequested";

/** The column the control is placed on by default: msdyn_statusupdatedon changes whenever the status does. */
export const DEFAULT_CONTROL_COLUMN = ConversationColumn.StatusUpdatedOn;

/**
 * How long the control waits for a handler to say it has the request (`done({ outcome: "working" })`
 * or a final answer) before telling the agent that actions need the form library on this form.
 */
export const HANDLER_ACK_MS = 3000;

export type TransitionResult =
  /** A handler has the request and is working on it; a final result follows. */
  | { readonly outcome: "working" }
  /** The status was changed and saved. */
  | { readonly outcome: "changed" }
  /** The move was not made, for a reason the agent can act on; `message` is in the user's language. */
  | { readonly outcome: "refused"; readonly reason: string; readonly message: string }
  /** The move was tried and failed (a save error, the server said no, offline); `message` says what happened. */
  | { readonly outcome: "failed"; readonly message: string };

export interface TransitionRequest {
  /** The status reason (statuscode) the control shows. */
  readonly from: number;
  /** The status reason the agent asked for. */
  readonly to: number;
  /** The lifecycle trigger the agent's button stands for (e.g. "agent-ends"), or null when the control has none. */
  readonly trigger: string | null;
  /** Report back: at most one "working", then exactly one final result. */
  readonly done: (result: TransitionResult) => void;
}

/** A request as it may arrive from anything that raised the event: checked before it is trusted. */
export function isTransitionRequest(value: unknown): value is TransitionRequest {
  const request = value as Partial<TransitionRequest> | null;
  return (
    typeof request === "object" &&
    request !== null &&
    Number.isInteger(request.from) &&
    Number.isInteger(request.to) &&
    (request.trigger === null || typeof request.trigger === "string") &&
    typeof request.done === "function"
  );
}
