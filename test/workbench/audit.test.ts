/** The audit history, as "Retrieve the history of audited data changes" reads it: audits, RetrieveAuditDetails, auditing off, the privilege. */
import { ALL_ANNOTATIONS, conversation, create, q, SEED, start, type Running } from "./harness";

let dv: Running;
beforeEach(async () => {
  dv = await start();
});
afterEach(() => dv.close());

const TYPE = "#Microsoft.Dynamics.CRM.msdyn_ocliveworkitem";
const FORMATTED = "@OData.Community.Display.V1.FormattedValue";
const historyOf = (id: string, more = "") =>
  dv.send(
    "GET",
    `audits?$filter=${q(`_objectid_value eq ${id} and objecttypecode eq 'msdyn_ocliveworkitem'${more}`)}&$select=createdon,action,operation,_userid_value,_callinguserid_value,attributemask&$orderby=${q("createdon asc")}`,
    { headers: { Prefer: ALL_ANNOTATIONS } },
  );

async function walk(): Promise<string> {
  const id = await create(dv);
  await dv.dataverse.advanceClock(60_000);
  await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 2 }, headers: { MSCRMCallerID: SEED.users.agent } });
  await dv.dataverse.advanceClock(60_000);
  await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 5, msdyn_statuschangereason: 192350005 } });
  return id;
}

test("every create and status change writes an audit row: who, when, what, with formatted values", async () => {
  const id = await walk();
  const answer = await historyOf(id);
  expect(answer.status).toBe(200);
  const rows = answer.json.value ?? [];
  expect(rows).toHaveLength(3);
  expect(rows[1]).toEqual({
    "@odata.etag": expect.any(String),
    [`createdon${FORMATTED}`]: "3/2/2026 9:01 AM",
    createdon: "2026-03-02T09:01:00Z",
    [`action${FORMATTED}`]: "Update",
    action: 2,
    [`operation${FORMATTED}`]: "Update",
    operation: 2,
    [`_userid_value${FORMATTED}`]: "Alex Agent",
    "_userid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "systemuser",
    _userid_value: SEED.users.agent,
    [`_callinguserid_value${FORMATTED}`]: "Avery Admin",
    "_callinguserid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "systemuser",
    _callinguserid_value: SEED.users.admin,
    attributemask: expect.stringMatching(/^\d+(,\d+)*$/),
    auditid: expect.any(String),
  });
  expect(rows.map((r) => [r.operation, r.createdon, r._userid_value, r._callinguserid_value])).toEqual([
    [1, "2026-03-02T09:00:00Z", SEED.users.admin, null],
    [2, "2026-03-02T09:01:00Z", SEED.users.agent, SEED.users.admin],
    [2, "2026-03-02T09:02:00Z", SEED.users.admin, null],
  ]);
  const later = await historyOf(id, " and createdon ge 2026-03-02T09:01:00Z and action eq 2");
  expect((later.json.value ?? []).map((r) => r.createdon)).toEqual(["2026-03-02T09:01:00Z", "2026-03-02T09:02:00Z"]);
});

test("RetrieveAuditDetails gives the old and new values as entity-shaped objects, in both documented URL forms", async () => {
  const id = await walk();
  const rows = (await historyOf(id)).json.value ?? [];
  const [created, active, wrapUp] = rows.map((r) => r.auditid as string);
  const detail = await dv.send("GET", `audits(${wrapUp})/Microsoft.Dynamics.CRM.RetrieveAuditDetails`, {
    headers: { Prefer: ALL_ANNOTATIONS },
  });
  expect(detail.json).toEqual({
    "@odata.context": `${dv.api}/$metadata#Microsoft.Dynamics.CRM.RetrieveAuditDetailsResponse`,
    AuditDetail: {
      "@odata.type": "#Microsoft.Dynamics.CRM.AttributeAuditDetail",
      InvalidNewValueAttributes: [],
      LocLabelLanguageCode: 0,
      DeletedAttributes: { Count: 0, Keys: [], Values: [] },
      OldValue: {
        "@odata.type": TYPE,
        [`statuscode${FORMATTED}`]: "Active",
        statuscode: 2,
        [`msdyn_statusupdatedon${FORMATTED}`]: "3/2/2026 9:01 AM",
        msdyn_statusupdatedon: "2026-03-02T09:01:00Z",
      },
      NewValue: {
        "@odata.type": TYPE,
        [`statuscode${FORMATTED}`]: "Wrap-up",
        statuscode: 5,
        [`msdyn_statuschangereason${FORMATTED}`]: "Agent moved to wrap-up",
        msdyn_statuschangereason: 192350005,
        [`msdyn_statusupdatedon${FORMATTED}`]: "3/2/2026 9:02 AM",
        msdyn_statusupdatedon: "2026-03-02T09:02:00Z",
        [`msdyn_wrapupinitiatedon${FORMATTED}`]: "3/2/2026 9:02 AM",
        msdyn_wrapupinitiatedon: "2026-03-02T09:02:00Z",
      },
    },
  });
  const plain = await dv.send("GET", `audits(${active})/Microsoft.Dynamics.CRM.RetrieveAuditDetails()`);
  expect(plain.json.AuditDetail).toMatchObject({
    OldValue: { "@odata.type": TYPE, statuscode: 1 },
    NewValue: { "@odata.type": TYPE, statuscode: 2 },
  });
  const onCreate = await dv.send("GET", `audits(${created})/Microsoft.Dynamics.CRM.RetrieveAuditDetails`);
  expect(onCreate.json.AuditDetail).toMatchObject({
    OldValue: { "@odata.type": TYPE },
    NewValue: {
      subject: "A customer asks about an order",
      statuscode: 1,
      statecode: 0,
      msdyn_channel: "192360000",
      _msdyn_liveworkstreamid_value: SEED.workstreams.liveChat,
    },
  });
  expect(Object.keys(onCreate.json.AuditDetail as object)).not.toContain("AuditRecord");
  expect((await dv.send("GET", "audits(0e76dc8a-41b5-ec11-983f-0022482bf046)/Microsoft.Dynamics.CRM.RetrieveAuditDetails")).status).toBe(
    404,
  );
});

test("audits page like any collection", async () => {
  const id = await walk();
  for (const status of [2, 5, 4]) await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: status } });
  const first = await dv.send("GET", `audits?$filter=${q(`_objectid_value eq ${id}`)}&$select=createdon`, {
    headers: { Prefer: "odata.maxpagesize=4" },
  });
  expect(first.json.value).toHaveLength(4);
  const second = await dv.send("GET", first.json["@odata.nextLink"] as string, { headers: { Prefer: "odata.maxpagesize=4" } });
  expect(second.json.value).toHaveLength(2);
  expect(second.json["@odata.nextLink"]).toBeUndefined();
});

test("with auditing off for the organization or the table, nothing is written, and the documented queries show it", async () => {
  const before = await create(dv);
  const off = await dv.send("PATCH", `organizations(${SEED.organizationId})`, { body: { isauditenabled: false } });
  expect(off.status).toBe(204);
  expect((await dv.send("GET", "organizations?$select=isauditenabled")).json.value?.[0]).toMatchObject({ isauditenabled: false });
  const quiet = await create(dv);
  await dv.send("PATCH", `msdyn_ocliveworkitems(${before})`, { body: { statuscode: 2 } });
  expect((await historyOf(quiet)).json.value).toEqual([]);
  expect((await historyOf(before)).json.value).toHaveLength(1);

  await dv.send("PATCH", `organizations(${SEED.organizationId})`, { body: { isauditenabled: true } });
  expect(await dv.dataverse.setAuditing({ table: false })).toEqual({ organization: true, table: false });
  const table = await dv.send("GET", "EntityDefinitions(LogicalName='msdyn_ocliveworkitem')?$select=IsAuditEnabled");
  expect(table.json.IsAuditEnabled).toMatchObject({ Value: false });
  await dv.send("PATCH", `msdyn_ocliveworkitems(${before})`, { body: { statuscode: 5 } });
  expect((await historyOf(before)).json.value).toHaveLength(1);
  await dv.dataverse.setAuditing({ table: true });
  await dv.send("PATCH", `msdyn_ocliveworkitems(${before})`, { body: { statuscode: 4 } });
  expect((await historyOf(before)).json.value).toHaveLength(2);
});

test("a caller without prvReadAuditSummary gets the documented 403", async () => {
  const id = await walk();
  const auditid = ((await historyOf(id)).json.value ?? [])[0].auditid as string;
  const agent = { MSCRMCallerID: SEED.users.agent };
  for (const path of ["audits?$select=createdon", `audits(${auditid})/Microsoft.Dynamics.CRM.RetrieveAuditDetails`]) {
    const answer = await dv.send("GET", path, { headers: agent });
    expect(answer.status).toBe(403);
    expect(answer.json.error).toEqual({
      code: "0x80040220",
      message: `Principal user (Id=${SEED.users.agent}, type=8, roleCount=1, businessUnitId=${SEED.businessUnitId}) is missing prvReadAuditSummary privilege on entity 'audit'. Ask an administrator for a security role that grants it.`,
    });
  }
  // The agent still reads conversations.
  expect((await dv.send("GET", `msdyn_ocliveworkitems(${id})?$select=statuscode`, { headers: agent })).status).toBe(200);
});

test("the library's audit trail, for the workbench page", async () => {
  const id = await walk();
  await create(dv, conversation(SEED.workstreams.sms, 192340000));
  const trail = dv.dataverse.audits(id);
  expect(trail.map((a) => [a.operation, a.userId, a.changes.statuscode])).toEqual([
    ["Create", SEED.users.admin, { old: null, new: 1 }],
    ["Update", SEED.users.agent, { old: 1, new: 2 }],
    ["Update", SEED.users.admin, { old: 2, new: 5 }],
  ]);
  expect(dv.dataverse.audits()).toHaveLength(4);
  const api = await fetch(`${dv.origin}/workbench/api/audits?recordId=${id}`);
  expect(((await api.json()) as unknown[]).length).toBe(3);
});
