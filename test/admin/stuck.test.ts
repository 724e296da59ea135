/** stuck against a purpose-built local server: selection by the model's timeouts, filters, paging, and the close. */
import { PassThrough } from "node:stream";
import { API, dataverseError, page, routes, serve, type Fixture, type Handler, type Reply } from "./http";
import { lines, run } from "./run";

const NOW = "2025-03-01T12:00:00Z";
const ago = (minutes: number) => new Date(Date.parse(NOW) - minutes * 60_000).toISOString().replace(".000Z", "Z");
const id = (n: number) => `cccccccc-0000-4000-8000-${String(n).padStart(12, "0")}`;
const LIVE_WS = "11111111-0000-4000-8000-000000000001";
const PERSISTENT_WS = "11111111-0000-4000-8000-000000000002";
const QUEUE = "22222222-0000-4000-8000-000000000001";
const AGENT = "33333333-0000-4000-8000-000000000001";

interface Spec {
  n: number;
  status: number;
  channel: string;
  inStatus: number;
  modified?: number;
  workstream?: string;
}

/** A listed row, with the formatted values Prefer: odata.include-annotations asks for. */
function row(spec: Spec): Record<string, unknown> {
  return {
    "@odata.etag": `W/"${1000 + spec.n}"`,
    activityid: id(spec.n),
    statuscode: spec.status,
    msdyn_channel: spec.channel,
    msdyn_statusupdatedon: ago(spec.inStatus),
    modifiedon: ago(spec.modified ?? spec.inStatus),
    "_msdyn_activeagentid_value@OData.Community.Display.V1.FormattedValue": "Ana Agent",
    _msdyn_activeagentid_value: AGENT,
    "_msdyn_liveworkstreamid_value@OData.Community.Display.V1.FormattedValue":
      spec.workstream === PERSISTENT_WS ? "Persistent chat" : "Chat",
    _msdyn_liveworkstreamid_value: spec.workstream ?? LIVE_WS,
    "_msdyn_cdsqueueid_value@OData.Community.Display.V1.FormattedValue": "Tier 1",
    _msdyn_cdsqueueid_value: QUEUE,
  };
}

const DAY = 24 * 60;
const SPECS: Spec[] = [
  { n: 1, status: 1, channel: "192360000", inStatus: 60 }, // live chat Open 1 h: limit 20 min → stuck, 40 min overdue
  { n: 2, status: 1, channel: "192360000", inStatus: 10 }, // live chat Open 10 min: fine
  { n: 3, status: 1, channel: "192360000", inStatus: 22 }, // 2 min past the limit: the scheduler may not have run yet
  { n: 4, status: 2, channel: "192370000", inStatus: 180 }, // voice Active 3 h: limit 2 h (→ Wrap-up) → stuck
  { n: 5, status: 3, channel: "192340000", inStatus: 40 * DAY }, // SMS Waiting: closes per a workstream setting → counted, not listed
  { n: 6, status: 1, channel: "192360000", inStatus: 2 * DAY, workstream: PERSISTENT_WS }, // persistent chat Open 2 days: limit 30 days
  { n: 7, status: 2, channel: "192350000", inStatus: 90 * DAY }, // a record: no documented closure
  { n: 8, status: 5, channel: "192360000", inStatus: 60, modified: 3 }, // live chat Wrap-up 1 h, but modified 3 min ago
  { n: 9, status: 1, channel: "999999999", inStatus: 60 * DAY }, // a channel the model does not know
  { n: 10, status: 5, channel: "192340000,192380000", inStatus: 3 * DAY }, // SMS Wrap-up 3 days: limit 1 day → stuck
];

interface Options {
  rows?: Record<string, unknown>[];
  pageSize?: number;
  patch?: (request: { path: string; headers: Record<string, unknown> }, count: number) => Reply;
}

function dataverse(options: Options = {}): Handler {
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
