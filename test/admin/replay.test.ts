/** The replay, from audit JSON shaped as Microsoft's docs show it: steps, verdicts, callers, time totals and capacity. */
import { auditEntryOf, statusChangeOf, type StatusChange } from "../../plugins/admin/audit";
import { callerClassOf, callerListsFrom, type CallerLists } from "../../plugins/admin/callers";
import { capacityOf, replay, type ReplayInput } from "../../plugins/admin/replay";
import { Status, StatusChangeReason } from "../../plugins/lifecycle";
import { ADMIN, AGENT, PLATFORM_USER, auditDetail, auditRow } from "./shapes";

const T0 = Date.parse("2025-03-01T09:00:00Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString().replace(".000Z", "Z");
let n = 0;
const nextId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;

/** One audited change, through the same parsing the command uses. */
function change(minutes: number, from: number | undefined, to: number, reason?: number, user = AGENT, operation = 2): StatusChange {
  const entry = auditEntryOf(auditRow({ id: nextId(), at: at(minutes), operation, user }));
  const parsed = statusChangeOf(entry, auditDetail(from, to, reason));
  if (!parsed) throw new Error("not a status change");
  return parsed;
}

const lists: CallerLists = callerListsFrom({ PLATFORM_USER_IDS: PLATFORM_USER, OPERATOR_USER_IDS: ADMIN });
const input = (changes: StatusChange[], more: Partial<ReplayInput> = {}): ReplayInput => ({
  changes,
  channel: "live-chat",
  lists,
  block: { mode: "always" },
  now: T0 + 60 * 60_000,
  current: { status: changes.at(-1)?.to, createdOnMs: T0 },
  ...more,
});

/** A live chat walked Open → Active → Wrap-up → Closed: created and assigned by the platform, ended and closed by the agent. */
const walked = () => [
  change(0, undefined, Status.Open, StatusChangeReason.AwaitingAgentAssignment, PLATFORM_USER, 1),
  change(5, Status.Open, Status.Active, StatusChangeReason.InConversation, PLATFORM_USER),
  change(20, Status.Active, Status.WrapUp, StatusChangeReason.AgentMovedToWrapUp),
  change(25, Status.WrapUp, Status.Closed, StatusChangeReason.ConversationEndedByAgent),
];

test("a conversation walked from Open to Closed: every step in order, allowed, with who, when and why", () => {
  const result = replay(input(walked()));
  expect(result.steps.map((s) => [s.from, s.to, s.at, s.by, s.caller, s.reason, s.verdict.allowed, s.verdict.reason])).toEqual([
    [null, 1, "2025-03-01T09:00:00.000Z", PLATFORM_USER, "platform", 192350001, true, "unchanged"],
    [1, 2, "2025-03-01T09:05:00.000Z", PLATFORM_USER, "platform", 192350003, true, "allowed"],
    [2, 5, "2025-03-01T09:20:00.000Z", AGENT, "user", 192350005, true, "allowed"],
    [5, 4, "2025-03-01T09:25:00.000Z", AGENT, "user", 192350008, true, "allowed"],
  ]);
  expect(result.steps[2].byName).toBe("FirstName LastName");
  expect(result.notes).toEqual([]);
});

test("time in each status stops at the close; capacity is Active plus Wrap-up as the block says", () => {
  const always = replay(input(walked()));
  expect(always.timeInStatusMs).toEqual({ open: 5 * 60_000, active: 15 * 60_000, waiting: 0, "wrap-up": 5 * 60_000 });
  expect(always.untilMs).toBe(T0 + 25 * 60_000);
  expect(always.capacityMs).toBe(20 * 60_000);
  expect(replay(input(walked(), { block: { mode: "never" } })).capacityMs).toBe(15 * 60_000);
  expect(replay(input(walked(), { block: { mode: "custom", minutes: 2 } })).capacityMs).toBe(17 * 60_000);
  expect(replay(input(walked(), { block: { mode: "custom", minutes: 30 } })).capacityMs).toBe(20 * 60_000);
});

test("an open conversation's clock runs until now", () => {
  const result = replay(input(walked().slice(0, 3), { now: T0 + 50 * 60_000 }));
  expect(result.timeInStatusMs["wrap-up"]).toBe(30 * 60_000);
  expect(result.untilMs).toBe(T0 + 50 * 60_000);
  expect(result.capacityMs).toBe(45 * 60_000);
});

test("a denied attempt in the history says which rule it broke", () => {
  const result = replay(
    input([
      change(0, undefined, Status.Open, undefined, PLATFORM_USER, 1),
      change(1, Status.Open, Status.Active, undefined, PLATFORM_USER),
      change(2, Status.Active, Status.Waiting),
    ]),
  );
  const denied = result.steps[2];
  expect(denied.verdict).toMatchObject({ allowed: false, reason: "not-for-channel", rule: "waiting-async-only" });
  expect(denied.verdict.model?.params.channels).toEqual(["persistent-chat", "messaging"]);
});

test("an operator's close with 192350016 is allowed from any open status; the same close by a user is judged as an agent's", () => {
  const close = (user: string) =>
    replay(
      input(
        [
          change(0, undefined, Status.Open, undefined, PLATFORM_USER, 1),
          change(60 * 24 * 31, Status.Open, Status.Closed, StatusChangeReason.ClosedInDataverseDirectlyByAdmin, user),
        ],
        { channel: "messaging" },
      ),
    ).steps[1];
  expect(close(ADMIN)).toMatchObject({ caller: "operator", verdict: { allowed: true, reason: "operator-close" } });
  expect(close(AGENT)).toMatchObject({ caller: "user", verdict: { allowed: false, reason: "not-for-actor" } });
  // An operator without an operator reason is judged like anyone else.
  const plain = replay(
    input([change(0, undefined, Status.Open, undefined, PLATFORM_USER, 1), change(1, Status.Open, Status.Closed, undefined, ADMIN)], {
      channel: "messaging",
    }),
  ).steps[1];
  expect(plain).toMatchObject({ caller: "user", verdict: { allowed: false, reason: "not-for-actor" } });
});

test("a platform move the model would not make is shown denied, by channel only (the webhook lets it through)", () => {
  const step = replay(
    input(
      [change(0, undefined, Status.Open, undefined, PLATFORM_USER, 1), change(1, Status.Open, Status.Waiting, undefined, PLATFORM_USER)],
      {
        channel: "messaging",
      },
    ),
  ).steps[1];
  expect(step).toMatchObject({ caller: "platform", verdict: { allowed: false, reason: "no-such-transition" } });
});

test("callers: the calling user counts as the webhook counts InitiatingUserId; an operator only with an operator's reason; no id is unknown", () => {
  const byAdmin = StatusChangeReason.ClosedInDataverseDirectlyByAdmin;
  expect(callerClassOf(AGENT, PLATFORM_USER, undefined, lists)).toBe("platform");
  expect(callerClassOf(ADMIN.toUpperCase(), undefined, byAdmin, lists)).toBe("operator");
  expect(callerClassOf(AGENT, ADMIN, StatusChangeReason.ForceClosedBySupervisor, lists)).toBe("operator");
  // As the webhook: an operator's other changes, and an agent's change through the admin's impersonation, are a user's.
  expect(callerClassOf(ADMIN, undefined, StatusChangeReason.ConversationEndedByAgent, lists)).toBe("user");
  expect(callerClassOf(AGENT, ADMIN, undefined, lists)).toBe("user");
  expect(callerClassOf(AGENT, undefined, byAdmin, lists)).toBe("user");
  expect(callerClassOf(undefined, undefined, undefined, lists)).toBe("unknown");
  expect(() => callerListsFrom({ OPERATOR_USER_IDS: `${ADMIN},not-a-guid` })).toThrow('OPERATOR_USER_IDS: "not-a-guid" is not a GUID');
});

test("without the creation in the audit, the first status counts from createdon, and the gap is said", () => {
  const result = replay(input([change(10, Status.Open, Status.Active, undefined, PLATFORM_USER)], { now: T0 + 30 * 60_000 }));
  expect(result.timeInStatusMs).toMatchObject({ open: 10 * 60_000, active: 20 * 60_000 });
  expect(result.notes[0]).toContain("the conversation's creation was not audited");
});

test("a change missing between two audited ones is noted, and the current status is checked against the last one", () => {
  const result = replay(
    input([change(0, undefined, Status.Open, undefined, PLATFORM_USER, 1), change(5, Status.Active, Status.WrapUp)], {
      current: { status: Status.Closed, createdOnMs: T0 },
    }),
  );
  expect(result.notes).toEqual([
    expect.stringContaining("moves the conversation out of Active, but the previous audited change left it in Open"),
    expect.stringContaining("The conversation is Closed now, but the last audited change left it Wrap-up"),
  ]);
});

test("no audited change at all: the current status since msdyn_statusupdatedon", () => {
  const result = replay(input([], { current: { status: Status.Waiting, createdOnMs: T0, statusUpdatedOnMs: T0 + 40 * 60_000 } }));
  expect(result.steps).toEqual([]);
  expect(result.timeInStatusMs.waiting).toBe(20 * 60_000);
  expect(result.notes[0]).toContain("no status change");
});

test("an audit detail without statuscode is not a step; a state change alone takes the state's default status", () => {
  const entry = auditEntryOf(auditRow({ id: nextId(), at: at(1) }));
  expect(statusChangeOf(entry, auditDetail(undefined, undefined, undefined, { msdyn_escalationcount: 1 }))).toBeUndefined();
  expect(statusChangeOf(entry, auditDetail(undefined, undefined, undefined, { statecode: 1 }))?.to).toBe(Status.Closed);
  expect(statusChangeOf(entry, { AuditDetail: { "@odata.type": "#Microsoft.Dynamics.CRM.ShareAuditDetail" } })).toBeUndefined();
});

test("an audit row whose id is not a GUID is refused before any request uses it", () => {
  expect(() => auditEntryOf(auditRow({ id: "../systemusers(1)", at: at(0) }))).toThrow('auditid "../systemusers(1)" is not a GUID');
  expect(() => auditEntryOf(auditRow({ id: nextId(), at: "yesterday" }))).toThrow("no readable createdon");
});

test("capacity of one stint follows capacity.ts", () => {
  expect(capacityOf(Status.Active, 1000, { mode: "never" })).toBe(1000);
  expect(capacityOf(Status.Waiting, 1000, { mode: "always" })).toBe(0);
  expect(capacityOf(Status.WrapUp, 10 * 60_000, { mode: "custom", minutes: 3 })).toBe(3 * 60_000);
});
