/** stuck against a purpose-built local server: selection by the model's timeouts, filters, paging, and the close. */
import { PassThrough } from "node:stream";
import { dataverseError, serve, type Fixture } from "./http";
import { lines, run } from "./run";
import { LIVE_WS, QUEUE, SPECS, STUCK_AGENT as AGENT, STUCK_NOW as NOW, id, row, stuckDataverse as dataverse } from "./scenarios";

let fixture: Fixture | undefined;
afterEach(() => fixture?.close());
const args = (...more: string[]) => ["stuck", "--env", fixture!.url, "--now", NOW, ...more];
const LISTING =
  "GET msdyn_ocliveworkitems?$select=activityid,statuscode,msdyn_channel,msdyn_statusupdatedon,modifiedon,_msdyn_activeagentid_value,_msdyn_liveworkstreamid_value,_msdyn_cdsqueueid_value&$filter=statecode eq 0";
const WORKSTREAMS = "GET msdyn_liveworkstreams?$select=msdyn_liveworkstreamid,msdyn_name,msdyn_conversationmode";

test("lists the conversations past their documented closure, most overdue first, with channel, agent, workstream and queue", async () => {
  fixture = await serve(dataverse());
  const r = await run(args("--json"));
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const body = JSON.parse(r.stdout);
  expect(
    body.conversations.map((c: { id: string; overdueSeconds: number; limitSeconds: number }) => [c.id, c.limitSeconds, c.overdueSeconds]),
  ).toEqual([
    [id(10), 86_400, 2 * 86_400],
    [id(4), 7200, 3600],
    [id(1), 1200, 2400],
  ]);
  expect(body.conversations[1]).toMatchObject({
    status: 2,
    statusName: "active",
    channel: { values: [192370000], kind: "voice", name: "voice" },
    timeInStatusSeconds: 10_800,
    expected: { to: 5, trigger: "active-timeout" },
    agent: { id: AGENT, name: "Ana Agent" },
    workstream: { id: LIVE_WS, name: "Chat" },
    queue: { id: QUEUE, name: "Tier 1" },
    etag: 'W/"1004"',
  });
  expect(body.skipped).toEqual({
    "waiting messaging: closes per msdyn_liveworkstream.msdyn_autocloseafterinactivity (unit not documented)": 1,
    "active record: no documented automatic closure": 1,
    "channel not known to the model": 1,
  });
  expect(body).toMatchObject({ scanned: 10, pages: 1, requests: 2, basis: "documented automatic closure" });
});

test("the scan is two requests: open conversations filtered by Dataverse, the largest page, and the workstreams' modes", async () => {
  fixture = await serve(dataverse());
  await run(args());
  expect(lines(fixture.requests)).toEqual([LISTING, WORKSTREAMS]);
  expect(fixture.requests[0].headers.prefer).toBe(
    'odata.include-annotations="OData.Community.Display.V1.FormattedValue",odata.maxpagesize=5000',
  );
  expect(fixture.requests.every((q) => q.headers.authorization === undefined && q.headers["if-none-match"] === "null")).toBe(true);
});

test("no chat among them: the workstreams are not read", async () => {
  fixture = await serve(dataverse({ rows: [row(SPECS[3])] }));
  const r = await run(args("--json"));
  expect(JSON.parse(r.stdout).conversations).toHaveLength(1);
  expect(lines(fixture.requests)).toEqual([LISTING]);
});

test("paging: every page of the listing is read, and the count is in the summary", async () => {
  fixture = await serve(dataverse({ pageSize: 4 }));
  const r = await run(args());
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("3 of 10 open conversations are past the documented automatic closure");
  expect(r.stdout).toContain("4 requests (3 pages of conversations)");
  const pages = fixture.requests.filter((q) => q.path.startsWith("msdyn_ocliveworkitems?"));
  expect(pages.map((q) => q.headers.prefer)).toEqual(
    Array(3).fill('odata.include-annotations="OData.Community.Display.V1.FormattedValue",odata.maxpagesize=5000'),
  );
});

test("--older-than replaces the documented limits: time in status alone, any status or channel", async () => {
  fixture = await serve(dataverse());
  const body = JSON.parse((await run(args("--older-than", "30d", "--json"))).stdout);
  expect(body.basis).toBe("--older-than");
  expect(body.conversations.map((c: { id: string; overdueSeconds: number }) => [c.id, c.overdueSeconds])).toEqual([
    [id(7), 60 * 86_400],
    [id(9), 30 * 86_400],
    [id(5), 10 * 86_400],
  ]);
});

test("filters: --status and --queue go into Dataverse's $filter; --channel is matched on msdyn_channel", async () => {
  fixture = await serve(dataverse());
  const r = await run(args("--status", "wrap-up", "--queue", "Tier 1", "--channel", "sms", "--json"));
  expect(r.code).toBe(0);
  expect(lines(fixture.requests)).toEqual([
    "GET queues?$select=queueid,name&$filter=name eq 'Tier 1'",
    `${LISTING} and statuscode eq 5 and _msdyn_cdsqueueid_value eq ${QUEUE}`,
    WORKSTREAMS,
  ]);
  expect(JSON.parse(r.stdout).conversations.map((c: { id: string }) => c.id)).toEqual([id(10)]);
  const byValue = await run(args("--channel", "192370000", "--queue", QUEUE.toUpperCase(), "--json"));
  expect(JSON.parse(byValue.stdout).conversations.map((c: { id: string }) => c.id)).toEqual([id(4)]);
  expect(fixture.requests.filter((q) => q.path.startsWith("msdyn_ocliveworkitems?")).at(-1)!.path).toContain(
    `_msdyn_cdsqueueid_value eq ${QUEUE}`,
  );
});

test("an unknown queue name is a usage error that says how to name it", async () => {
  fixture = await serve(dataverse());
  const r = await run(args("--queue", "Nope"));
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('--queue "Nope": no queue has that name; give its exact name or its id (queueid).');
});

test("--close without --yes is a dry run: it prints what it would send and sends nothing", async () => {
  fixture = await serve(dataverse());
  const r = await run(args("--close"));
  expect(r.code).toBe(0);
  expect(fixture.requests.filter((q) => q.method !== "GET")).toEqual([]);
  expect(r.stderr).toContain("Dry run: --close would send 3 PATCH msdyn_ocliveworkitems(<id>) with If-Match <the listed etag>");
  expect(r.stderr).toContain('{"statecode":1,"statuscode":4,"msdyn_statuschangereason":192350016}');
  expect(r.stderr).toContain("OPERATOR_USER_IDS");
});

test("--close --yes: one PATCH per conversation, If-Match its listed etag, Closed with reason 192350016", async () => {
  fixture = await serve(dataverse());
  const r = await run(args("--close", "--yes", "--json"));
  expect(r.stderr).toBe("batch 1/1: 3/3 done (closed 3, changed since listed 0, refused 0, failed 0)\n");
  expect(r.code).toBe(0);
  const patches = fixture.requests.filter((q) => q.method === "PATCH");
  expect(patches.map((q) => [q.path, q.headers["if-match"], q.body])).toEqual(
    [10, 4, 1].map((n) => [
      `msdyn_ocliveworkitems(${id(n)})`,
      `W/"${1000 + n}"`,
      { statecode: 1, statuscode: 4, msdyn_statuschangereason: 192350016 },
    ]),
  );
  expect(JSON.parse(r.stdout).close).toMatchObject({ closed: 3, changed: 0, refused: 0, failed: 0 });
});

test("a 429 in the middle of a close batch: waits as Retry-After says, then carries on; the summary counts them all", async () => {
  fixture = await serve(
    dataverse({
      patch: (_, count) =>
        count === 2 ? dataverseError(429, "0x80072322", "Number of requests exceeded the limit.", { "Retry-After": "7" }) : { status: 204 },
    }),
  );
  const r = await run(args("--close", "--yes", "--batch-size", "1"));
  expect(r.code).toBe(0);
  expect(r.waits).toEqual([7000]);
  expect(fixture.requests.filter((q) => q.method === "PATCH")).toHaveLength(4);
  expect(r.stderr.split("\n").filter(Boolean)).toEqual([
    "batch 1/3: 1/3 done (closed 1, changed since listed 0, refused 0, failed 0)",
    "batch 2/3: 2/3 done (closed 2, changed since listed 0, refused 0, failed 0)",
    "batch 3/3: 3/3 done (closed 3, changed since listed 0, refused 0, failed 0)",
  ]);
  expect(r.stdout).toContain("Close: closed 3, changed since listed 0, refused 0, failed 0.");
});

test("a 429 while a batch runs at once: only the throttled PATCH waits, as Retry-After says; all are closed", async () => {
  fixture = await serve(
    dataverse({
      patch: (_, count) =>
        count === 2 ? dataverseError(429, "0x80072322", "Number of requests exceeded the limit.", { "Retry-After": "7" }) : { status: 204 },
    }),
  );
  const r = await run(args("--close", "--yes", "--json"));
  expect(r.code).toBe(0);
  expect(r.waits).toEqual([7000]);
  expect(fixture.requests.filter((q) => q.method === "PATCH")).toHaveLength(4);
  expect(JSON.parse(r.stdout).close).toMatchObject({ closed: 3, changed: 0, refused: 0, failed: 0 });
});

test("a conversation changed between listing and closing is skipped (412), a refused one keeps Dataverse's error; exit 1", async () => {
  fixture = await serve(
    dataverse({
      patch: (request) =>
        request.path.includes(id(4))
          ? dataverseError(412, "0x80060882", "The version of the existing record doesn't match the RowVersion property provided.")
          : request.path.includes(id(1))
            ? dataverseError(400, "0x80040265", "The webhook denied the change: Open → Closed is not available to agents.")
            : { status: 204 },
    }),
  );
  const r = await run(args("--close", "--yes"));
  expect(r.code).toBe(1);
  expect(r.stdout).toContain("Close: closed 1, changed since listed 1, refused 1, failed 0.");
  expect(r.stdout).toContain(`${id(4)}: changed: changed since listed, skipped (412: its etag no longer matches)`);
  expect(r.stdout).toContain(
    `${id(1)}: refused: PATCH msdyn_ocliveworkitems(${id(1)}) failed: HTTP 400 0x80040265: The webhook denied the change: Open → Closed is not available to agents.`,
  );
  expect(r.stderr).toContain("2 of 3 conversations were not closed (1 changed since listed, 1 refused, 0 failed).");
  expect(r.stderr).toContain("OPERATOR_USER_IDS");
});

test("a refused token stops the close after the batch: the rest are not tried", async () => {
  fixture = await serve(dataverse({ patch: () => ({ status: 401 }) }));
  const r = await run(args("--close", "--yes", "--batch-size", "1", "--json"));
  expect(r.code).toBe(1);
  expect(fixture.requests.filter((q) => q.method === "PATCH")).toHaveLength(1);
  expect(JSON.parse(r.stdout).close).toMatchObject({ closed: 0, failed: 1, "not-tried": 2 });
});

test("on a terminal, a progress bar is drawn instead of lines", async () => {
  fixture = await serve(dataverse());
  const tty = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
  let drawn = "";
  tty.on("data", (chunk) => (drawn += String(chunk)));
  const r = await run(args("--close", "--yes"), {}, { progressStream: tty });
  expect(r.code).toBe(0);
  expect(r.stderr).toBe("");
  expect(drawn).toContain("closing [");
  expect(drawn).toContain("3/3 | closed 3, changed since listed 0, refused 0, failed 0");
});

test("CSV: one row per conversation, quoted where needed", async () => {
  const hostile = { ...row(SPECS[0]), "_msdyn_activeagentid_value@OData.Community.Display.V1.FormattedValue": '=HYPERLINK("x"), "Ana"' };
  fixture = await serve(dataverse({ rows: [hostile] }));
  const r = await run(args("--csv"));
  const [header, first] = r.stdout.trimEnd().split("\n");
  expect(header).toBe(
    "id,status,status_name,channel,channel_kind,time_in_status_seconds,limit_seconds,overdue_seconds,agent_id,agent,workstream_id,workstream,queue_id,queue,close_result",
  );
  expect(first).toBe(
    `${id(1)},1,open,live-chat,live-chat,3600,1200,2400,${AGENT},"'=HYPERLINK(""x""), ""Ana""",${LIVE_WS},Chat,${QUEUE},Tier 1,`,
  );
});

test("a listed row whose id is not a GUID stops the run before any PATCH", async () => {
  fixture = await serve(dataverse({ rows: [{ ...row(SPECS[0]), activityid: "x)/../systemusers(33333333-0000-4000-8000-000000000001" }] }));
  const r = await run(args("--close", "--yes"));
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('a row\'s activityid "x)/../systemusers(33333333-0000-4000-8000-000000000001" is not a GUID');
  expect(fixture.requests.filter((q) => q.method === "PATCH")).toEqual([]);
});

test("Dataverse's clock: without --now, the Date header of its answer is now", async () => {
  fixture = await serve((request, response) => {
    response.writeHead(200, { "Content-Type": "application/json", Date: "Sat, 01 Mar 2025 12:00:00 GMT" });
    response.end(JSON.stringify({ value: request.path.startsWith("msdyn_ocliveworkitems") ? [row(SPECS[3])] : [] }));
  });
  const r = await run(["stuck", "--env", fixture.url, "--json"]);
  expect(JSON.parse(r.stdout)).toMatchObject({ now: "2025-03-01T12:00:00.000Z", conversations: [{ overdueSeconds: 3600 }] });
});

test("usage errors exit 2 before anything is sent", async () => {
  fixture = await serve(dataverse());
  for (const [more, message] of [
    [["--status", "closed"], /--status "closed" is not an open status reason/],
    [["--channel", "fax"], /--channel "fax" is not a channel/],
    [["--older-than", "soon"], /--older-than "soon" is not a duration/],
    [["--batch-size", "500"], /--batch-size "500" is not a whole number from 1 to 50/],
    [["--yes"], /--yes confirms --close/],
    [["extra"], /Unexpected argument "extra"/],
  ] as const) {
    const r = await run(args(...more));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  }
  expect(fixture.requests).toEqual([]);
});
