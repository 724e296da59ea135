/**
 * The conversation as the control reads it through context.webAPI (PCF retrieveRecord), and why a
 * read failed. Pure: the reader does the I/O.
 */
import { channelValuesOf } from "../../plugins/lifecycle/channels";
import { ConversationColumn as C, lookupValue } from "../../plugins/lifecycle/conversationTable";

/** The columns read, as retrieveRecord's $select. */
export const RECORD_SELECT = `?$select=${[C.Status, C.State, C.Channel, C.StatusChangeReason, lookupValue(C.Workstream), C.StatusUpdatedOn].join(",")}`;

export interface ConversationRecord {
  readonly status: number | null;
  readonly state: number | null;
  readonly channels: readonly number[];
  readonly changeReason: number | null;
  /** The change reason's label as the Web API formats it, when it sends one. */
  readonly changeReasonText: string | null;
  readonly workstreamId: string | null;
  /** msdyn_statusupdatedon in epoch ms. */
  readonly statusUpdatedOn: number | null;
}

const whole = (value: unknown): number | null => (Number.isInteger(value) ? (value as number) : null);

/** The formatted-value annotation of a column ("Formatted values" in the Web API docs), if the row has one. */
const formatted = (row: Readonly<Record<string, unknown>>, column: string): string | null => {
  const text = row[`${column}@OData.Community.Display.V1.FormattedValue`];
  return typeof text === "string" && text ? text : null;
};

/** A row as the Web API returns it (msdyn_channel as "192360000,192380000"; dates as ISO strings). */
export function recordOf(row: Readonly<Record<string, unknown>>): ConversationRecord {
  const updated = typeof row[C.StatusUpdatedOn] === "string" ? Date.parse(row[C.StatusUpdatedOn] as string) : NaN;
  const workstream = row[lookupValue(C.Workstream)];
  return {
    status: whole(row[C.Status]),
    state: whole(row[C.State]),
    channels: channelValuesOf(row[C.Channel]),
    changeReason: whole(row[C.StatusChangeReason]),
    changeReasonText: formatted(row, C.StatusChangeReason),
    workstreamId: typeof workstream === "string" && workstream ? workstream.toLowerCase() : null,
    statusUpdatedOn: Number.isFinite(updated) ? updated : null,
  };
}

/** Why a read failed: `kind` names the message shown (the resx string control.<kind>), with the platform's own words. */
export interface ReadProblem {
  readonly kind: "offline" | "forbidden" | "notFound" | "readFailed";
  readonly message: string;
}

/**
 * Dataverse error codes (decimal, as Xrm.WebApi's errorCode) → what the agent is told. Sources:
 * "Troubleshoot Dataverse client errors" (-2147220960 missing privilege, -2147187962 no access right,
 * -2147220839 privilege check failed, -2147220969 record does not exist) and "Web service error codes"
 * (-2147187707 AccessDenied).
 */
const PROBLEMS: Readonly<Record<number, ReadProblem["kind"]>> = {
  [-2147220960]: "forbidden",
  [-2147187962]: "forbidden",
  [-2147220839]: "forbidden",
  [-2147187707]: "forbidden",
  [-2147220969]: "notFound",
};

/** A failed read: the error's code when it has a known one, offline when the client says so, else failed. */
export function problemOf(error: unknown, offline: boolean): ReadProblem {
  const { errorCode, message } = (error ?? {}) as { errorCode?: unknown; message?: unknown };
  const text = typeof message === "string" && message.trim() ? message.trim() : String(error);
  const known = typeof errorCode === "number" ? PROBLEMS[errorCode] : undefined;
  return { kind: known ?? (offline ? "offline" : "readFailed"), message: text };
}
