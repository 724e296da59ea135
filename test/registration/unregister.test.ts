/** --unregister: removes the image, the steps and the endpoint, in that order, and nothing else. */
import { TOKEN, startFakeDataverse, type FakeDataverse } from "./fake-dataverse";
import { credentials, lines, registerArgs, run, writes } from "./run";

let fake: FakeDataverse;
beforeEach(async () => {
  fake = await startFakeDataverse();
  expect((await run(registerArgs(fake), credentials)).code).toBe(0);
});
afterEach(() => fake.close());

const only = (set: string) => [...fake.rows[set].values()];
// Unregistering needs no webhook key.
const unregister = (...more: string[]) => run(["--env", fake.url, "--unregister", ...more], { DATAVERSE_TOKEN: TOKEN });

test("deletes the image, the two steps, then the endpoint, each with If-Match its etag", async () => {
  const [endpoint] = only("serviceendpoints");
  const [image] = only("sdkmessageprocessingstepimages");
  const steps = only("sdkmessageprocessingsteps");
  const before = fake.requests.length;
  const r = await unregister();
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(writes(fake, before).map((w) => `${w.method} ${w.path}`)).toEqual([
    `DELETE sdkmessageprocessingstepimages(${String(image.sdkmessageprocessingstepimageid)})`,
    `DELETE sdkmessageprocessingsteps(${String(steps[0].sdkmessageprocessingstepid)})`,
    `DELETE sdkmessageprocessingsteps(${String(steps[1].sdkmessageprocessingstepid)})`,
    `DELETE serviceendpoints(${String(endpoint.serviceendpointid)})`,
  ]);
  for (const w of writes(fake, before)) expect(w.headers["if-match"]).toMatch(/^W\/"\d+"$/);
  expect(only("serviceendpoints")).toEqual([]);
  expect(only("sdkmessageprocessingsteps")).toEqual([]);
  expect(only("sdkmessageprocessingstepimages")).toEqual([]);
  expect(r.stdout).toContain("4 deleted");
  // The shipped rows Dataverse owns are untouched.
  expect(only("sdkmessages")).toHaveLength(3);
});

test("a second --unregister finds nothing and writes nothing", async () => {
  await unregister();
  const before = fake.requests.length;
  const r = await unregister();
  expect(r.code).toBe(0);
  expect(writes(fake, before)).toEqual([]);
  expect(lines(fake, before).every((l) => l.startsWith("GET "))).toBe(true);
  expect(r.stdout).toContain("4 absent");
});

test("keeps the endpoint, with an error, when a step that is not ours still uses it", async () => {
  const [endpoint] = only("serviceendpoints");
  fake.insert("sdkmessageprocessingsteps", {
    name: "another team's step",
    stage: 40,
    mode: 1,
    rank: 1,
    _eventhandler_value: endpoint.serviceendpointid,
    _sdkmessageid_value: fake.ids.update,
  });
  const r = await unregister();
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('"another team\'s step" still use it');
  expect(r.stderr).toContain("deleting it would delete them too");
  expect(only("serviceendpoints")).toHaveLength(1);
  expect(only("sdkmessageprocessingsteps").map((s) => s.name)).toEqual(["another team's step"]);
});

test("--unregister --dry-run lists the DELETEs and deletes nothing", async () => {
  const before = fake.requests.length;
  const r = await unregister("--dry-run");
  expect(r.code).toBe(0);
  expect(writes(fake, before)).toEqual([]);
  expect(r.stdout.match(/\[not sent\] DELETE /g)).toHaveLength(4);
  expect(r.stdout).toMatch(/If-Match: W\/"\d+"/);
  expect(only("sdkmessageprocessingsteps")).toHaveLength(2);
});
