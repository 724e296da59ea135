/** Queries: the documented $filter subset, $orderby, $top, $count, and paging with odata.maxpagesize and @odata.nextLink. */
import { ALL_ANNOTATIONS, conversation, create, q, SEED, start, type Running } from "./harness";

let dv: Running;
const ids: string[] = [];
const SMS = 192340000;
const VOICE = 192370000;
const VIDEO = 192380000;

beforeAll(async () => {
  dv = await start();
  // Five conversations a minute apart: live chat Open, live chat+video Active, SMS Waiting, voice Wrap-up, SMS Closed.
  const plan: [string, string, number | null][] = [
    [SEED.workstreams.liveChat, "192360000", null],
    [SEED.workstreams.liveChat, `192360000,${VIDEO}`, 2],
    [SEED.workstreams.sms, String(SMS), 3],
    [SEED.workstreams.voice, String(VOICE), 5],
    [SEED.workstreams.sms, String(SMS), 4],
  ];
  for (const [i, [workstream, channel, status]] of plan.entries()) {
    const id = await create(dv, { ...conversation(workstream), msdyn_channel: channel, subject: `Conversation ${i + 1}` });
    if (status !== null) await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: status } });
    ids.push(id);
    await dv.dataverse.advanceClock(60_000);
  }
});
afterAll(() => dv.close());

const subjects = async (query: string, headers: Record<string, string> = {}) => {
  const answer = await dv.send("GET", `msdyn_ocliveworkitems?$select=subject&${query}`, { headers });
  if (answer.status !== 200) throw new Error(answer.text);
  return (answer.json.value ?? []).map((row) => Number(String(row.subject).split(" ")[1]));
};
const filter = (text: string) => subjects(`$filter=${q(text)}`);

test.each([
  ["statuscode eq 3", [3]],
  ["statuscode ne 1", [2, 3, 4, 5]],
  ["statecode eq 1", [5]],
  ["statuscode ge 3 and statuscode lt 5", [3, 5]],
  ["statuscode eq 1 or statuscode eq 5", [1, 4]],
  ["(statuscode eq 2 or statuscode eq 3) and statecode eq 0", [2, 3]],
  ["not (statecode eq 0)", [5]],
  ["msdyn_wrapupinitiatedon ne null", [4]],
  ["msdyn_closedon eq null and statuscode gt 2", [3, 4]],
  [`_msdyn_liveworkstreamid_value eq ${SEED.workstreams.sms}`, [3, 5]],
  [`_msdyn_liveworkstreamid_value eq '${SEED.workstreams.voice.toUpperCase()}'`, [4]],
  ["subject eq 'CONVERSATION 2'", [2]],
  ["createdon ge 2026-03-02T09:02:00Z", [3, 4, 5]],
  ["createdon lt 2026-03-02T09:01:30.000Z and createdon ge 2026-03-02", [1, 2]],
  ["msdyn_channel eq '192360000'", [1]],
  [`Microsoft.Dynamics.CRM.ContainValues(PropertyName='msdyn_channel',PropertyValues=['${VIDEO}','${VOICE}'])`, [2, 4]],
  [`Microsoft.Dynamics.CRM.DoesNotContainValues(PropertyName='msdyn_channel',PropertyValues=['${SMS}'])`, [1, 2, 4]],
])("$filter=%s", async (text, expected) => {
  expect(await filter(text)).toEqual(expected);
});

test.each([
  ["contains(subject,'2')", "0x80060888", "The query option $filter uses the function contains()"],
  ["statuscode in (1,2)", "0x80060888", "The query option $filter uses the operator 'in'"],
  ["statuscode eq @p1", "0x80060888", "uses the parameter alias @p1"],
  ["colour eq 'blue'", "0x80060888", "Could not find a property named 'colour' on type 'Microsoft.Dynamics.CRM.msdyn_ocliveworkitem'."],
  [
    "statuscode eq 'two'",
    "0x80060888",
    "A binary operator with incompatible types was detected. Found operand types 'Edm.Int32' and 'Edm.String' for operator kind 'Equal'.",
  ],
  ["createdon gt 'today'", "0x80060888", "Found operand types 'Edm.DateTimeOffset' and 'Edm.String' for operator kind 'GreaterThan'"],
  ["msdyn_channel gt '1'", "0x80060888", "Found operand types 'Collection(Edm.Int32)' and 'Edm.String'"],
  ["statuscode eq", "0x80060888", "Syntax error in the query option $filter at position 13: expected a value at the end."],
  ["(statuscode eq 1", "0x80060888", "expected ')' at the end."],
  ["subject eq 'open", "0x80060888", "a text literal is not closed"],
  [
    "Microsoft.Dynamics.CRM.ContainValues(PropertyName='subject',PropertyValues=['1'])",
    "0x80060888",
    "ContainValues on subject, which is not a multi-select choice",
  ],
])("$filter=%s is refused, naming what is wrong", async (text, code, message) => {
  const answer = await dv.send("GET", `msdyn_ocliveworkitems?$filter=${q(text)}`);
  expect(answer.status).toBe(400);
  expect(answer.json.error?.code).toBe(code);
  expect(answer.json.error?.message).toContain(message);
});

test("$orderby (stable, nulls first), $top, and $top ignored beside odata.maxpagesize", async () => {
  expect(await subjects("$orderby=statuscode desc")).toEqual([4, 5, 3, 2, 1]);
  expect(await subjects("$orderby=msdyn_closedon desc,createdon asc")).toEqual([5, 1, 2, 3, 4]);
  expect(await subjects("$orderby=_msdyn_liveworkstreamid_value,subject desc")).toEqual([2, 1, 5, 3, 4]);
  expect(await subjects("$top=2&$orderby=createdon desc")).toEqual([5, 4]);
  expect(await subjects("$top=2", { Prefer: "odata.maxpagesize=3" })).toEqual([1, 2, 3]);
  const bad = await dv.send("GET", "msdyn_ocliveworkitems?$orderby=colour");
  expect(bad.json.error?.message).toBe("Could not find a property named 'colour' on type 'Microsoft.Dynamics.CRM.msdyn_ocliveworkitem'.");
  expect((await dv.send("GET", "msdyn_ocliveworkitems?$top=0")).json.error?.code).toBe("0x80040203");
  expect((await dv.send("GET", "msdyn_ocliveworkitems?$skip=2")).json.error?.message).toContain("$skip (Dataverse does not support it");
  expect((await dv.send("GET", "msdyn_ocliveworkitems?$top=1&$top=2")).json.error?.message).toBe(
    "Query option '$top' was specified more than once, but it must be specified at most once.",
  );
});

test("paging: Prefer odata.maxpagesize gives pages and @odata.nextLink until the last one; $count counts them all", async () => {
  const first = await dv.send("GET", "msdyn_ocliveworkitems?$select=subject&$count=true&$orderby=createdon asc", {
    headers: { Prefer: "odata.maxpagesize=2" },
  });
  expect(first.headers.get("preference-applied")).toBe("odata.maxpagesize=2");
  expect(first.json["@odata.count"]).toBe(5);
  const seen = [(first.json.value ?? []).map((r) => r.subject)];
  let next = first.json["@odata.nextLink"] as string | undefined;
  expect(next).toMatch(
    new RegExp(
      `^${dv.api}/msdyn_ocliveworkitems\\?\\$select=subject&\\$count=true&\\$orderby=createdon%20asc&\\$skiptoken=%3Ccookie%20pagenumber%3D%222%22`,
    ),
  );
  while (next) {
    const page = await dv.send("GET", next, { headers: { Prefer: "odata.maxpagesize=2" } });
    seen.push((page.json.value ?? []).map((r) => r.subject));
    next = page.json["@odata.nextLink"] as string | undefined;
  }
  expect(seen).toEqual([["Conversation 1", "Conversation 2"], ["Conversation 3", "Conversation 4"], ["Conversation 5"]]);
  const tampered = await dv.send("GET", `msdyn_ocliveworkitems?$skiptoken=${q('<cookie pagenumber="2" />')}`);
  expect(tampered.json.error).toEqual({
    code: "0x8004112A",
    message: "Invalid page number in paging cookie. Use the @odata.nextLink exactly as it was returned.",
  });
  expect((await dv.send("GET", "msdyn_ocliveworkitems", { headers: { Prefer: "odata.maxpagesize=5001" } })).json.error?.code).toBe(
    "0x80040203",
  );
  const annotated = await dv.send("GET", "msdyn_ocliveworkitems?$select=subject&$count=true", { headers: { Prefer: ALL_ANNOTATIONS } });
  expect(annotated.json).toMatchObject({
    "@Microsoft.Dynamics.CRM.totalrecordcount": 5,
    "@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded": false,
  });
  expect((await dv.send("GET", "msdyn_ocliveworkitems/$count")).text).toBe("5");
});

test("systemusers: the application users are the ones with an applicationid", async () => {
  const answer = await dv.send("GET", `systemusers?$select=fullname,applicationid&$filter=${q("applicationid ne null")}`);
  expect(answer.json.value).toEqual([
    {
      "@odata.etag": expect.any(String),
      fullname: "Omnichannel application (workbench)",
      applicationid: expect.stringMatching(/^5eed/),
      systemuserid: SEED.users.application,
    },
  ]);
  expect((await dv.send("POST", "systemusers", { body: { fullname: "x" } })).status).toBe(405);
});

test("the seeded workstreams: one per channel kind and mode, with their settings", async () => {
  const answer = await dv.send(
    "GET",
    "msdyn_liveworkstreams?$select=msdyn_name,msdyn_streamsource,msdyn_conversationmode,msdyn_workdistributionmode,msdyn_blockcapacityforwrapup,msdyn_autocloseafterinactivity",
    { headers: { Prefer: 'odata.include-annotations="OData.Community.Display.V1.FormattedValue"' } },
  );
  const rows = (answer.json.value ?? []).map((r) => [
    r.msdyn_name,
    r["msdyn_streamsource@OData.Community.Display.V1.FormattedValue"],
    r["msdyn_conversationmode@OData.Community.Display.V1.FormattedValue"],
  ]);
  expect(rows).toEqual([
    ["Live chat", "Live chat", "Live Chat"],
    ["Persistent chat", "Live chat", "Persistent Chat"],
    ["SMS", "SMS", "Live Chat"],
    ["Voice", "Voice", "Live Chat"],
    ["Records", "Entity Records", "Live Chat"],
  ]);
});
