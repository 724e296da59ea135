/**
 * The webhook call-out: registered with the project's own register-webhook, then called on each
 * Create and status change with a RemoteExecutionContext (PLATFORM.md §5). Against the real webhook
 * (plugins/webhook) an allowed move passes and a denied one is rolled back; against a recording
 * server the exact context and headers are checked.
 */
import { createServer, type AddressInfo } from "node:net";
import { main as registerWebhook } from "../../plugins/registration/cli";
import { buildApp } from "../../plugins/webhook/app";
import { loadSettings } from "../../plugins/webhook/settings";
import { BASE_TIME, BROWSER, conversation, create, logged, q, SEED, start, type Running } from "./harness";
import { startRecorder, type Recorder } from "./recorder";

const KEY = "workbench-test-key";
const CONTRACTS = "http://schemas.microsoft.com/xrm/2011/Contracts";
const UPDATE_STEP = "ocs conversation state: Update of msdyn_ocliveworkitem";

async function register(dv: Running, url: string, more: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await registerWebhook(["--env", dv.origin, "--url", url, ...more], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { DATAVERSE_TOKEN: "local", WEBHOOK_KEY: KEY },
  });
  return { code, stdout, stderr };
}

/** A port nothing listens on: taken, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const statusOf = async (dv: Running, id: string) => (await dv.send("GET", `msdyn_ocliveworkitems(${id})?$select=statuscode`)).json;
const auditCount = async (dv: Running, id: string) =>
  ((await dv.send("GET", `audits?$filter=${q(`_objectid_value eq ${id}`)}`)).json.value ?? []).length;

describe("against the project's webhook", () => {
  let dv: Running;
  let webhook: ReturnType<typeof buildApp>;
  let webhookUrl: string;
  const logs: string[] = [];

  beforeAll(async () => {
    dv = await start();
    webhook = buildApp(loadSettings({ WEBHOOK_KEYS: KEY }), { logStream: { write: (line: string) => void logs.push(line) } });
    await webhook.listen({ host: "127.0.0.1", port: 0 });
    webhookUrl = `http://127.0.0.1:${(webhook.server.address() as AddressInfo).port}/api/validate-status-change`;
  });
  afterAll(async () => {
    await dv.close();
    await webhook.close();
  });

  test("register-webhook registers it in the local Dataverse (a loopback http URL), and a second run changes nothing", async () => {
    const first = await register(dv, webhookUrl);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Registered the webhook in ${dv.origin}: 4 created.`);
    const steps = await dv.send("GET", "sdkmessageprocessingsteps?$select=name,stage,mode,filteringattributes");
    expect((steps.json.value ?? []).map((s) => [s.name, s.stage, s.mode, s.filteringattributes])).toEqual([
      [UPDATE_STEP, 10, 0, "statuscode,statecode"],
      ["ocs conversation state: Create of msdyn_ocliveworkitem", 10, 0, null],
    ]);
    const again = await register(dv, webhookUrl);
    expect(again.stdout).toContain("4 unchanged");
    const elsewhere = await register(dv, "http://192.0.2.1:7071/api/validate-status-change");
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain("--url must be https");
  });

  test("an allowed move passes; an agent's move the model denies, from a browser, is refused (422): the record is unchanged and no audit is written", async () => {
    const id = await create(dv);
    const agent = { MSCRMCallerID: SEED.users.agent, "User-Agent": BROWSER };
    const allowed = await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 2 }, headers: agent });
    expect(allowed.status).toBe(204);
    expect(await statusOf(dv, id)).toMatchObject({ statuscode: 2 });
    const etag = (await statusOf(dv, id))["@odata.etag"];
    const audits = await auditCount(dv, id);

    // Active → Waiting is not available for live chat ("Waiting state applies only to asynchronous and persistent chats").
    const denied = await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 3 }, headers: agent });
    expect(denied.status).toBe(400);
    expect(denied.json).toEqual({
      error: {
        code: "0x80040265",
        message: `ISV code aborted the operation. The synchronous webhook of step '${UPDATE_STEP}' answered HTTP 422; the change was rolled back. Dataverse does not read a webhook's answer body: see the webhook's log (or /workbench/api/callouts) for its reason.`,
      },
    });
    expect(await statusOf(dv, id)).toMatchObject({ statuscode: 2, "@odata.etag": etag });
    expect(await auditCount(dv, id)).toBe(audits);

    const decisions = dv.dataverse.callouts({ recordId: id });
    expect(decisions.map((d) => [d.message, d.change.from, d.change.to, d.status, d.outcome, d.rolledBack])).toEqual([
      ["Create", null, 1, 200, "passed", false],
      ["Update", 1, 2, 200, "passed", false],
      ["Update", 2, 3, 422, "refused", true],
    ]);
    expect(decisions[2].response).toMatchObject({ allowed: false, reason: "not-for-channel", from: 2, to: 3, channel: "live-chat" });
    expect(decisions[2]).toMatchObject({ userId: SEED.users.agent, userAgent: BROWSER, endpoint: { url: `${webhookUrl}?code=***` } });
    const api = (await (await fetch(`${dv.origin}/workbench/api/callouts?recordId=${id}`)).json()) as { outcome: string }[];
    expect(api.map((c) => c.outcome)).toEqual(["passed", "passed", "refused"]);
    expect(logs.join("")).toContain('"reason":"not-for-channel"');
    // The local Dataverse logs what the webhook answered, as Dataverse itself never shows it.
    expect(logged.at(-1)).toMatch(
      new RegExp(
        `^webhook step "${UPDATE_STEP}" \\(Update of msdyn_ocliveworkitem\\(${id}\\)\\) answered HTTP 422 \\{"allowed":false,"reason":"not-for-channel"`,
      ),
    );
  });

  test("a change that does not touch the filtering attributes calls nothing", async () => {
    const id = await create(dv);
    const before = dv.dataverse.callouts({ recordId: id }).length;
    expect((await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { subject: "renamed" } })).status).toBe(204);
    expect(dv.dataverse.callouts({ recordId: id })).toHaveLength(before);
  });
});

describe("against a recording webhook", () => {
  let dv: Running;
  let recorder: Recorder;
  let stepId: string;

  beforeAll(async () => {
    dv = await start({ webhookTimeoutMs: 500 });
    recorder = await startRecorder();
    expect((await register(dv, recorder.url)).code).toBe(0);
    const steps = await dv.send("GET", `sdkmessageprocessingsteps?$select=name&$filter=${q(`name eq '${UPDATE_STEP}'`)}`);
    stepId = (steps.json.value ?? [])[0].sdkmessageprocessingstepid as string;
  });
  afterAll(async () => {
    await dv.close();
    await recorder.close();
  });
  beforeEach(() => {
    recorder.calls.length = 0;
    recorder.script([]);
  });

  test("Update: the exact RemoteExecutionContext, with the pre-image's registered columns, and the documented headers", async () => {
    const id = await create(dv, conversation(SEED.workstreams.liveChat, 192360000));
    await dv.dataverse.advanceClock(90_000);
    recorder.calls.length = 0;
    const answer = await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, {
      body: { statuscode: 2, msdyn_statuschangereason: 192350003 },
      headers: { MSCRMCallerID: SEED.users.agent, "User-Agent": "WorkbenchTest/1.0" },
    });
    expect(answer.status).toBe(204);
    expect(recorder.calls).toHaveLength(1);
    const [call] = recorder.calls;
    expect(call.url).toBe(`/api/validate-status-change?code=${KEY}`);
    expect(call.headers).toMatchObject({
      "content-type": "application/json",
      "x-ms-dynamics-organization": new URL(dv.origin).host,
      "x-ms-dynamics-entity-name": "msdyn_ocliveworkitem",
      "x-ms-dynamics-request-name": "Update",
      "x-ms-correlation-request-id": call.body.CorrelationId,
    });
    expect(call.headers["x-ms-dynamics-msg-size-exceeded"]).toBeUndefined();
    const option = (value: number) => ({ __type: `OptionSetValue:${CONTRACTS}`, Value: value });
    const entity = (attributes: unknown[]) => ({
      __type: `Entity:${CONTRACTS}`,
      Attributes: attributes,
      EntityState: null,
      FormattedValues: [],
      Id: id,
      KeyAttributes: [],
      LogicalName: "msdyn_ocliveworkitem",
      RelatedEntities: [],
      RowVersion: null,
    });
    const guid = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(call.body).toEqual({
      BusinessUnitId: SEED.businessUnitId,
      CorrelationId: guid,
      Depth: 1,
      InitiatingUserAgent: "WorkbenchTest/1.0",
      InitiatingUserId: SEED.users.agent,
      InputParameters: [
        {
          key: "Target",
          value: entity([
            { key: "statuscode", value: option(2) },
            { key: "msdyn_statuschangereason", value: option(192350003) },
            { key: "activityid", value: id },
          ]),
        },
      ],
      IsExecutingOffline: false,
      IsInTransaction: false,
      IsOfflinePlayback: false,
      IsolationMode: 1,
      MessageName: "Update",
      Mode: 0,
      OperationCreatedOn: `/Date(${BASE_TIME + 90_000})/`,
      OperationId: guid,
      OrganizationId: SEED.organizationId,
      OrganizationName: "workbench",
      OutputParameters: [],
      OwningExtension: { Id: stepId, KeyAttributes: [], LogicalName: "sdkmessageprocessingstep", Name: UPDATE_STEP, RowVersion: null },
      ParentContext: null,
      PostEntityImages: [],
      PreEntityImages: [
        {
          key: "PreImage",
          value: entity([
            { key: "activityid", value: id },
            { key: "statecode", value: option(0) },
            { key: "statuscode", value: option(1) },
            { key: "msdyn_channel", value: [option(192360000)] },
            {
              key: "msdyn_liveworkstreamid",
              value: {
                __type: `EntityReference:${CONTRACTS}`,
                Id: SEED.workstreams.liveChat,
                KeyAttributes: [],
                LogicalName: "msdyn_liveworkstream",
                Name: null,
                RowVersion: null,
              },
            },
          ]),
        },
      ],
      PrimaryEntityId: id,
      PrimaryEntityName: "msdyn_ocliveworkitem",
      RequestId: guid,
      SecondaryEntityName: "none",
      SharedVariables: [],
      Stage: 10,
      UserId: SEED.users.agent,
    });
  });

  test("Create: the Target carries the request's typed values and there is no pre-image; without MSCRMCallerID the caller is the admin", async () => {
    const id = await create(
      dv,
      conversation(SEED.workstreams.sms, 192340000, {
        statuscode: 1,
        msdyn_isoutbound: true,
        msdyn_statusupdatedon: "2026-03-01T08:00:00Z",
      }),
      { "User-Agent": "SDK client/1.0" },
    );
    const [call] = recorder.calls;
    expect(call.headers["x-ms-dynamics-request-name"]).toBe("Create");
    expect(call.body).toMatchObject({
      MessageName: "Create",
      Stage: 10,
      PrimaryEntityId: id,
      PreEntityImages: [],
      UserId: SEED.users.admin,
      InitiatingUserId: SEED.users.admin,
      InitiatingUserAgent: "SDK client/1.0",
    });
    const target = (call.body.InputParameters as { value: { Attributes: { key: string; value: unknown }[] } }[])[0].value;
    expect(target.Attributes).toEqual([
      { key: "subject", value: "A customer asks about an order" },
      { key: "msdyn_channel", value: [{ __type: `OptionSetValue:${CONTRACTS}`, Value: 192340000 }] },
      { key: "msdyn_liveworkstreamid", value: expect.objectContaining({ Id: SEED.workstreams.sms, LogicalName: "msdyn_liveworkstream" }) },
      { key: "statuscode", value: { __type: `OptionSetValue:${CONTRACTS}`, Value: 1 } },
      { key: "msdyn_isoutbound", value: true },
      { key: "msdyn_statusupdatedon", value: `/Date(${Date.parse("2026-03-01T08:00:00Z")})/` },
      { key: "activityid", value: id },
    ]);
  });

  test("only 502, 503 and 504 get one more attempt; other answers fail the change at once", async () => {
    const id = await create(dv);
    recorder.calls.length = 0;
    recorder.script([503, 200]);
    expect((await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 2 } })).status).toBe(204);
    expect(recorder.calls).toHaveLength(2);
    expect(recorder.calls[1].body.CorrelationId).toBe(recorder.calls[0].body.CorrelationId);
    recorder.script([502, 504]);
    expect((await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 5 } })).status).toBe(400);
    expect(recorder.calls).toHaveLength(4);
    recorder.script([500]);
    const refused = await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 5 } });
    expect(refused.json.error?.message).toContain("answered HTTP 500");
    expect(recorder.calls).toHaveLength(5);
    expect(await statusOf(dv, id)).toMatchObject({ statuscode: 2 });
    expect(
      dv.dataverse
        .callouts({ recordId: id })
        .slice(-3)
        .map((c) => c.attempts.map((a) => a.status)),
    ).toEqual([[503, 200], [502, 504], [500]]);
  });

  test("no answer within the timeout, or no webhook at all, fails the change with the same error", async () => {
    const id = await create(dv);
    recorder.script(["hang"]);
    const hung = await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 2 } });
    expect(hung.status).toBe(400);
    expect(hung.json.error?.message).toContain("answered nothing (no answer within 500 ms)");
    const endpoint = (await dv.send("GET", "serviceendpoints?$select=url")).json.value?.[0] as Record<string, string>;
    const closed = await freePort();
    await dv.send("PATCH", `serviceendpoints(${endpoint.serviceendpointid})`, {
      body: { url: `http://127.0.0.1:${closed}/api/validate-status-change` },
    });
    const nobody = await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 2 } });
    expect(nobody.json.error?.message).toContain("answered nothing (ECONNREFUSED)");
    expect(
      dv.dataverse
        .callouts({ recordId: id })
        .slice(-2)
        .map((c) => c.outcome),
    ).toEqual(["failed", "failed"]);
    await dv.send("PATCH", `serviceendpoints(${endpoint.serviceendpointid})`, { body: { url: recorder.url } });
    expect(await statusOf(dv, id)).toMatchObject({ statuscode: 1 });
  });

  test("HttpHeader authentication sends the authvalue's settings as headers, and no code", async () => {
    const endpoint = (await dv.send("GET", "serviceendpoints?$select=authtype")).json.value?.[0] as Record<string, string>;
    const edit = (body: Record<string, unknown>) => dv.send("PATCH", `serviceendpoints(${endpoint.serviceendpointid})`, { body });
    expect(
      (await edit({ authtype: 5, authvalue: '<settings><setting name="x-webhook-key" value="header-key" /></settings>' })).status,
    ).toBe(204);
    const id = await create(dv);
    expect(recorder.calls.at(-1)?.url).toBe("/api/validate-status-change");
    expect(recorder.calls.at(-1)?.headers["x-webhook-key"]).toBe("header-key");
    expect(dv.dataverse.callouts({ recordId: id }).at(-1)?.endpoint.url).toBe(recorder.url);
    await edit({ authtype: 4, authvalue: KEY });
  });

  test("a synchronous PostOperation step that fails rolls the stored change back; an asynchronous one cannot", async () => {
    const id = await create(dv);
    const endpoint = (await dv.send("GET", "serviceendpoints?$select=name")).json.value?.[0].serviceendpointid as string;
    const step = (mode: number) => ({
      name: `post-operation ${mode}`,
      stage: 40,
      mode,
      rank: 2,
      filteringattributes: "statuscode",
      "eventhandler_serviceendpoint@odata.bind": `/serviceendpoints(${endpoint})`,
      "sdkmessageid@odata.bind": `/sdkmessages(${SEED.messages.update})`,
      "sdkmessagefilterid@odata.bind": `/sdkmessagefilters(${SEED.filters.updateConversation})`,
    });
    const sync = await dv.send("POST", "sdkmessageprocessingsteps", { body: step(0) });
    expect(sync.status).toBe(204);
    const etag = (await statusOf(dv, id))["@odata.etag"];
    const audits = await auditCount(dv, id);
    recorder.calls.length = 0;
    recorder.script([200, 500]);
    const refused = await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 2 } });
    expect(refused.status).toBe(400);
    expect(recorder.calls.map((c) => c.body.Stage)).toEqual([10, 40]);
    expect(recorder.calls[1].body.PostEntityImages).toEqual([]);
    expect(await statusOf(dv, id)).toMatchObject({ statuscode: 1, "@odata.etag": etag });
    expect(await auditCount(dv, id)).toBe(audits);
    const syncId = /\(([0-9a-f-]{36})\)$/.exec(sync.headers.get("odata-entityid") ?? "")?.[1];
    await dv.send("DELETE", `sdkmessageprocessingsteps(${syncId})`, { headers: { "If-Match": "*" } });

    await dv.send("POST", "sdkmessageprocessingsteps", { body: step(1) });
    recorder.script([200, 500]);
    expect((await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 2 } })).status).toBe(204);
    await dv.dataverse.settle();
    const last = dv.dataverse.callouts({ recordId: id }).at(-1);
    expect(last).toMatchObject({ step: { stage: 40, mode: 1 }, status: 500, outcome: "refused", rolledBack: false });
    expect(await statusOf(dv, id)).toMatchObject({ statuscode: 2 });
  });
});
