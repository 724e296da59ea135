/** Registering against the fake Web API: the exact requests, what lands in the tables, idempotency. */
import { startFakeDataverse, type FakeDataverse } from "./fake-dataverse";
import { credentials, KEY, lines, registerArgs, run, WEBHOOK, writes } from "./run";

let fake: FakeDataverse;
beforeEach(async () => {
  fake = await startFakeDataverse();
});
afterEach(() => fake.close());

const only = (set: string) => [...fake.rows[set].values()];
const STEP_SELECT =
  "sdkmessageprocessingstepid,name,stage,mode,rank,supporteddeployment,filteringattributes,statecode,_eventhandler_value,_sdkmessageid_value,_sdkmessagefilterid_value";
const IMAGE_SELECT =
  "sdkmessageprocessingstepimageid,name,imagetype,entityalias,messagepropertyname,attributes,_sdkmessageprocessingstepid_value";

test("a first run sends the lookups, then POSTs the endpoint, the Update step, its pre-image and the Create step", async () => {
  const r = await run(registerArgs(fake), credentials);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const [endpoint] = only("serviceendpoints");
  const update = only("sdkmessageprocessingsteps").find((s) => String(s.name).includes("Update"))!;
  expect(lines(fake)).toEqual([
    "GET sdkmessages?$select=sdkmessageid,name&$filter=name eq 'Update'",
    `GET sdkmessagefilters?$select=sdkmessagefilterid,iscustomprocessingstepallowed&$filter=_sdkmessageid_value eq ${fake.ids.update} and primaryobjecttypecode eq 'msdyn_ocliveworkitem'`,
    "GET sdkmessages?$select=sdkmessageid,name&$filter=name eq 'Create'",
    `GET sdkmessagefilters?$select=sdkmessagefilterid,iscustomprocessingstepallowed&$filter=_sdkmessageid_value eq ${fake.ids.create} and primaryobjecttypecode eq 'msdyn_ocliveworkitem'`,
    "GET serviceendpoints?$select=serviceendpointid,name,contract,authtype,messageformat,url,isauthvalueset&$filter=name eq 'ocs conversation state webhook'",
    "POST serviceendpoints",
    `GET sdkmessageprocessingsteps?$select=${STEP_SELECT}&$filter=name eq 'ocs conversation state: Update of msdyn_ocliveworkitem'`,
    "POST sdkmessageprocessingsteps",
    "POST sdkmessageprocessingstepimages",
    `GET sdkmessageprocessingsteps?$select=${STEP_SELECT}&$filter=name eq 'ocs conversation state: Create of msdyn_ocliveworkitem'`,
    "POST sdkmessageprocessingsteps",
  ]);
  const bodies = writes(fake).map((w) => w.body);
  expect(bodies[0]).toEqual({
    name: "ocs conversation state webhook",
    contract: 8,
    authtype: 4,
    messageformat: 2,
    url: WEBHOOK,
    authvalue: KEY,
  });
  expect(bodies[1]).toEqual({
    name: "ocs conversation state: Update of msdyn_ocliveworkitem",
    stage: 10,
    mode: 0,
    rank: 1,
    supporteddeployment: 0,
    filteringattributes: "statuscode,statecode",
    "eventhandler_serviceendpoint@odata.bind": `/serviceendpoints(${String(endpoint.serviceendpointid)})`,
    "sdkmessageid@odata.bind": `/sdkmessages(${fake.ids.update})`,
    "sdkmessagefilterid@odata.bind": `/sdkmessagefilters(${fake.ids.updateFilter})`,
  });
  expect(bodies[2]).toEqual({
    name: "ocs conversation state pre-image",
    imagetype: 0,
    entityalias: "PreImage",
    messagepropertyname: "Target",
    attributes: "statuscode,statecode,msdyn_channel,msdyn_liveworkstreamid",
    "sdkmessageprocessingstepid@odata.bind": `/sdkmessageprocessingsteps(${String(update.sdkmessageprocessingstepid)})`,
  });
  expect(bodies[3]).toEqual({
    name: "ocs conversation state: Create of msdyn_ocliveworkitem",
    stage: 10,
    mode: 0,
    rank: 1,
    supporteddeployment: 0,
    "eventhandler_serviceendpoint@odata.bind": `/serviceendpoints(${String(endpoint.serviceendpointid)})`,
    "sdkmessageid@odata.bind": `/sdkmessages(${fake.ids.create})`,
    "sdkmessagefilterid@odata.bind": `/sdkmessagefilters(${fake.ids.createFilter})`,
  });
  expect(r.stdout).toContain("4 created");
  expect(only("sdkmessageprocessingstepimages")[0]._sdkmessageprocessingstepid_value).toBe(update.sdkmessageprocessingstepid);
});

test("every request carries the documented Web API headers", async () => {
  await run(registerArgs(fake), credentials);
  for (const request of fake.requests) {
    expect(request.headers).toMatchObject({
      accept: "application/json",
      "odata-maxversion": "4.0",
      "odata-version": "4.0",
      authorization: `Bearer ${credentials.DATAVERSE_TOKEN}`,
    });
    if (request.method === "GET") expect(request.headers["if-none-match"]).toBe("null");
    if (request.body) expect(request.headers["content-type"]).toMatch(/^application\/json/);
  }
});

test("running it twice changes nothing: the second run sends GETs only", async () => {
  await run(registerArgs(fake), credentials);
  const before = fake.requests.length;
  const r = await run(registerArgs(fake), credentials);
  expect(r.code).toBe(0);
  expect(writes(fake, before)).toEqual([]);
  // 4 lookups, the endpoint, each step, and now the image too (its step already existed).
  expect(lines(fake, before).map((l) => l.split("?")[0])).toEqual([
    "GET sdkmessages",
    "GET sdkmessagefilters",
    "GET sdkmessages",
    "GET sdkmessagefilters",
    "GET serviceendpoints",
    "GET sdkmessageprocessingsteps",
    "GET sdkmessageprocessingstepimages",
    "GET sdkmessageprocessingsteps",
  ]);
  const update = only("sdkmessageprocessingsteps").find((s) => String(s.name).includes("Update"))!;
  expect(lines(fake, before)[6]).toBe(
    `GET sdkmessageprocessingstepimages?$select=${IMAGE_SELECT}&$filter=_sdkmessageprocessingstepid_value eq ${String(update.sdkmessageprocessingstepid)} and name eq 'ocs conversation state pre-image'`,
  );
  expect(r.stdout).toContain("4 unchanged");
  expect(only("serviceendpoints")).toHaveLength(1);
  expect(only("sdkmessageprocessingsteps")).toHaveLength(2);
  expect(only("sdkmessageprocessingstepimages")).toHaveLength(1);
});

test("a new --url is one PATCH of url alone, with If-Match the row's etag", async () => {
  await run(registerArgs(fake), credentials);
  const before = fake.requests.length;
  const moved = "https://ocs-hooks-2.example.net/api/validate-status-change";
  const r = await run(["--env", fake.url, "--url", moved], credentials);
  expect(r.code).toBe(0);
  const [patch] = writes(fake, before);
  expect(writes(fake, before)).toHaveLength(1);
  const [endpoint] = only("serviceendpoints");
  expect(`${patch.method} ${patch.path}`).toBe(`PATCH serviceendpoints(${String(endpoint.serviceendpointid)})`);
  expect(patch.body).toEqual({ url: moved });
  expect(patch.headers["if-match"]).toMatch(/^W\/"\d+"$/);
  expect(endpoint.url).toBe(moved);
  expect(r.stdout).toMatch(/updated\s+serviceendpoint.*\(url\)/);
});

test("a step edited by hand is put back with only the differing columns; column lists compare as sets", async () => {
  await run(registerArgs(fake), credentials);
  const step = only("sdkmessageprocessingsteps").find((s) => String(s.name).includes("Update"))!;
  Object.assign(step, { stage: 20, rank: 5, filteringattributes: "statecode,statuscode" });
  const before = fake.requests.length;
  const r = await run(registerArgs(fake), credentials);
  expect(r.code).toBe(0);
  expect(writes(fake, before).map((w) => [w.method, w.path, w.body])).toEqual([
    ["PATCH", `sdkmessageprocessingsteps(${String(step.sdkmessageprocessingstepid)})`, { stage: 10, rank: 1 }],
  ]);
});

test("a step bound to another endpoint is re-bound with @odata.bind", async () => {
  await run(registerArgs(fake), credentials);
  const stranger = fake.insert("serviceendpoints", { name: "someone else's", contract: 8 });
  const step = only("sdkmessageprocessingsteps").find((s) => String(s.name).includes("Create"))!;
  step._eventhandler_value = stranger;
  const before = fake.requests.length;
  await run(registerArgs(fake), credentials);
  const [endpoint] = only("serviceendpoints").filter((e) => e.name === "ocs conversation state webhook");
  expect(writes(fake, before).map((w) => w.body)).toEqual([
    { "eventhandler_serviceendpoint@odata.bind": `/serviceendpoints(${String(endpoint.serviceendpointid)})` },
  ]);
  expect(step._eventhandler_value).toBe(endpoint.serviceendpointid);
});

test("--rank sets the execution order of both steps", async () => {
  await run(registerArgs(fake, "--rank", "7"), credentials);
  expect(only("sdkmessageprocessingsteps").map((s) => s.rank)).toEqual([7, 7]);
});

test("the key is write-only: an existing endpoint keeps it unless --rotate-key", async () => {
  await run(registerArgs(fake), credentials);
  const before = fake.requests.length;
  await run(registerArgs(fake), { ...credentials, WEBHOOK_KEY: "a-different-key-0042" });
  expect(writes(fake, before)).toEqual([]);
  const r = await run(registerArgs(fake, "--rotate-key"), { ...credentials, WEBHOOK_KEY: "a-different-key-0042" });
  expect(r.code).toBe(0);
  expect(writes(fake, before).map((w) => w.body)).toEqual([{ authvalue: "a-different-key-0042" }]);
  expect(r.stdout).toMatch(/updated\s+serviceendpoint.*\(authvalue\)/);
  expect(r.stdout).not.toContain("a-different-key-0042");
});

test("an endpoint that has no key yet gets one without --rotate-key", async () => {
  fake.insert("serviceendpoints", { name: "ocs conversation state webhook", contract: 8, authtype: 4, messageformat: 2, url: WEBHOOK });
  const r = await run(registerArgs(fake), credentials);
  expect(r.code).toBe(0);
  expect(writes(fake).map((w) => w.body)[0]).toEqual({ authvalue: KEY });
});

test("a disabled step is reported, not silently re-enabled", async () => {
  await run(registerArgs(fake), credentials);
  only("sdkmessageprocessingsteps").forEach((s) => (s.statecode = 1));
  const before = fake.requests.length;
  const r = await run(registerArgs(fake), credentials);
  expect(r.code).toBe(0);
  expect(writes(fake, before)).toEqual([]);
  expect(r.stdout.match(/warning: this step is disabled/g)).toHaveLength(2);
});

test("two endpoints with our name stop the run before any write", async () => {
  fake.insert("serviceendpoints", { name: "ocs conversation state webhook", contract: 8 });
  fake.insert("serviceendpoints", { name: "OCS Conversation State Webhook", contract: 8 });
  const r = await run(registerArgs(fake), credentials);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("2 serviceendpoint rows match");
  expect(writes(fake)).toEqual([]);
});

test("the key appears in one request body only, never in a URL or the output", async () => {
  const r = await run(registerArgs(fake, "--verbose"), credentials);
  expect(r.code).toBe(0);
  expect(fake.requests.filter((q) => JSON.stringify(q.body ?? {}).includes(KEY))).toHaveLength(1);
  expect(fake.requests.some((q) => q.path.includes(KEY))).toBe(false);
  expect(r.stderr).toContain('"authvalue": "***"');
  expect(r.stdout + r.stderr).not.toContain(KEY);
  expect(r.stdout + r.stderr).not.toContain(credentials.DATAVERSE_TOKEN);
});
