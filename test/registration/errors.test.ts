/** Dataverse saying no: 401, 403, no Omnichannel, 429, 412 and its error JSON, each with a clear message. */
import { retryDelayMs, WebApiClient } from "../../plugins/webapi/client";
import { WebApiError } from "../../plugins/webapi/errors";
import { TOKEN, startFakeDataverse, type FakeDataverse } from "./fake-dataverse";
import { credentials, lines, registerArgs, run, writes } from "./run";

let fake: FakeDataverse | undefined;
afterEach(() => fake?.close());

test("401: the token is refused; the message says what to check and nothing is written", async () => {
  fake = await startFakeDataverse();
  const r = await run(registerArgs(fake), { ...credentials, DATAVERSE_TOKEN: "eyJ-expired" });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("GET sdkmessages: Dataverse refused the token (HTTP 401");
  expect(r.stderr).toContain("audience must be the --env URL");
  expect(r.stderr).not.toContain("eyJ-expired");
  expect(fake.requests).toHaveLength(1);
});

test("403: the privilege error from Dataverse is surfaced with its code", async () => {
  fake = await startFakeDataverse({ forbidWrites: true });
  const r = await run(registerArgs(fake), credentials);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(
    /POST serviceendpoints: access denied \(HTTP 403 0x80040220: Principal user .* is missing prvWriteserviceendpoint privilege/,
  );
  expect(r.stderr).toContain("System Administrator");
});

test("no Omnichannel: the missing message filter stops the run after the first lookup pair", async () => {
  fake = await startFakeDataverse({ omnichannel: false });
  const r = await run(registerArgs(fake), credentials);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("No sdkmessagefilter for Update of msdyn_ocliveworkitem");
  expect(r.stderr).toContain("Omnichannel (Dynamics 365 Customer Service) is not installed");
  expect(lines(fake).map((l) => l.split("?")[0])).toEqual(["GET sdkmessages", "GET sdkmessagefilters"]);
});

test("429 once: waits as long as Retry-After says, retries, and finishes the job", async () => {
  fake = await startFakeDataverse({ throttle: 1, retryAfter: "2" });
  const r = await run(registerArgs(fake), credentials);
  expect(r.code).toBe(0);
  expect(r.waits).toEqual([2000]);
  expect(fake.requests[0].path).toBe(fake.requests[1].path);
  expect(writes(fake)).toHaveLength(4);
});

test("429 that never stops: gives up after 3 retries with a clear message", async () => {
  fake = await startFakeDataverse({ throttle: 100, retryAfter: "1" });
  const r = await run(registerArgs(fake), credentials);
  expect(r.code).toBe(1);
  expect(r.waits).toEqual([1000, 1000, 1000]);
  expect(fake.requests).toHaveLength(4);
  expect(r.stderr).toContain("throttled 4 times in a row (HTTP 429 0x80072322: Number of requests exceeded");
  expect(r.stderr).toContain("the command is idempotent");
});

test("a huge Retry-After is capped at 60 s per wait", async () => {
  fake = await startFakeDataverse({ throttle: 1, retryAfter: "3600" });
  const r = await run(registerArgs(fake), credentials);
  expect(r.code).toBe(0);
  expect(r.waits).toEqual([60_000]);
});

test("Retry-After as seconds, as an HTTP date, or missing (exponential back-off)", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  expect(retryDelayMs("5", 0, now)).toBe(5000);
  expect(retryDelayMs("Wed, 01 Jan 2025 00:00:03 GMT", 0, now)).toBe(3000);
  expect([0, 1, 2].map((attempt) => retryDelayMs(null, attempt, now))).toEqual([1000, 2000, 4000]);
});

test("412: a row changed between the read and the PATCH is not overwritten", async () => {
  fake = await startFakeDataverse();
  await run(registerArgs(fake), credentials);
  const [endpoint] = [...fake.rows.serviceendpoints.values()];
  const id = String(endpoint.serviceendpointid);
  // Someone edits the endpoint right after our GET.
  const racing: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (init?.method === "GET" && String(input).includes("serviceendpoints?")) fake!.touch(id);
    return response;
  };
  const r = await run(["--env", fake.url, "--url", "https://moved.example.net/api/validate-status-change"], credentials, { fetch: racing });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`PATCH serviceendpoints(${id}): precondition failed (HTTP 412 0x80060882`);
  expect(endpoint.url).not.toBe("https://moved.example.net/api/validate-status-change");
});

test("any other Dataverse error keeps its code and message", async () => {
  fake = await startFakeDataverse();
  const client = new WebApiClient({ env: fake.url, token: async () => TOKEN });
  const error = await client.list("serviceendpoints?$select=nosuchcolumn").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WebApiError);
  expect((error as WebApiError).code).toBe("dataverse");
  expect((error as WebApiError).message).toBe(
    "GET serviceendpoints failed: HTTP 400 0x80060888: Could not find a property named 'nosuchcolumn' on type 'Microsoft.Dynamics.CRM.serviceendpoint'.",
  );
});

test("a POST answered without OData-EntityId is an error, not a silent success", async () => {
  const noHeader: typeof fetch = async () => new Response(null, { status: 204 });
  const client = new WebApiClient({ env: "https://contoso.crm.dynamics.com", token: async () => TOKEN, fetch: noHeader });
  await expect(client.create("serviceendpoints", { name: "x" })).rejects.toThrow("returned no OData-EntityId header");
});
