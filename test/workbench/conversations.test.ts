/** Conversations over real HTTP: create, read, update in Dataverse's shapes, and every refusal in its error shape. */
import { ALL_ANNOTATIONS, BASE_TIME, conversation, create, LIVE_CHAT, SEED, start, type Running } from "./harness";

let dv: Running;
beforeEach(async () => {
  dv = await start();
});
afterEach(() => dv.close());

const FORMATTED = "@OData.Community.Display.V1.FormattedValue";
const SELECT = "statuscode,statecode,msdyn_channel,_msdyn_liveworkstreamid_value,msdyn_statusupdatedon,_modifiedby_value";

test("POST answers 204 with OData-EntityId; GET with $select answers the row with formatted values and the lookup form", async () => {
  const post = await dv.send("POST", "msdyn_ocliveworkitems", { body: conversation() });
  expect(post.status).toBe(204);
  expect(post.text).toBe("");
  const id = /msdyn_ocliveworkitems\(([0-9a-f-]{36})\)$/.exec(post.headers.get("odata-entityid") ?? "")?.[1] as string;
  expect(post.headers.get("odata-entityid")).toBe(`${dv.api}/msdyn_ocliveworkitems(${id})`);

  const got = await dv.send("GET", `msdyn_ocliveworkitems(${id})?$select=${SELECT}`, { headers: { Prefer: ALL_ANNOTATIONS } });
  expect(got.status).toBe(200);
  expect(got.headers.get("content-type")).toBe("application/json; odata.metadata=minimal");
  expect(got.headers.get("odata-version")).toBe("4.0");
  expect(got.headers.get("preference-applied")).toBe(ALL_ANNOTATIONS);
  expect(got.json).toEqual({
    "@odata.context": `${dv.api}/$metadata#msdyn_ocliveworkitems(${SELECT})/$entity`,
    "@odata.etag": got.headers.get("etag"),
    [`statuscode${FORMATTED}`]: "Open",
    statuscode: 1,
    [`statecode${FORMATTED}`]: "Open",
    statecode: 0,
    [`msdyn_channel${FORMATTED}`]: "Live chat",
    msdyn_channel: String(LIVE_CHAT),
    [`_msdyn_liveworkstreamid_value${FORMATTED}`]: "Live chat",
    "_msdyn_liveworkstreamid_value@Microsoft.Dynamics.CRM.associatednavigationproperty": "msdyn_liveworkstreamid_msdyn_ocliveworkitem",
    "_msdyn_liveworkstreamid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "msdyn_liveworkstream",
    _msdyn_liveworkstreamid_value: SEED.workstreams.liveChat,
    [`msdyn_statusupdatedon${FORMATTED}`]: "3/2/2026 9:00 AM",
    msdyn_statusupdatedon: "2026-03-02T09:00:00Z",
    [`_modifiedby_value${FORMATTED}`]: "Avery Admin",
    "_modifiedby_value@Microsoft.Dynamics.CRM.associatednavigationproperty": "modifiedby_msdyn_ocliveworkitem",
    "_modifiedby_value@Microsoft.Dynamics.CRM.lookuplogicalname": "systemuser",
    _modifiedby_value: SEED.users.admin,
    activityid: id,
  });
  expect(got.headers.get("etag")).toMatch(/^W\/"\d+"$/);

  const plain = await dv.send("GET", `msdyn_ocliveworkitems(${id})?$select=statuscode,_msdyn_liveworkstreamid_value`);
  expect(Object.keys(plain.json)).toEqual(["@odata.context", "@odata.etag", "statuscode", "_msdyn_liveworkstreamid_value", "activityid"]);
  expect(plain.headers.get("preference-applied")).toBeNull();
});

test("only the annotations asked for are added", async () => {
  const id = await create(dv);
  const got = await dv.send("GET", `msdyn_ocliveworkitems(${id})?$select=statuscode,_msdyn_liveworkstreamid_value`, {
    headers: { Prefer: 'odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname"' },
  });
  expect(got.json).toEqual({
    "@odata.context": expect.any(String),
    "@odata.etag": expect.any(String),
    statuscode: 1,
    "_msdyn_liveworkstreamid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "msdyn_liveworkstream",
    _msdyn_liveworkstreamid_value: SEED.workstreams.liveChat,
    activityid: id,
  });
});

test("Prefer return=representation: POST answers 201 with the row, PATCH 200", async () => {
  const post = await dv.send("POST", "msdyn_ocliveworkitems?$select=subject,statuscode", {
    body: conversation(),
    headers: { Prefer: "return=representation" },
  });
  expect(post.status).toBe(201);
  expect(post.headers.get("preference-applied")).toBe("return=representation");
  expect(post.json).toMatchObject({ subject: "A customer asks about an order", statuscode: 1 });
  const id = post.json.activityid as string;
  expect(post.headers.get("odata-entityid")).toBe(`${dv.api}/msdyn_ocliveworkitems(${id})`);
  const patch = await dv.send("PATCH", `msdyn_ocliveworkitems(${id})?$select=statuscode,statecode`, {
    body: { statuscode: 2 },
    headers: { Prefer: "return=representation", "If-Match": "*" },
  });
  expect(patch.status).toBe(200);
  expect(patch.json).toMatchObject({ statuscode: 2, statecode: 0, activityid: id });
  expect(patch.json["@odata.etag"]).not.toBe(post.json["@odata.etag"]);
});

test("optimistic concurrency: If-Match the current etag updates; a stale one is 412 and changes nothing", async () => {
  const id = await create(dv);
  const first = await dv.send("GET", `msdyn_ocliveworkitems(${id})?$select=statuscode`);
  const etag = first.json["@odata.etag"] as string;
  const ok = await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 2 }, headers: { "If-Match": etag } });
  expect(ok.status).toBe(204);
  const stale = await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 5 }, headers: { "If-Match": etag } });
  expect(stale.status).toBe(412);
  expect(stale.json).toEqual({
    error: { code: "0x80060882", message: "The version of the existing record doesn't match the RowVersion property provided." },
  });
  expect((await dv.send("GET", `msdyn_ocliveworkitems(${id})?$select=statuscode`)).json.statuscode).toBe(2);
});

test("upsert rules: If-Match * on a missing id is 404; without If-Match the PATCH creates the row; If-None-Match * refuses an existing one", async () => {
  const missing = "0e76dc8a-41b5-ec11-983f-0022482bf046";
  const guarded = await dv.send("PATCH", `msdyn_ocliveworkitems(${missing})`, { body: { subject: "x" }, headers: { "If-Match": "*" } });
  expect(guarded.status).toBe(404);
  expect(guarded.json.error).toEqual({ code: "0x80040217", message: `msdyn_ocliveworkitem With Id = ${missing} Does Not Exist` });
  const upsert = await dv.send("PATCH", `msdyn_ocliveworkitems(${missing})`, { body: { subject: "created by upsert" } });
  expect(upsert.status).toBe(204);
  expect(upsert.headers.get("odata-entityid")).toBe(`${dv.api}/msdyn_ocliveworkitems(${missing})`);
  expect((await dv.send("GET", `msdyn_ocliveworkitems(${missing})?$select=subject,statuscode`)).json).toMatchObject({
    subject: "created by upsert",
    statuscode: 1,
  });
  const noUpdate = await dv.send("PATCH", `msdyn_ocliveworkitems(${missing})`, {
    body: { subject: "y" },
    headers: { "If-None-Match": "*" },
  });
  expect(noUpdate.status).toBe(412);
  expect(noUpdate.json.error?.message).toBe("A record with matching key values already exists.");
});

test("a status change sets msdyn_statusupdatedon, then msdyn_wrapupinitiatedon and msdyn_closedon, from the simulated clock", async () => {
  const id = await create(dv);
  const at = (minutes: number) => new Date(BASE_TIME + minutes * 60_000).toISOString().replace(".000Z", "Z");
  const read = async () =>
    (
      await dv.send(
        "GET",
        `msdyn_ocliveworkitems(${id})?$select=statuscode,statecode,msdyn_statusupdatedon,msdyn_wrapupinitiatedon,msdyn_closedon,modifiedon`,
      )
    ).json;
  await dv.dataverse.advanceClock(10 * 60_000);
  await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 2 } });
  expect(await read()).toMatchObject({
    statuscode: 2,
    statecode: 0,
    msdyn_statusupdatedon: at(10),
    msdyn_wrapupinitiatedon: null,
    modifiedon: at(10),
  });
  await dv.dataverse.advanceClock(5 * 60_000);
  await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { subject: "no status in this one" } });
  expect(await read()).toMatchObject({ msdyn_statusupdatedon: at(10), modifiedon: at(15) });
  await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 5 } });
  expect(await read()).toMatchObject({
    statuscode: 5,
    statecode: 0,
    msdyn_statusupdatedon: at(15),
    msdyn_wrapupinitiatedon: at(15),
    msdyn_closedon: null,
  });
  await dv.dataverse.advanceClock(60 * 60_000);
  // A lone statecode brings its state's default status reason: Closed (1) → 4.
  await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statecode: 1, msdyn_statuschangereason: 192350016 } });
  expect(await read()).toMatchObject({
    statuscode: 4,
    statecode: 1,
    msdyn_statusupdatedon: at(75),
    msdyn_wrapupinitiatedon: at(15),
    msdyn_closedon: at(75),
  });
});

test("a status reason that does not belong to the requested state is refused with 0x80048408, and nothing changes", async () => {
  const id = await create(dv);
  const patch = await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 3, statecode: 1 } });
  expect(patch.status).toBe(400);
  expect(patch.json.error).toEqual({
    code: "0x80048408",
    message:
      "State code is invalid or state code is valid but status code is invalid for a specified state code. statuscode 3 (Waiting) belongs to statecode 0 (Open), not 1 (Closed).",
  });
  const post = await dv.send("POST", "msdyn_ocliveworkitems", {
    body: conversation(undefined, undefined, { statecode: 1, statuscode: 2 }),
  });
  expect(post.status).toBe(400);
  expect(post.json.error?.code).toBe("0x80048408");
  const deprecated = await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statecode: 4 } });
  expect(deprecated.json.error?.message).toContain("statecode 4 (Wrap-up (Deprecated)) has no status reason any more");
  expect((await dv.send("GET", `msdyn_ocliveworkitems(${id})?$select=statuscode,statecode`)).json).toMatchObject({
    statuscode: 1,
    statecode: 0,
  });
});

const payload = (detail: string) => expect.stringContaining(`InnerException : Microsoft.OData.ODataException: ${detail}`);

test.each([
  [
    "an unknown column",
    { msdyn_colour: "blue" },
    400,
    "0x80048d19",
    payload("The property 'msdyn_colour' does not exist on type 'Microsoft.Dynamics.CRM.msdyn_ocliveworkitem'"),
  ],
  [
    "a status reason as text",
    { statuscode: "2" },
    400,
    "0x80048d19",
    payload("Cannot convert the literal '2' to the expected type 'Edm.Int32' for 'statuscode'."),
  ],
  ["a status reason the table lacks", { statuscode: 99 }, 400, "0x80048408", expect.stringContaining("99 is not an option of statuscode")],
  [
    "a channel as a number",
    { msdyn_channel: LIVE_CHAT },
    400,
    "0x80048d19",
    payload("Cannot convert the literal '192360000' to the expected type 'Edm.String'"),
  ],
  [
    "an unknown channel",
    { msdyn_channel: "192360000,123" },
    400,
    "0x80061005",
    "The value is out of range. 123 is not an option of msdyn_channel.",
  ],
  [
    "an unknown status change reason",
    { msdyn_statuschangereason: 1 },
    400,
    "0x80061005",
    expect.stringContaining("1 is not an option of msdyn_statuschangereason"),
  ],
  [
    "a date that is not ISO 8601",
    { msdyn_closedon: "yesterday" },
    400,
    "0x80048d19",
    payload("Cannot convert the literal 'yesterday' to the expected type 'Edm.DateTimeOffset'"),
  ],
  [
    "a lookup value written directly",
    { _msdyn_activeagentid_value: SEED.users.agent },
    400,
    "0x80048d19",
    payload("The property '_msdyn_activeagentid_value' is read-only"),
  ],
  [
    "a column Dataverse maintains",
    { createdon: "2020-01-01T00:00:00Z" },
    400,
    "0x80048d19",
    payload("The property 'createdon' of 'Microsoft.Dynamics.CRM.msdyn_ocliveworkitem' cannot be set on update"),
  ],
  [
    "an unknown navigation property",
    { "msdyn_queue@odata.bind": `/queues(${SEED.queues.liveChat})` },
    400,
    "0x80048d19",
    payload("An undeclared property 'msdyn_queue'"),
  ],
  [
    "a bind to another table",
    { "msdyn_cdsqueueid_msdyn_ocliveworkitem@odata.bind": `/systemusers(${SEED.users.agent})` },
    400,
    "0x80090800",
    expect.stringContaining("Invalid url value"),
  ],
  [
    "a bind to a missing row",
    { "msdyn_activeagentid_msdyn_ocliveworkitem@odata.bind": "/systemusers(0e76dc8a-41b5-ec11-983f-0022482bf046)" },
    404,
    "0x80040217",
    "systemuser With Id = 0e76dc8a-41b5-ec11-983f-0022482bf046 Does Not Exist",
  ],
  [
    "a subject over 400 characters",
    { subject: "x".repeat(401) },
    400,
    "0x80040203",
    expect.stringContaining("exceeded the maximum allowed length of '400'"),
  ],
  ["a JSON array", [1, 2], 400, "0x80048d19", payload("The request body must be a JSON object")],
  ["malformed JSON", '{"statuscode": 2', 400, "0x80048d19", payload("Invalid JSON.")],
])("PATCH with %s is refused in Dataverse's error shape", async (_name, body, status, code, message) => {
  const id = await create(dv);
  const answer = await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body });
  expect(answer.status).toBe(status);
  expect(answer.headers.get("content-type")).toBe("application/json; odata.metadata=minimal");
  expect(answer.json).toEqual({ error: { code, message } });
  expect((await dv.send("GET", `msdyn_ocliveworkitems(${id})?$select=statuscode,subject`)).json).toMatchObject({
    statuscode: 1,
    subject: "A customer asks about an order",
  });
});

test("requests the Web API cannot route answer 404 and 405 in the error shape", async () => {
  const id = await create(dv);
  const unknownSet = await dv.send("GET", "msdyn_conversations");
  expect(unknownSet.status).toBe(404);
  expect(unknownSet.json.error).toEqual({ code: "0x80060888", message: "Resource not found for the segment 'msdyn_conversations'." });
  const badKey = await dv.send("GET", "msdyn_ocliveworkitems(not-a-guid)");
  expect(badKey.status).toBe(400);
  expect(badKey.json.error?.message).toContain("the key 'not-a-guid' of 'msdyn_ocliveworkitems' is not a GUID");
  const missing = await dv.send("GET", "msdyn_ocliveworkitems(0e76dc8a-41b5-ec11-983f-0022482bf046)");
  expect(missing.status).toBe(404);
  const remove = await dv.send("DELETE", `msdyn_ocliveworkitems(${id})`);
  expect(remove.status).toBe(405);
  expect(remove.headers.get("allow")).toBe("GET, PATCH");
  expect(remove.json.error?.code).toBe("0x80060888");
  expect((await dv.send("POST", `msdyn_ocliveworkitems(${id})`, { body: {} })).status).toBe(405);
  expect((await dv.send("PATCH", "msdyn_ocliveworkitems", { body: {} })).status).toBe(405);
  expect((await dv.send("POST", "msdyn_liveworkstreams", { body: {} })).status).toBe(405);
  const otherVersion = await dv.send("GET", `${dv.origin}/api/data/v9.1/msdyn_ocliveworkitems`);
  expect(otherVersion.status).toBe(404);
  expect(otherVersion.json.error?.code).toBe("0x80060888");
  const select = await dv.send("GET", `msdyn_ocliveworkitems(${id})?$select=colour`);
  expect(select.json.error).toEqual({
    code: "0x80060888",
    message: "Could not find a property named 'colour' on type 'Microsoft.Dynamics.CRM.msdyn_ocliveworkitem'.",
  });
  const expand = await dv.send("GET", `msdyn_ocliveworkitems(${id})?$expand=msdyn_liveworkstreamid_msdyn_ocliveworkitem`);
  expect(expand.status).toBe(400);
  expect(expand.json.error?.message).toContain("The query option $expand uses $expand");
});

test("a body over the limit is 413 in the error shape, before it is read", async () => {
  await dv.close();
  dv = await start({ bodyLimitBytes: 2048 });
  const answer = await dv.send("POST", "msdyn_ocliveworkitems", {
    body: conversation(undefined, undefined, { msdyn_title: "x".repeat(4000) }),
  });
  expect(answer.status).toBe(413);
  expect(answer.json.error?.message).toBe("The request body is larger than 2048 bytes.");
});

test("impersonation: MSCRMCallerID or CallerObjectId makes another user the caller, on behalf of the admin", async () => {
  const id = await create(dv, conversation(), { MSCRMCallerID: SEED.users.agent });
  const select = "_createdby_value,_modifiedby_value,_createdonbehalfby_value,_ownerid_value";
  expect((await dv.send("GET", `msdyn_ocliveworkitems(${id})?$select=${select}`)).json).toMatchObject({
    _createdby_value: SEED.users.agent,
    _modifiedby_value: SEED.users.agent,
    _createdonbehalfby_value: SEED.users.admin,
    _ownerid_value: SEED.users.agent,
  });
  const objectId = (await dv.send("GET", `systemusers(${SEED.users.application})?$select=azureactivedirectoryobjectid`)).json
    .azureactivedirectoryobjectid as string;
  await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 2 }, headers: { CallerObjectId: objectId } });
  expect((await dv.send("GET", `msdyn_ocliveworkitems(${id})?$select=_modifiedby_value,_modifiedonbehalfby_value`)).json).toMatchObject({
    _modifiedby_value: SEED.users.application,
    _modifiedonbehalfby_value: SEED.users.admin,
  });
  const who = await dv.send("GET", "WhoAmI", { headers: { MSCRMCallerID: SEED.users.agent } });
  expect(who.json).toMatchObject({ UserId: SEED.users.agent, BusinessUnitId: SEED.businessUnitId });
  const unknown = await dv.send("GET", "WhoAmI", { headers: { MSCRMCallerID: "0e76dc8a-41b5-ec11-983f-0022482bf046" } });
  expect(unknown.status).toBe(404);
  expect(unknown.json.error?.message).toBe("systemuser With Id = 0e76dc8a-41b5-ec11-983f-0022482bf046 Does Not Exist");
  const malformed = await dv.send("GET", "WhoAmI", { headers: { MSCRMCallerID: "alex" } });
  expect(malformed.status).toBe(400);
  expect(malformed.json.error?.code).toBe("0x80048d1A");
});

test("an agent cannot write what its role does not grant: 403 PrivilegeDenied naming the privilege", async () => {
  const answer = await dv.send("PATCH", `organizations(${SEED.organizationId})`, {
    body: { isauditenabled: false },
    headers: { MSCRMCallerID: SEED.users.agent },
  });
  expect(answer.status).toBe(403);
  expect(answer.json.error?.code).toBe("0x80040220");
  expect(answer.json.error?.message).toContain(`Principal user (Id=${SEED.users.agent}, type=8`);
  expect(answer.json.error?.message).toContain("is missing prvWriteorganization privilege on entity 'organization'");
});
