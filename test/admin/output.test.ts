/** history's outputs, pure: the JSON's stable field names, CSV quoting, the table's denied steps, durations. */
import { parse } from "csv-parse/sync";
import { auditEntryOf, statusChangeOf, type StatusChange } from "../../plugins/admin/audit";
import { callerListsFrom } from "../../plugins/admin/callers";
import { formatDuration } from "../../plugins/admin/format";
import { historyCsv, historyJson, historyTable, type HistoryReport } from "../../plugins/admin/historyOutput";
import { replay } from "../../plugins/admin/replay";
import { Status } from "../../plugins/lifecycle";
import { AGENT, CONVERSATION, PLATFORM_USER, auditDetail, auditRow } from "./shapes";

const HOSTILE_NAME = '=cmd|"/c calc"!A1, "Agent"\nSmith';

function report(): HistoryReport {
  const changes = [
    [1, "2025-03-01T09:00:00Z", undefined, Status.Open, PLATFORM_USER, "Omnichannel"],
    [2, "2025-03-01T09:05:00Z", Status.Open, Status.Active, PLATFORM_USER, "Omnichannel"],
    [2, "2025-03-01T09:07:00Z", Status.Active, Status.Waiting, AGENT, HOSTILE_NAME],
  ].map(([operation, at, from, to, user, userName], i) => {
    const entry = auditEntryOf(
      auditRow({
        id: `00000000-0000-4000-8000-00000000000${i}`,
        at: at as string,
        operation: operation as number,
        user: user as string,
        userName: userName as string,
      }),
    );
    return statusChangeOf(entry, auditDetail(from as number | undefined, to as number)) as StatusChange;
  });
  const result = replay({
    changes,
    channel: "live-chat",
    lists: callerListsFrom({ PLATFORM_USER_IDS: PLATFORM_USER }),
    block: { mode: "always" },
    now: Date.parse("2025-03-01T09:10:00Z"),
    current: { status: Status.Waiting, createdOnMs: Date.parse("2025-03-01T09:00:00Z") },
  });
  return {
    conversation: {
      id: CONVERSATION,
      status: 3,
      statusName: "waiting",
      channel: { values: [192360000], kind: "live-chat", name: "live-chat" },
      workstream: null,
    },
    replay: result,
    block: { mode: "always" },
    blockFromFlag: false,
    auditing: { organization: true, table: true, column: true },
    notes: result.notes,
    requests: 9,
  };
}

test("--json: the documented fields, exactly, for scripts", () => {
  const body = historyJson(report()) as Record<string, unknown> & { steps: Record<string, unknown>[] };
  expect(Object.keys(body)).toEqual([
    "conversation",
    "steps",
    "timeInStatus",
    "capacitySeconds",
    "until",
    "wrapUpBlock",
    "auditing",
    "notes",
    "requests",
  ]);
  expect(Object.keys(body.steps[0])).toEqual([
    "from",
    "to",
    "at",
    "by",
    "reason",
    "verdict",
    "fromName",
    "toName",
    "byName",
    "callingUser",
    "caller",
    "reasonName",
    "auditId",
  ]);
  expect(body.steps[2]).toMatchObject({
    from: 2,
    to: 3,
    at: "2025-03-01T09:07:00.000Z",
    by: AGENT,
    reason: null,
    verdict: {
      allowed: false,
      reason: "not-for-channel",
      rule: "waiting-async-only",
      message: expect.stringContaining("Waiting state applies only to asynchronous and persistent chats, and not live chats."),
    },
  });
  expect(body.timeInStatus).toEqual({ open: 300, active: 120, waiting: 180, "wrap-up": 0 });
  expect(body.capacitySeconds).toBe(120);
  expect(JSON.parse(JSON.stringify(body))).toEqual(body);
});

test("--csv: RFC 4180 quoting, a leading ' against spreadsheet formulas, and it parses back to the same values", () => {
  const text = historyCsv(report());
  const rows = parse(text, { columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(3);
  expect(rows[2]).toMatchObject({
    step: "3",
    from: "2",
    to: "3",
    from_name: "active",
    to_name: "waiting",
    by: AGENT,
    by_name: `'${HOSTILE_NAME}`,
    caller: "user",
    allowed: "false",
    verdict_reason: "not-for-channel",
    rule: "waiting-async-only",
    seconds_in_to_status: "180",
    capacity_seconds: "0",
  });
  expect(rows[0]).toMatchObject({ from: "", to: "1", seconds_in_to_status: "300" });
  expect(text).toContain(`"'=cmd|""/c calc""!A1, ""Agent""\nSmith"`);
});

test("the table explains each denied step under it", () => {
  const text = historyTable(report());
  expect(text).toMatch(/^3 +2025-03-01T09:07:00\.000Z +Active +Waiting +.*DENIED \(not-for-channel\)$/m);
  expect(text).toContain("  step 3: ");
  expect(text).toContain("Waiting state applies only to asynchronous and persistent chats, and not live chats.");
  expect(text).toContain("Time in status (until 2025-03-01T09:10:00.000Z): Open 5m, Active 2m, Waiting 3m, Wrap-up 0s.");
});

test("durations read as people say them", () => {
  expect([0, 999, 1000, 61_000, 3_723_000, 86_400_000 + 3_600_000 + 60_000, 30 * 86_400_000].map(formatDuration)).toEqual([
    "0s",
    "1s",
    "1s",
    "1m 1s",
    "1h 2m 3s",
    "1d 1h",
    "30d",
  ]);
});
