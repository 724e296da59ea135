/** history against a purpose-built local server: the exact requests, paging, the JSON, auditing off, missing privileges. */
import { dataverseError, ok, page, routes, serve, type Fixture } from "./http";
import { lines, run } from "./run";
import { HISTORY_NOW as NOW, WORKSTREAM, historyDataverse as dataverse, trail, vars } from "./scenarios";
import { AGENT, CONVERSATION, PLATFORM_USER, auditRow } from "./shapes";

let fixture: Fixture | undefined;
afterEach(() => fixture?.close());

test("history --json of a conversation walked from Open to Closed: each move in order, with verdict and time in each status", async () => {
  fixture = await serve(dataverse());
  const r = await run(["history", CONVERSATION, "--env", fixture.url, "--json", "--now", NOW], vars);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const body = JSON.parse(r.stdout);
  expect(body.steps.map((s: object) => Object.keys(s).slice(0, 6))).toEqual(Array(4).fill(["from", "to", "at", "by", "reason", "verdict"]));
  expect(
    body.steps.map((s: { from: number; to: number; at: string; by: string; reason: number; verdict: object }) => [
      s.from,
      s.to,
      s.at,
      s.by,
      s.reason,
      s.verdict,
    ]),
  ).toEqual([
    [null, 1, "2025-03-01T09:00:00.000Z", PLATFORM_USER, 192350001, { allowed: true, reason: "unchanged", message: expect.any(String) }],
    [1, 2, "2025-03-01T09:05:00.000Z", PLATFORM_USER, 192350003, { allowed: true, reason: "allowed", message: expect.any(String) }],
    [2, 5, "2025-03-01T09:20:00.000Z", AGENT, 192350005, { allowed: true, reason: "allowed", message: expect.any(String) }],
    [5, 4, "2025-03-01T09:25:00.000Z", AGENT, 192350008, { allowed: true, reason: "allowed", message: expect.any(String) }],
  ]);
  expect(body.steps.map((s: { caller: string; byName: string }) => [s.caller, s.byName])).toEqual([
    ["platform", "Omnichannel"],
    ["platform", "Omnichannel"],
    ["user", "Ana Agent"],
    ["user", "Ana Agent"],
  ]);
  expect(body.timeInStatus).toEqual({ open: 300, active: 900, waiting: 0, "wrap-up": 300 });
  expect(body.capacitySeconds).toBe(1200);
  expect(body.conversation).toMatchObject({ id: CONVERSATION, status: 4, channel: { kind: "live-chat", name: "live-chat" } });
  expect(body.conversation.workstream).toEqual({ id: WORKSTREAM, name: "Chat workstream", mode: "live", blockCapacityForWrapUp: 0 });
  expect(body.wrapUpBlock).toEqual({ mode: "always", source: "default" });
  expect(body.auditing).toEqual({ organization: true, table: true, column: true });
});

test("the requests are exactly the documented ones, with the documented headers and no token on loopback", async () => {
  fixture = await serve(dataverse());
  await run(["history", CONVERSATION, "--env", fixture.url, "--json", "--now", NOW], vars);
  const sent = lines(fixture.requests);
  const audits = `GET audits?$select=auditid,createdon,action,operation,_userid_value,_callinguserid_value&$filter=_objectid_value eq ${CONVERSATION} and objecttypecode eq 'msdyn_ocliveworkitem'&$orderby=createdon asc`;
  expect(sent.slice(0, 2)).toEqual([
    `GET msdyn_ocliveworkitems(${CONVERSATION})?$select=activityid,statuscode,statecode,msdyn_channel,msdyn_statusupdatedon,createdon,_msdyn_liveworkstreamid_value`,
    `GET msdyn_liveworkstreams(${WORKSTREAM})?$select=msdyn_name,msdyn_conversationmode,msdyn_blockcapacityforwrapup`,
  ]);
  expect(new Set(sent.slice(2))).toEqual(
    new Set([
      "GET organizations?$select=isauditenabled",
      "GET EntityDefinitions(LogicalName='msdyn_ocliveworkitem')?$select=IsAuditEnabled",
      "GET EntityDefinitions(LogicalName='msdyn_ocliveworkitem')/Attributes(LogicalName='statuscode')?$select=IsAuditEnabled",
      audits,
      ...trail.map((t) => `GET audits(${t.row.auditid})/Microsoft.Dynamics.CRM.RetrieveAuditDetails`),
    ]),
  );
  expect(sent).toHaveLength(2 + 3 + 1 + trail.length);
  for (const request of fixture.requests) {
    expect(request.headers).toMatchObject({
      accept: "application/json",
      "odata-version": "4.0",
      "odata-maxversion": "4.0",
      "if-none-match": "null",
    });
    expect(request.headers.authorization).toBeUndefined();
  }
  const auditList = fixture.requests.find((q) => q.path.startsWith("audits?"))!;
  expect(auditList.headers.prefer).toBe('odata.include-annotations="*",odata.maxpagesize=5000');
  expect(fixture.requests.find((q) => q.path.startsWith("audits("))!.headers.prefer).toBe('odata.include-annotations="*"');
});

test("paging: every page of audits is read through @odata.nextLink, each with the same Prefer header", async () => {
  fixture = await serve(dataverse({}, 2));
  const r = await run(["history", CONVERSATION, "--env", fixture.url, "--json", "--now", NOW], vars);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout).steps).toHaveLength(4);
  const pages = fixture.requests.filter((q) => q.path.startsWith("audits?"));
  expect(pages.map((q) => q.path.replace(/^audits\?\$select.*/, "first"))).toEqual(["first", "audits?$skiptoken=2", "audits?$skiptoken=4"]);
  expect(new Set(pages.map((q) => q.headers.prefer))).toEqual(new Set(['odata.include-annotations="*",odata.maxpagesize=5000']));
});

test("a DATAVERSE_TOKEN is sent as a bearer token, and never printed", async () => {
  fixture = await serve(dataverse());
  const r = await run(["history", CONVERSATION, "--env", fixture.url, "--verbose", "--now", NOW], {
    ...vars,
    DATAVERSE_TOKEN: "Bearer eyJ-history-token ",
  });
  expect(r.code).toBe(0);
  expect(fixture.requests.every((q) => q.headers.authorization === "Bearer eyJ-history-token")).toBe(true);
  expect(r.stderr).toContain(`GET ${fixture.url}/api/data/v9.2/audits?$select=`);
  expect(r.stderr).toMatch(/^11 requests \(0 retries after 429\)$/m);
  expect(r.stdout + r.stderr).not.toContain("eyJ-history-token");
});

test("auditing turned off: says where, and how to turn it on (exit 1)", async () => {
  fixture = await serve(
    dataverse({
      "GET organizations?": page([{ isauditenabled: false }]),
      "GET audits?": page([]),
    }),
  );
  const r = await run(["history", CONVERSATION, "--env", fixture.url, "--now", NOW], vars);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`Auditing is off for the environment: the status changes of ${CONVERSATION} were not recorded.`);
  expect(r.stderr).toContain("Audit and logs > Audit settings > Start Auditing");
  expect(r.stderr).toContain("Audit changes to its data");
});

test("auditing off for the column only, with older audits kept: the history prints, with a note", async () => {
  fixture = await serve(
    dataverse({
      "GET EntityDefinitions(LogicalName='msdyn_ocliveworkitem')/Attributes(LogicalName='statuscode')": ok({
        IsAuditEnabled: { Value: false, CanBeChanged: true },
      }),
    }),
  );
  const r = await run(["history", CONVERSATION, "--env", fixture.url, "--now", NOW], vars);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("Auditing is off now for the Status Reason column: changes made since it was turned off are missing.");
});

test("no audit privilege (403): names prvReadAuditSummary and prvReadRecordAuditHistory and where to grant them", async () => {
  fixture = await serve(
    dataverse({
      "GET audits?": dataverseError(403, "0x80040220", "Principal user (Id=…, type=8) is missing prvReadAuditSummary privilege."),
    }),
  );
  const r = await run(["history", CONVERSATION, "--env", fixture.url], vars);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(
    "GET audits: access denied (HTTP 403 0x80040220: Principal user (Id=…, type=8) is missing prvReadAuditSummary privilege.)",
  );
  expect(r.stderr).toContain("prvReadAuditSummary (View Audit Summary) and prvReadRecordAuditHistory (View Audit History)");
  expect(r.stderr).toContain("Security roles");
});

test("an unknown conversation id: not found, with what to check", async () => {
  fixture = await serve(
    routes({ "GET msdyn_ocliveworkitems(": dataverseError(404, "0x80040217", "msdyn_ocliveworkitem With Id = … Does Not Exist") }),
  );
  const r = await run(["history", CONVERSATION, "--env", fixture.url], vars);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`No conversation ${CONVERSATION} in ${fixture.url}`);
  expect(r.stderr).toContain("the activityid");
  expect(fixture.requests).toHaveLength(1);
});

test("a hostile audit id in the answer is refused before it goes into a URL", async () => {
  fixture = await serve(
    dataverse({
      "GET audits?": page([auditRow({ id: "../../systemusers(00000000-0000-0000-0000-000000000001)", at: "2025-03-01T09:00:00Z" })]),
    }),
  );
  const r = await run(["history", CONVERSATION, "--env", fixture.url], vars);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('auditid "../../systemusers(00000000-0000-0000-0000-000000000001)" is not a GUID');
  expect(fixture.requests.some((q) => q.path.includes("systemusers"))).toBe(false);
});

test("the readable table: every step, the denied ones explained, the totals and the capacity basis", async () => {
  fixture = await serve(dataverse());
  const r = await run(["history", CONVERSATION, "--env", fixture.url, "--now", NOW, "--wrap-up-block", "2"], vars);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`Conversation ${CONVERSATION}: Live chat (live-chat), workstream "Chat workstream" (live); now Closed.`);
  expect(r.stdout).toMatch(
    /^1 +2025-03-01T09:00:00\.000Z +\(created\) +Open +Omnichannel \(platform\) +awaiting-agent-assignment \(192350001\) +allowed \(unchanged\)$/m,
  );
  expect(r.stdout).toMatch(
    /^4 +2025-03-01T09:25:00\.000Z +Wrap-up +Closed +Ana Agent \(user\) +conversation-ended-by-agent \(192350008\) +allowed$/m,
  );
  expect(r.stdout).toContain("Time in status (until 2025-03-01T09:25:00.000Z): Open 5m, Active 15m, Waiting 0s, Wrap-up 5m.");
  expect(r.stdout).toContain("Capacity time: 17m (Active, plus Wrap-up blocked: 2 min, from --wrap-up-block).");
});
