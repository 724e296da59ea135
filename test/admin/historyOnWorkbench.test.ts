/**
 * history against the workbench's local Dataverse, with the project's webhook registered: every move is
 * made for real (the platform's through workbench/platform.ts, the agent's and the admin's as Web API
 * PATCHes), the webhook judges it, the local Dataverse audits what it lets through, and the command reads
 * that audit back over HTTP. The simulated clock moves only through /workbench/api/clock.
 */
import { PLATFORM_USER_AGENT } from "../../workbench/dataverse";
import { WebApiClient } from "../../plugins/webapi/client";
import { Status, StatusChangeReason } from "../../plugins/lifecycle";
import type { AdminIo } from "../../plugins/admin";
import { AS, CALLER_LISTS, SEED, startBench, type Bench } from "./workbench";

let bench: Bench;
beforeEach(async () => {
  bench = await startBench();
});
afterEach(() => bench.stop());

interface JsonStep {
  from: number | null;
  to: number;
  at: string;
  by: string;
  reason: number | null;
  verdict: { allowed: boolean; reason: string; message: string };
  caller: string;
  byName: string;
}

async function historyJson(id: string, vars: NodeJS.ProcessEnv = CALLER_LISTS, extra: Partial<AdminIo> = {}) {
  const r = await bench.cli(["history", id, "--json"], vars, extra);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as {
    steps: JsonStep[];
    timeInStatus: Record<string, number>;
    capacitySeconds: number;
    notes: string[];
    requests: number;
  };
}

const moves = (steps: JsonStep[]) =>
  steps.map((s) => [s.from, s.to, s.caller, s.verdict.allowed ? s.verdict.reason : `DENIED ${s.verdict.reason}`]);

/** A live chat the platform created and routing assigned to an agent, 5 minutes later. */
async function assignedLiveChat(): Promise<string> {
  const id = await bench.newConversation("live-chat");
  await bench.advance("5m");
  await bench.platformMove(id, "routing-assigns", Status.Active);
  return id;
}

test("Done when: history --json of a conversation walked from Open to Closed lists each move in order, with its verdict and the time in each status", async () => {
  const id = await assignedLiveChat();
  await bench.advance("15m");
  await bench.change(id, { statuscode: Status.WrapUp, msdyn_statuschangereason: StatusChangeReason.AgentMovedToWrapUp }, AS.agentInBrowser);
  await bench.advance("5m");
  await bench.change(
    id,
    { statuscode: Status.Closed, msdyn_statuschangereason: StatusChangeReason.ConversationEndedByAgent },
    AS.agentInBrowser,
  );

  const body = await historyJson(id);
  expect(body.steps.map((s) => [s.from, s.to, s.at, s.by, s.reason, s.verdict.allowed, s.verdict.reason])).toEqual([
    [null, Status.Open, "2026-03-02T09:00:00.000Z", SEED.users.application, null, true, "unchanged"],
    [Status.Open, Status.Active, "2026-03-02T09:05:00.000Z", SEED.users.application, null, true, "allowed"],
    [Status.Active, Status.WrapUp, "2026-03-02T09:20:00.000Z", SEED.users.agent, StatusChangeReason.AgentMovedToWrapUp, true, "allowed"],
    [
      Status.WrapUp,
      Status.Closed,
      "2026-03-02T09:25:00.000Z",
      SEED.users.agent,
      StatusChangeReason.ConversationEndedByAgent,
      true,
      "allowed",
    ],
  ]);
  // The agent's saves come through the admin's impersonation (the audit's calling user): still the agent's, as the webhook judged them.
  expect(body.steps.map((s) => [s.byName, s.caller])).toEqual([
    ["Omnichannel application (workbench)", "platform"],
    ["Omnichannel application (workbench)", "platform"],
    ["Alex Agent", "user"],
    ["Alex Agent", "user"],
  ]);
  expect(body.timeInStatus).toEqual({ open: 300, active: 900, waiting: 0, "wrap-up": 300 });
  expect(body.capacitySeconds).toBe(1200);
  expect(body.notes).toEqual([]);
});

test("an agent's refused attempt leaves no audit: history walks around it, the time in Active runs through it, and the webhook's log has it", async () => {
  const id = await assignedLiveChat();
  await bench.advance("5m");
  // Active → Waiting on live chat, from the browser: the webhook refuses it, Dataverse rolls it back.
  const refused = await bench.api("PATCH", `msdyn_ocliveworkitems(${id})`, { statuscode: Status.Waiting }, AS.agentInBrowser);
  expect(refused.status).toBe(400);
  expect(refused.json.error?.code).toBe("0x80040265");
  await bench.advance("10m");
  await bench.change(id, { statuscode: Status.WrapUp }, AS.agentInBrowser);

  const audited = (await bench.audits(id)).filter((a) => "statuscode" in a.changes).map((a) => a.changes.statuscode.new);
  expect(audited).toEqual([Status.Open, Status.Active, Status.WrapUp]);
  const calls = await bench.callouts(id);
  expect(calls.map((c) => [c.change.from, c.change.to, c.status, c.response?.reason])).toEqual([
    [null, Status.Open, 200, "unchanged"],
    [Status.Open, Status.Active, 200, "allowed"],
    [Status.Active, Status.Waiting, 422, "not-for-channel"],
    [Status.Active, Status.WrapUp, 200, "allowed"],
  ]);

  const body = await historyJson(id);
  expect(moves(body.steps)).toEqual([
    [null, Status.Open, "platform", "unchanged"],
    [Status.Open, Status.Active, "platform", "allowed"],
    [Status.Active, Status.WrapUp, "user", "allowed"],
  ]);
  expect(body.timeInStatus).toMatchObject({ open: 300, active: 900, waiting: 0, "wrap-up": 0 });
  // No gap: the refused change was never made, so nothing is missing from the audit.
  expect(body.notes).toEqual([]);
});

test("a move an API client made, which the webhook let through by channel, is DENIED on replay by the agent's rules and explained", async () => {
  const id = await bench.newConversation("live-chat");
  await bench.advance("3m");
  // The agent's own script (not a browser) closes an Open live chat: the webhook judges an API client by the channel only.
  await bench.change(id, { statuscode: Status.Closed }, AS.agentScript);
  const [, call] = await bench.callouts(id);
  expect(call).toMatchObject({ userAgent: "PowerShell/7.4", status: 200, response: { caller: "api-client", reason: "allowed" } });

  const body = await historyJson(id);
  expect(moves(body.steps)).toEqual([
    [null, Status.Open, "platform", "unchanged"],
    [Status.Open, Status.Closed, "user", "DENIED not-for-actor"],
  ]);
  const table = await bench.cli(["history", id], CALLER_LISTS);
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/2 {2}2026-03-02T09:03:00\.000Z {2}Open {7}Closed {2}Alex Agent \(user\) +— +DENIED \(not-for-actor\)\n/);
  expect(table.stdout).toContain(`  step 2: ${body.steps[1].verdict.message}`);
  expect(body.steps[1].verdict.message).toContain("Open → Closed");
});

test("the platform's moves are judged by channel only when PLATFORM_USER_IDS names its user; without the lists its close is denied as an agent's", async () => {
  const id = await bench.newConversation("live-chat");
  await bench.advance("2m");
  await bench.platformMove(id, "customer-leaves-before-assignment", Status.Closed);
  const [, call] = await bench.callouts(id);
  expect(call).toMatchObject({
    userId: SEED.users.application,
    userAgent: PLATFORM_USER_AGENT,
    status: 200,
    response: { caller: "platform", reason: "allowed" },
  });

  expect(moves((await historyJson(id)).steps)).toEqual([
    [null, Status.Open, "platform", "unchanged"],
    [Status.Open, Status.Closed, "platform", "allowed"],
  ]);
  expect(moves((await historyJson(id, {})).steps)).toEqual([
    [null, Status.Open, "user", "unchanged"],
    [Status.Open, Status.Closed, "user", "DENIED not-for-actor"],
  ]);
});

test("a platform move and an operator's close from Active on live chat: the webhook accepts both, and history shows each caller's class", async () => {
  const id = await assignedLiveChat();
  await bench.advance("1h");
  // No actor may close an Active live chat; without the operator's reason the admin is refused like anyone else.
  const plain = await bench.api("PATCH", `msdyn_ocliveworkitems(${id})`, { statuscode: Status.Closed }, { "If-Match": "*" });
  expect(plain.status).toBe(400);
  await bench.change(
    id,
    { statuscode: Status.Closed, msdyn_statuschangereason: StatusChangeReason.ClosedInDataverseDirectlyByAdmin },
    AS.admin,
  );

  const calls = await bench.callouts(id);
  expect(calls.map((c) => [c.userId, c.change.to, c.status, c.response?.caller, c.response?.reason])).toEqual([
    [SEED.users.application, Status.Open, 200, "platform", "unchanged"],
    [SEED.users.application, Status.Active, 200, "platform", "allowed"],
    [SEED.users.admin, Status.Closed, 422, "api-client", "not-for-channel"],
    [SEED.users.admin, Status.Closed, 200, "operator", "operator-close"],
  ]);
  const body = await historyJson(id);
  expect(body.steps.map((s) => [s.from, s.to, s.byName, s.caller, s.reason, s.verdict.reason])).toEqual([
    [null, Status.Open, "Omnichannel application (workbench)", "platform", null, "unchanged"],
    [Status.Open, Status.Active, "Omnichannel application (workbench)", "platform", null, "allowed"],
    [Status.Active, Status.Closed, "Avery Admin", "operator", StatusChangeReason.ClosedInDataverseDirectlyByAdmin, "operator-close"],
  ]);
  expect(body.timeInStatus).toMatchObject({ open: 300, active: 3600 });
  const table = await bench.cli(["history", id], CALLER_LISTS);
  expect(table.stdout).toMatch(
    / {2}Active +Closed {2}Avery Admin \(operator\) +closed-by-admin \(192350016\) {2}allowed \(operator-close\)\n/,
  );
});

test("paging: more audit rows than one page (Prefer: odata.maxpagesize=2) are all read, following @odata.nextLink with the same Prefer", async () => {
  const id = await assignedLiveChat();
  for (const [to, after] of [
    [Status.Open, "1m"], // the agent releases it
    [Status.Active, "1m"], // and picks it again
    [Status.WrapUp, "2m"],
  ] as const) {
    await bench.advance(after);
    await bench.change(id, { statuscode: to }, AS.agentInBrowser);
  }
  const whole = await historyJson(id);
  bench.received.length = 0;
  const small = {
    client: (flags: { env: string; timeoutMs: number }) => new WebApiClient({ env: flags.env, timeoutMs: flags.timeoutMs, maxPageSize: 2 }),
  };
  const paged = await historyJson(id, CALLER_LISTS, small);
  expect(paged).toEqual({ ...whole, requests: whole.requests + 2 });
  expect(moves(paged.steps).map(([from, to]) => [from, to])).toEqual([
    [null, Status.Open],
    [Status.Open, Status.Active],
    [Status.Active, Status.Open],
    [Status.Open, Status.Active],
    [Status.Active, Status.WrapUp],
  ]);
  const pages = bench.received.filter((q) => q.method === "GET" && q.url.includes("/audits?"));
  expect(pages).toHaveLength(3);
  expect(pages.slice(1).every((q) => q.url.includes("$skiptoken="))).toBe(true);
  expect(new Set(pages.map((q) => q.prefer))).toEqual(new Set(['odata.include-annotations="*",odata.maxpagesize=2']));
});

describe("auditing turned off", () => {
  const offMessage = (r: { code: number; stderr: string }, where: string) => {
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Auditing is off for ${where}: the status changes of`);
    expect(r.stderr).toContain("Start Auditing");
    expect(r.stderr).toContain("Audit changes to its data");
    expect(r.stderr).toContain("Only changes made after that are recorded.");
  };

  test("through /workbench/api/auditing, before the conversation: nothing was recorded, and the message says where and how to turn it on", async () => {
    await bench.control("PUT", "/auditing", { organization: false });
    const id = await bench.newConversation("sms");
    expect(await bench.audits(id)).toEqual([]);
    offMessage(await bench.cli(["history", id], CALLER_LISTS), "the environment");
  });

  test("through the organizations PATCH (Configure auditing), and for the table alone", async () => {
    const patched = await bench.api("PATCH", `organizations(${SEED.organizationId})`, { isauditenabled: false });
    expect(patched.status).toBe(204);
    offMessage(await bench.cli(["history", await bench.newConversation("voice")], CALLER_LISTS), "the environment");
    await bench.api("PATCH", `organizations(${SEED.organizationId})`, { isauditenabled: true });
    await bench.control("PUT", "/auditing", { table: false });
    offMessage(await bench.cli(["history", await bench.newConversation("voice")], CALLER_LISTS), "the Conversation table");
  });

  test("turned off after some changes: the history prints what was recorded, with a note that later changes are missing", async () => {
    const id = await assignedLiveChat();
    await bench.control("PUT", "/auditing", { organization: false });
    await bench.advance("10m");
    await bench.change(id, { statuscode: Status.WrapUp }, AS.agentInBrowser);
    const body = await historyJson(id);
    expect(moves(body.steps).map(([from, to]) => [from, to])).toEqual([
      [null, Status.Open],
      [Status.Open, Status.Active],
    ]);
    expect(body.notes).toEqual([
      "Auditing is off now for the environment: changes made since it was turned off are missing.",
      "The conversation is Wrap-up now, but the last audited change left it Active: later changes were not audited.",
    ]);
  });
});
