/** The workbench's own controls under /workbench/api/: clock, faults, auditing, events, reset, seed. */
import { get } from "node:http";
import { BASE_TIME, conversation, create, SEED, start, type Running } from "./harness";

let dv: Running;
beforeEach(async () => {
  dv = await start();
});
afterEach(() => dv.close());

const control = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${dv.origin}/workbench/api/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> & { error?: { message: string } } };
};

test("the simulated clock: read it, jump ahead by an amount; new timestamps follow it; it never goes back", async () => {
  expect((await control("GET", "clock")).json).toEqual({ now: "2026-03-02T09:00:00Z", offsetMs: 0 });
  expect((await control("POST", "clock", { advance: "1h30m" })).json).toEqual({ now: "2026-03-02T10:30:00Z", offsetMs: 5_400_000 });
  expect((await control("POST", "clock", { advanceMs: 60_000 })).json.now).toBe("2026-03-02T10:31:00Z");
  const id = await create(dv);
  expect((await dv.send("GET", `msdyn_ocliveworkitems(${id})?$select=createdon`)).json.createdon).toBe(
    new Date(BASE_TIME + 5_460_000).toISOString().replace(".000Z", "Z"),
  );
  expect((await control("POST", "clock", { advanceMs: -1 })).json.error?.message).toContain("only jumps ahead");
  expect((await control("POST", "clock", { advance: "soon" })).status).toBe(400);
  expect((await control("POST", "clock", { advance: "soon" })).json.error?.message).toContain('advance "soon" is not an amount');
});

test("fault injection: the next N matching requests answer 429 with Retry-After (after letting some through), or 403; then all is well", async () => {
  const fault = await control("POST", "faults", {
    method: "PATCH",
    path: "msdyn_ocliveworkitems",
    count: 2,
    after: 1,
    status: 429,
    retryAfter: 7,
  });
  expect(fault.status).toBe(200);
  expect(fault.json).toMatchObject({
    method: "PATCH",
    path: "msdyn_ocliveworkitems",
    count: 2,
    after: 1,
    status: 429,
    retryAfter: "7",
    code: "0x80072322",
  });
  const id = await create(dv);
  const patch = () => dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { subject: "again" } });
  expect((await patch()).status).toBe(204);
  for (let i = 0; i < 2; i++) {
    const throttled = await patch();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("7");
    expect(throttled.json.error).toEqual({
      code: "0x80072322",
      message: "Number of requests exceeded the limit of 6000 over time window of 300 seconds.",
    });
  }
  expect((await patch()).status).toBe(204);
  expect((await control("GET", "faults")).json).toEqual([]);

  await control("POST", "faults", { path: "audits", status: 403 });
  expect((await dv.send("GET", "msdyn_ocliveworkitems")).status).toBe(200);
  expect((await dv.send("GET", "audits")).json.error?.code).toBe("0x80040220");
  await control("POST", "faults", { status: 503, count: "infinite" });
  expect((await dv.send("GET", "WhoAmI")).status).toBe(503);
  await control("DELETE", "faults");
  expect((await dv.send("GET", "WhoAmI")).status).toBe(200);
  expect((await control("POST", "faults", { status: 200 })).json.error?.message).toContain("status must be an HTTP error status");
  expect((await control("POST", "faults", {})).json.error?.message).toContain('Give at least {"status": 429}');
});

test("auditing on and off, and the call-out log, through the workbench API", async () => {
  expect((await control("GET", "auditing")).json).toEqual({ organization: true, table: true });
  expect((await control("PUT", "auditing", { organization: false })).json).toEqual({ organization: false, table: true });
  expect((await dv.send("GET", "organizations?$select=isauditenabled")).json.value?.[0].isauditenabled).toBe(false);
  expect((await control("PUT", "auditing", { table: "no" })).json.error?.message).toBe("table must be true or false.");
  expect((await control("GET", "callouts")).json).toEqual([]);
});

test("events: a Server-Sent Events stream announces changes, so a page can refresh", async () => {
  const events: string[] = [];
  const done = new Promise<void>((resolve) => {
    const request = get(`${dv.origin}/workbench/api/events`, (response) => {
      expect(response.headers["content-type"]).toBe("text/event-stream");
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        events.push(...chunk.split("\n\n").filter((e) => e.startsWith("event:")));
        if (events.length >= 3) {
          request.destroy();
          resolve();
        }
      });
    });
  });
  // The stream is open once the server has a listener.
  while (dv.dataverse.events.size === 0) await new Promise((r) => setTimeout(r, 5));
  const id = await create(dv, conversation(SEED.workstreams.voice, 192370000));
  await dv.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 2 } });
  await control("POST", "clock", { advance: "1m" });
  await done;
  expect(events[0]).toBe(
    `event: change\ndata: ${JSON.stringify({ type: "change", entity: "msdyn_ocliveworkitem", id, operation: "create", statuscode: 1 })}`,
  );
  expect(events[1]).toContain('"operation":"update","statuscode":2');
  expect(events[2]).toBe(`event: clock\ndata: ${JSON.stringify({ type: "clock", now: "2026-03-02T09:01:00Z", offsetMs: 60_000 })}`);
});

test("reset and seed: back to the seed in place; the seeded ids and the platform's user agent for the page", async () => {
  await create(dv);
  await control("POST", "clock", { advance: "1d" });
  expect((await control("POST", "reset")).json).toEqual({ reset: true });
  expect((await dv.send("GET", "msdyn_ocliveworkitems")).json.value).toEqual([]);
  expect((await control("GET", "clock")).json.offsetMs).toBe(0);
  const seed = (await control("GET", "seed")).json;
  expect(seed).toMatchObject({
    users: SEED.users,
    workstreams: SEED.workstreams,
    platformUserAgent: expect.stringMatching(/^Microsoft\.CCaaS/),
  });
  expect((seed.roles as Record<string, string>)[SEED.users.agent]).toBe("agent");
  expect((await fetch(`${dv.origin}/workbench/api/nothing`)).status).toBe(404);
});
