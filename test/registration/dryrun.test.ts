/** --dry-run: reads may be sent, writes never are; offline it still prints the whole plan. */
import { createServer } from "node:net";
import { startFakeDataverse, type FakeDataverse } from "./fake-dataverse";
import { credentials, KEY, registerArgs, run, WEBHOOK, writes } from "./run";

let fake: FakeDataverse;
beforeEach(async () => {
  fake = await startFakeDataverse();
});
afterEach(() => fake.close());

test("with credentials, only GETs reach the environment and the writes are printed with the key redacted", async () => {
  const r = await run(registerArgs(fake, "--dry-run"), credentials);
  expect(r.code).toBe(0);
  expect(fake.requests.length).toBeGreaterThan(0);
  expect(writes(fake)).toEqual([]);
  expect(fake.rows.serviceendpoints.size).toBe(0);
  expect(r.stdout).toContain("The GETs were sent (read-only); the writes below were not.");
  expect(r.stdout).toContain("11 requests, 4 of them writes.");
  expect(r.stdout.match(/\[sent\] GET /g)).toHaveLength(7);
  expect(r.stdout.match(/\[not sent\] POST /g)).toHaveLength(4);
  expect(r.stdout).toContain(`POST ${fake.url}/api/data/v9.2/serviceendpoints`);
  expect(r.stdout).toContain('"authvalue": "***"');
  expect(r.stdout).toContain(`"url": "${WEBHOOK}"`);
  expect(r.stdout).not.toContain(KEY);
});

test("after a registration the plan has no writes; a changed URL shows the one PATCH it would send", async () => {
  await run(registerArgs(fake), credentials);
  const same = await run(registerArgs(fake, "--dry-run"), credentials);
  expect(same.stdout).toContain("8 requests, 0 of them writes.");
  const before = fake.requests.length;
  const moved = await run(
    ["--env", fake.url, "--url", "https://elsewhere.example.net/api/validate-status-change", "--dry-run"],
    credentials,
  );
  expect(writes(fake, before)).toEqual([]);
  expect(moved.stdout).toContain("9 requests, 1 of them writes.");
  expect(moved.stdout).toMatch(
    /\[not sent\] PATCH .*serviceendpoints\([0-9a-f-]{36}\)\n\s+If-Match: W\/"\d+"\n\s+\{\n\s+"url": "https:\/\/elsewhere\.example\.net\/api\/validate-status-change"\n\s+\}/,
  );
});

test("without credentials for a real environment nothing is sent at all and the full plan is printed offline", async () => {
  const fetched: string[] = [];
  const r = await run(
    ["--env", "https://contoso.crm.dynamics.com", "--url", WEBHOOK, "--dry-run"],
    { WEBHOOK_KEY: KEY },
    {
      fetch: async (input) => {
        fetched.push(String(input));
        throw new Error("no request may be sent");
      },
    },
  );
  expect(r.code).toBe(0);
  expect(fetched).toEqual([]);
  expect(r.stdout).toContain("Offline plan (no credentials are set)");
  expect(r.stdout).toContain("11 requests, 4 of them writes.");
  expect(r.stdout).not.toContain("[sent]");
  expect(r.stdout).toContain('"sdkmessageid@odata.bind": "/sdkmessages(<Update sdkmessageid>)"');
  expect(r.stdout).toContain('"sdkmessagefilterid@odata.bind": "/sdkmessagefilters(<Create sdkmessagefilterid>)"');
});

test("an unreachable environment still gets the plan, and says why it is offline", async () => {
  // A port that was free a moment ago: nothing listens there.
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const r = await run(["--env", `http://127.0.0.1:${port}`, "--url", WEBHOOK, "--dry-run"], credentials);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/Offline plan \(Could not reach http:\/\/127\.0\.0\.1:\d+ .*ECONNREFUSED/);
  expect(r.stdout).toContain("11 requests, 4 of them writes.");
});

test("a refused token is an error even in a dry run, not an offline plan", async () => {
  const r = await run(registerArgs(fake, "--dry-run"), { ...credentials, DATAVERSE_TOKEN: "expired" });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("Dataverse refused the token (HTTP 401");
  expect(r.stdout).toBe("");
});

test("a dry run needs the key like a real run, so it shows what a real run would do", async () => {
  const r = await run(registerArgs(fake, "--dry-run"), {});
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("WEBHOOK_KEY is empty or missing");
});
