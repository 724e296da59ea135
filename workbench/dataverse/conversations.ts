/**
 * Rules Dataverse and Omnichannel apply to a conversation's status (PLATFORM.md §1, §4):
 *  - a status reason belongs to one state: a request naming both must name a matching pair
 *    (0x80048408 InvalidStateCodeStatusCode); a lone status reason brings its own state, a lone
 *    state its default status reason;
 *  - when the status reason changes, msdyn_statusupdatedon is set, and msdyn_wrapupinitiatedon or
 *    msdyn_closedon when it becomes Wrap-up or Closed, from the simulated clock. The platform
 *    maintains these columns in an environment; the workbench models that, unless the request
 *    sets them itself.
 */
import { STATES, Status, State, statusOf, type StatusValue } from "../../plugins/lifecycle";
import { fail } from "./errors";
import type { Row } from "./entitySets";

const stateLabel = (value: number) => STATES.find((s) => s.value === value)?.label ?? String(value);

function mismatch(status: number, state: number): never {
  const definition = statusOf(status);
  throw fail("invalidStateStatus", {
    detail: definition
      ? `statuscode ${status} (${definition.label}) belongs to statecode ${definition.state} (${stateLabel(definition.state)}), not ${state} (${stateLabel(state)}).`
      : `statuscode ${status} is not a status reason of msdyn_ocliveworkitem.`,
  });
}

/**
 * The state and status a write ends with, plus the columns the platform maintains, as more changes.
 * `old` is undefined for a create.
 */
export function statusRules(old: Row | undefined, changes: Row, now: string): Row {
  const more: Row = {};
  const askedStatus = changes.statuscode as number | undefined;
  const askedState = changes.statecode as number | undefined;
  const oldStatus = old?.statuscode as number | undefined;
  const oldState = old?.statecode as number | undefined;
  let status = oldStatus ?? (STATES.find((s) => s.value === State.Open)?.defaultStatus as number);
  let state = oldState ?? State.Open;

  if (askedStatus !== undefined && askedStatus !== null) {
    const own = statusOf(askedStatus)?.state;
    if (own === undefined || (askedState !== undefined && askedState !== own)) mismatch(askedStatus, askedState ?? state);
    status = askedStatus;
    state = own;
  } else if (askedState !== undefined && askedState !== null && (old === undefined || askedState !== oldState)) {
    const defaultStatus = STATES.find((s) => s.value === askedState)?.defaultStatus as StatusValue;
    if (statusOf(defaultStatus)?.state !== askedState)
      throw fail("invalidStateStatus", { detail: `statecode ${askedState} (${stateLabel(askedState)}) has no status reason any more.` });
    status = defaultStatus;
    state = askedState;
  }
  if (askedStatus === null || askedState === null) throw fail("invalidStateStatus", { detail: "statecode and statuscode cannot be null." });

  if (old === undefined || status !== oldStatus) {
    more.statuscode = status;
    more.statecode = state;
    if (!("msdyn_statusupdatedon" in changes)) more.msdyn_statusupdatedon = now;
    if (status === Status.WrapUp && !("msdyn_wrapupinitiatedon" in changes)) more.msdyn_wrapupinitiatedon = now;
    if (status === Status.Closed && !("msdyn_closedon" in changes)) more.msdyn_closedon = now;
  } else if (state !== oldState) {
    more.statecode = state;
  }
  return more;
}
