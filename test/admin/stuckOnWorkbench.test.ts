/**
 * stuck against the workbench's local Dataverse, with the project's webhook registered: conversations
 * left open past their closure on the simulated clock, listed and closed over HTTP as the seeded admin
 * (an operator in the webhook's OPERATOR_USER_IDS), with the audit trail and the webhook's decisions
 * read back. Throttling comes from the workbench's fault injection; the client's waits move the
 * simulated clock instead of sleeping.
 */
import { WebApiClient } from "../../plugins/webapi/client";
import { Status, StatusChangeReason } from "../../plugins/lifecycle";
import { AS, CALLER_LISTS, SEED, startBench, type Bench } from "./workbench";

let bench: Bench;
beforeEach(async () => {
  bench = await startBench();
});
afterEach(() => bench.stop());

interface Listed {
  id: string;
  status: number;
  timeInStatusSeconds: number;
  limitSeconds: number;
  overdueSeconds: number;
  expected: { to: number } | null;
}

const BY_ADMIN = StatusChangeReason.ClosedInDataverseDirectlyByAdmin;
/** The client's back-off, on the workbench's clock: a wait of Retry-After seconds moves the simulated time on. */
const waitOnClock = (waits: number[]) => ({
  sleep: async (ms: number) => {
    waits.push(ms);
    await bench.advance(`${ms}ms`);
  },
});

async function conversation(id: string) {
  const answer = await bench.api("GET", `msdyn_ocliveworkitems(${id})?$select=statuscode,statecode,msdyn_statuschangereason`);
  return { statuscode: answer.json.statuscode, statecode: answer.json.statecode, reason: answer.json.msdyn_statuschangereason };
}

/** Live chats routing never assigned, left Open for an hour (their documented closure is 20 minutes). */
async function abandonedLiveChats(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await bench.newConversation("live-chat"));
  await bench.advance("1h");
  return ids;
}

test("Done when: stuck finds a conversation left past its closure on the workbench's clock; stuck --close --yes closes it with 192350016, and the audit shows it", async () => {
  const [left] = await abandonedLiveChats(1);
  const recent = await bench.newConversation("live-chat");
  await bench.advance("10m");

  // No --now: the command measures on the Date header, the local Dataverse's simulated clock (10:10).
  const listed = await bench.cli(["stuck", "--json"]);
  expect(listed.code).toBe(0);
  const body = JSON.parse(listed.stdout) as { now: string; scanned: number; conversations: Listed[] };
  expect(body.now).toBe("2026-03-02T10:10:00.000Z");
  expect(body.scanned).toBe(2);
  expect(body.conversations).toEqual([
    expect.objectContaining({ id: left, status: Status.Open, timeInStatusSeconds: 4200, limitSeconds: 1200, overdueSeconds: 3000 }),
  ]);
  expect(body.conversations[0].expected).toMatchObject({ to: Status.Closed });

  const closed = await bench.cli(["stuck", "--close", "--yes"]);
  expect(closed.stderr).toBe("batch 1/1: 1/1 done (closed 1, changed since listed 0, refused 0, failed 0)\n");
  expect(closed.code).toBe(0);
  expect(closed.stdout).toContain("Close: closed 1, changed since listed 0, refused 0, failed 0.");
  expect(await conversation(left)).toEqual({ statuscode: Status.Closed, statecode: 1, reason: BY_ADMIN });
  expect(await conversation(recent)).toMatchObject({ statuscode: Status.Open });

  const last = (await bench.audits(left)).at(-1)!;
  expect(last).toMatchObject({
    createdOn: "2026-03-02T10:10:00Z",
    userId: SEED.users.admin,
    changes: { statuscode: { old: Status.Open, new: Status.Closed }, msdyn_statuschangereason: { old: null, new: BY_ADMIN } },
  });
  expect((await bench.callouts(left)).at(-1)).toMatchObject({ status: 200, response: { caller: "operator", reason: "operator-close" } });
  const history = await bench.cli(["history", left, "--json"], CALLER_LISTS);
  expect(JSON.parse(history.stdout).steps.at(-1)).toMatchObject({
    from: Status.Open,
    to: Status.Closed,
    by: SEED.users.admin,
    reason: BY_ADMIN,
    caller: "operator",
    verdict: { allowed: true, reason: "operator-close" },
  });
  expect(JSON.parse((await bench.cli(["stuck", "--json"])).stdout).conversations).toEqual([]);
});

test("--close without --yes sends nothing; with --older-than the admin closes an Active live chat, which no other actor may close", async () => {
  const [chat] = await abandonedLiveChats(1);
  await bench.platformMove(chat, "routing-assigns", Status.Active);
  await bench.advance("2h");
  expect(JSON.parse((await bench.cli(["stuck", "--json"])).stdout).conversations).toEqual([]);

  bench.received.length = 0;
  const dry = await bench.cli(["stuck", "--older-than", "1h", "--close"]);
  expect(dry.code).toBe(0);
  expect(dry.stderr).toContain("Dry run: --close would send 1 PATCH");
  expect(bench.received.filter((q) => q.method !== "GET")).toEqual([]);

  const r = await bench.cli(["stuck", "--older-than", "1h", "--status", "active", "--close", "--yes", "--json"]);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout).close).toMatchObject({ closed: 1 });
  expect(await conversation(chat)).toEqual({ statuscode: Status.Closed, statecode: 1, reason: BY_ADMIN });
  expect((await bench.callouts(chat)).at(-1)).toMatchObject({
    userId: SEED.users.admin,
    change: { from: Status.Active, to: Status.Closed },
    response: { caller: "operator", reason: "operator-close", modelAllowed: false },
  });
  // Nothing open any more: one request, said in the singular.
  expect((await bench.cli(["stuck"])).stdout).toContain("0 of 0 open conversations are past");
  expect((await bench.cli(["stuck"])).stdout).toContain("\n1 request (1 page of conversations); wrap-up block always.\n");
});

test("paging: more open conversations than one page (Prefer: odata.maxpagesize=2) are all listed and closed", async () => {
  const ids = await abandonedLiveChats(5);
  const small = {
    client: (flags: { env: string; timeoutMs: number }) => new WebApiClient({ env: flags.env, timeoutMs: flags.timeoutMs, maxPageSize: 2 }),
  };
  const r = await bench.cli(["stuck", "--close", "--yes"], {}, small);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("5 of 5 open conversations are past the documented automatic closure");
  // 3 pages of conversations, 3 of workstreams (5 seeded), 5 closes.
  expect(r.stdout).toContain("11 requests (3 pages of conversations)");
  const pages = bench.received.filter((q) => q.method === "GET" && q.url.includes("/msdyn_ocliveworkitems?"));
  expect(pages).toHaveLength(3);
  expect(pages.slice(1).every((q) => q.url.includes("$skiptoken=") && q.url.includes("$filter=statecode eq 0"))).toBe(true);
  expect(new Set(pages.map((q) => q.prefer))).toEqual(
    new Set(['odata.include-annotations="OData.Community.Display.V1.FormattedValue",odata.maxpagesize=2']),
  );
  for (const id of ids) expect(await conversation(id)).toMatchObject({ statuscode: Status.Closed, reason: BY_ADMIN });
});

test("a 429 with Retry-After in the middle of a close batch: the throttled close waits as asked, then goes through; the summary counts all", async () => {
  await abandonedLiveChats(5);
  // The second close Dataverse receives is throttled once, for 7 seconds (Service protection API limits).
  await bench.fault({ method: "PATCH", path: "msdyn_ocliveworkitems", after: 1, count: 1, status: 429, retryAfter: 7 });
  const waits: number[] = [];
  const r = await bench.cli(["stuck", "--close", "--yes", "--batch-size", "3", "--verbose"], {}, waitOnClock(waits));
  expect(r.code).toBe(0);
  expect(waits).toEqual([7000]);
  expect(r.stderr.split("\n").filter((line) => line.startsWith("batch "))).toEqual([
    "batch 1/2: 3/5 done (closed 3, changed since listed 0, refused 0, failed 0)",
    "batch 2/2: 5/5 done (closed 5, changed since listed 0, refused 0, failed 0)",
  ]);
  expect(r.stderr).toMatch(/^\d+ requests \(1 retry after 429\)$/m);
  expect(r.stdout).toContain("Close: closed 5, changed since listed 0, refused 0, failed 0.");
  expect(await bench.control("GET", "/faults")).toEqual([]);

  // Which close was throttled is the order Dataverse received them in: the second, sent again after the wait.
  const patches = bench.received.filter((q) => q.method === "PATCH").map((q) => /\(([0-9a-f-]{36})\)/.exec(q.url)![1]);
  expect(patches).toHaveLength(6);
  const throttled = patches[1];
  expect(patches.filter((id) => id === throttled)).toHaveLength(2);
  const closedAt = async (id: string) => (await bench.audits(id)).at(-1)!.createdOn;
  expect(await closedAt(patches[0])).toBe("2026-03-02T10:00:00Z");
  expect(await closedAt(throttled)).toBe("2026-03-02T10:00:07Z");
  // The next batch starts once the first is done, after the wait.
  for (const id of patches.slice(-2)) expect(await closedAt(id)).toBe("2026-03-02T10:00:07Z");
});

test("a conversation that changed between listing and closing is reported as changed since listed (412) and left untouched", async () => {
  const ids = await abandonedLiveChats(3);
  const raced = ids[1];
  let picked = false;
  // Just before the admin's close of `raced` leaves, an agent picks that conversation up from the browser.
  const fetchWithRace = (async (input: string | URL | Request, init?: RequestInit) => {
    if (!picked && init?.method === "PATCH" && String(input).includes(raced)) {
      picked = true;
      await bench.change(raced, { statuscode: Status.Active }, AS.agentInBrowser);
    }
    return fetch(input, init);
  }) as typeof fetch;
  const r = await bench.cli(["stuck", "--close", "--yes"], {}, { fetch: fetchWithRace });
  expect(picked).toBe(true);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain("Close: closed 2, changed since listed 1, refused 0, failed 0.");
  expect(r.stdout).toContain(`${raced}: changed: changed since listed, skipped (412: its etag no longer matches)`);
  expect(r.stderr).toContain("1 of 3 conversations were not closed (1 changed since listed, 0 refused, 0 failed).");
  expect(r.stderr).toContain("run stuck again to retry the rest: it lists them afresh.");

  expect(await conversation(raced)).toEqual({ statuscode: Status.Active, statecode: 0, reason: null });
  const audited = (await bench.audits(raced)).map((a) => [a.userId, a.changes.statuscode?.new]);
  expect(audited).toEqual([
    [SEED.users.application, Status.Open],
    [SEED.users.agent, Status.Active],
  ]);
  for (const id of ids.filter((id) => id !== raced))
    expect(await conversation(id)).toMatchObject({ statuscode: Status.Closed, reason: BY_ADMIN });
  // Listed afresh, the agent's conversation is no longer stuck.
  expect(JSON.parse((await bench.cli(["stuck", "--json"])).stdout).conversations).toEqual([]);
});

test("an admin missing from the webhook's OPERATOR_USER_IDS: each close is judged as an API client's, and one no actor may make is refused", async () => {
  await bench.stop();
  bench = await startBench({ operatorUserIds: "" });
  const [open, active] = await abandonedLiveChats(2);
  await bench.platformMove(active, "routing-assigns", Status.Active);
  await bench.advance("1h");
  const r = await bench.cli(["stuck", "--older-than", "30m", "--close", "--yes"]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain("Close: closed 1, changed since listed 0, refused 1, failed 0.");
  // Open → Closed exists on live chat (the customer leaves), so a Web API client may make it; Active → Closed does not.
  expect(await conversation(open)).toMatchObject({ statuscode: Status.Closed, reason: BY_ADMIN });
  expect(await conversation(active)).toEqual({ statuscode: Status.Active, statecode: 0, reason: null });
  expect(r.stdout).toContain(
    `${active}: refused: PATCH msdyn_ocliveworkitems(${active}) failed: HTTP 400 0x80040265: ISV code aborted the operation.`,
  );
  expect(r.stderr).toContain("check that the admin is in the webhook's OPERATOR_USER_IDS");
  expect((await bench.callouts(active)).at(-1)).toMatchObject({
    status: 422,
    response: { caller: "api-client", reason: "not-for-channel" },
  });
  expect((await bench.callouts(open)).at(-1)).toMatchObject({ status: 200, response: { caller: "api-client", reason: "allowed" } });
});
