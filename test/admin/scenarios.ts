/**
 * The scenarios the admin tests and the docs' samples share: a live chat walked from Open to Closed,
 * with its audit trail, and a set of open conversations around their documented closures. Each is a
 * purpose-built answer to the exact requests the commands send, shaped as Microsoft's docs show.
 */
import { Status, StatusChangeReason } from "../../plugins/lifecycle";
import { API, dataverseError, ok, page, routes, type Handler, type Reply } from "./http";
import { ADMIN, CONVERSATION, PLATFORM_USER, auditDetail, auditRow } from "./shapes";

export const WORKSTREAM = "9a2a1b0c-1111-4222-8333-444455556666";
export const AUDIT = (n: number) => `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, "0")}`;
export const HISTORY_NOW = "2025-03-01T10:00:00Z";
export const vars = { PLATFORM_USER_IDS: PLATFORM_USER, OPERATOR_USER_IDS: ADMIN };

export const conversationRow = {
  "@odata.etag": 'W/"9001"',
  activityid: CONVERSATION,
  statuscode: Status.Closed,
  statecode: 1,
  msdyn_channel: "192360000",
  "msdyn_channel@OData.Community.Display.V1.FormattedValue": "Live chat",
  msdyn_statusupdatedon: "2025-03-01T09:25:00Z",
  createdon: "2025-03-01T09:00:00Z",
  "_msdyn_liveworkstreamid_value@OData.Community.Display.V1.FormattedValue": "Chat workstream",
  _msdyn_liveworkstreamid_value: WORKSTREAM,
};

/** The walked conversation's audit trail: creation, the platform's assignment, an update of another column, the agent's end and close. */
export const trail = [
  {
    row: auditRow({ id: AUDIT(1), at: "2025-03-01T09:00:00Z", operation: 1, user: PLATFORM_USER, userName: "Omnichannel" }),
    detail: auditDetail(undefined, Status.Open, StatusChangeReason.AwaitingAgentAssignment),
  },
  {
    row: auditRow({ id: AUDIT(2), at: "2025-03-01T09:05:00Z", user: PLATFORM_USER, userName: "Omnichannel" }),
    detail: auditDetail(Status.Open, Status.Active, StatusChangeReason.InConversation),
  },
  {
    row: auditRow({ id: AUDIT(3), at: "2025-03-01T09:10:00Z", userName: "Ana Agent" }),
    detail: auditDetail(undefined, undefined, undefined, { msdyn_escalationcount: 1 }),
  },
  {
    row: auditRow({ id: AUDIT(4), at: "2025-03-01T09:20:00Z", userName: "Ana Agent" }),
    detail: auditDetail(Status.Active, Status.WrapUp, StatusChangeReason.AgentMovedToWrapUp),
  },
  {
    row: auditRow({ id: AUDIT(5), at: "2025-03-01T09:25:00Z", userName: "Ana Agent" }),
    detail: auditDetail(Status.WrapUp, Status.Closed, StatusChangeReason.ConversationEndedByAgent),
  },
];

export function historyDataverse(overrides: Record<string, Parameters<typeof routes>[0][string]> = {}, pageSize = 100): Handler {
  const details = new Map(trail.map((t) => [t.row.auditid as string, t.detail]));
  return routes({
    [`GET msdyn_ocliveworkitems(${CONVERSATION})`]: ok(conversationRow),
    [`GET msdyn_liveworkstreams(${WORKSTREAM})`]: ok({
      msdyn_name: "Chat workstream",
      msdyn_conversationmode: 192350000,
      msdyn_blockcapacityforwrapup: 0,
    }),
    "GET organizations?": page([{ isauditenabled: true, organizationid: "11111111-2222-4333-8444-555555555555" }]),
    "GET EntityDefinitions(LogicalName='msdyn_ocliveworkitem')/Attributes(LogicalName='statuscode')": ok({
      IsAuditEnabled: { Value: true, CanBeChanged: true },
    }),
    "GET EntityDefinitions(LogicalName='msdyn_ocliveworkitem')?": ok({
      LogicalName: "msdyn_ocliveworkitem",
      IsAuditEnabled: { Value: true, CanBeChanged: true },
    }),
    "GET audits?": (request) => {
      const skip = Number(/\$skiptoken=(\d+)/.exec(request.path)?.[1] ?? 0);
      const rows = trail.slice(skip, skip + pageSize).map((t) => t.row);
      return page(
        rows,
        skip + pageSize < trail.length ? `http://${request.headers.host}${API}audits?$skiptoken=${skip + pageSize}` : undefined,
      );
    },
    "GET audits(": (request) => {
      const id = /^audits\(([^)]+)\)\/Microsoft\.Dynamics\.CRM\.RetrieveAuditDetails$/.exec(request.path)?.[1];
      const detail = id && details.get(id);
      return detail ? ok(detail) : dataverseError(404, "0x80040217", `audit With Id = ${id} Does Not Exist`);
    },
    ...overrides,
  });
}

export const STUCK_NOW = "2025-03-01T12:00:00Z";
export const ago = (minutes: number) => new Date(Date.parse(STUCK_NOW) - minutes * 60_000).toISOString().replace(".000Z", "Z");
export const id = (n: number) => `cccccccc-0000-4000-8000-${String(n).padStart(12, "0")}`;
export const LIVE_WS = "11111111-0000-4000-8000-000000000001";
export const PERSISTENT_WS = "11111111-0000-4000-8000-000000000002";
export const QUEUE = "22222222-0000-4000-8000-000000000001";
export const STUCK_AGENT = "33333333-0000-4000-8000-000000000001";

export interface Spec {
  n: number;
  status: number;
  channel: string;
  inStatus: number;
  modified?: number;
  workstream?: string;
}

/** A listed row, with the formatted values Prefer: odata.include-annotations asks for. */
export function row(spec: Spec): Record<string, unknown> {
  return {
    "@odata.etag": `W/"${1000 + spec.n}"`,
    activityid: id(spec.n),
    statuscode: spec.status,
    msdyn_channel: spec.channel,
    msdyn_statusupdatedon: ago(spec.inStatus),
    modifiedon: ago(spec.modified ?? spec.inStatus),
    "_msdyn_activeagentid_value@OData.Community.Display.V1.FormattedValue": "Ana Agent",
    _msdyn_activeagentid_value: STUCK_AGENT,
    "_msdyn_liveworkstreamid_value@OData.Community.Display.V1.FormattedValue":
      spec.workstream === PERSISTENT_WS ? "Persistent chat" : "Chat",
    _msdyn_liveworkstreamid_value: spec.workstream ?? LIVE_WS,
    "_msdyn_cdsqueueid_value@OData.Community.Display.V1.FormattedValue": "Tier 1",
    _msdyn_cdsqueueid_value: QUEUE,
  };
}

export const DAY = 24 * 60;
export const SPECS: Spec[] = [
  { n: 1, status: 1, channel: "192360000", inStatus: 60 }, // live chat Open 1 h: limit 20 min → stuck, 40 min overdue
  { n: 2, status: 1, channel: "192360000", inStatus: 10 }, // live chat Open 10 min: fine
  { n: 3, status: 1, channel: "192360000", inStatus: 29 }, // 9 min past the limit: within the scheduler's two runs
  { n: 4, status: 2, channel: "192370000", inStatus: 180 }, // voice Active 3 h: limit 2 h (→ Wrap-up) → stuck
  { n: 5, status: 3, channel: "192340000", inStatus: 40 * DAY }, // SMS Waiting: closes per a workstream setting → counted, not listed
  { n: 6, status: 1, channel: "192360000", inStatus: 2 * DAY, workstream: PERSISTENT_WS }, // persistent chat Open 2 days: limit 30 days
  { n: 7, status: 2, channel: "192350000", inStatus: 90 * DAY }, // a record: no documented closure
  { n: 8, status: 5, channel: "192360000", inStatus: 60, modified: 3 }, // live chat Wrap-up 1 h, but modified 3 min ago
  { n: 9, status: 1, channel: "999999999", inStatus: 60 * DAY }, // a channel the model does not know
  { n: 10, status: 5, channel: "192340000,192380000", inStatus: 3 * DAY }, // SMS Wrap-up 3 days: limit 1 day → stuck
];

export interface StuckOptions {
  rows?: Record<string, unknown>[];
  pageSize?: number;
  patch?: (request: { path: string; headers: Record<string, unknown> }, count: number) => Reply;
}

export function stuckDataverse(options: StuckOptions = {}): Handler {
  const rows = options.rows ?? SPECS.map(row);
  const pageSize = options.pageSize ?? 5000;
  let patches = 0;
  return routes({
    "GET msdyn_ocliveworkitems?": (request) => {
      const skip = Number(/\$skiptoken=(\d+)/.exec(request.path)?.[1] ?? 0);
      const next =
        skip + pageSize < rows.length
          ? `http://${request.headers.host}${API}msdyn_ocliveworkitems?$skiptoken=${skip + pageSize}`
          : undefined;
      return page(rows.slice(skip, skip + pageSize), next);
    },
    "GET msdyn_liveworkstreams?": page([
      { msdyn_liveworkstreamid: LIVE_WS, msdyn_name: "Chat", msdyn_conversationmode: 192350000 },
      { msdyn_liveworkstreamid: PERSISTENT_WS, msdyn_name: "Persistent chat", msdyn_conversationmode: 192350001 },
    ]),
    "GET queues?": (request) => page(request.path.includes("'Tier 1'") ? [{ queueid: QUEUE, name: "Tier 1" }] : []),
    "PATCH msdyn_ocliveworkitems(": (request) => options.patch?.(request, ++patches) ?? { status: 204 },
  });
}
