/** Everything lives in one JSON file: a restart loses nothing, --reset starts clean, a bad file is named and never overwritten. */
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDataverse, StoreError } from "../../workbench/dataverse";
import { HELP, main } from "../../workbench/dataverse/cli";
import { conversation, create, start } from "./harness";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "workbench-dataverse-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test("a restart keeps conversations, audits, call-outs, auditing switches and the simulated clock", async () => {
  const file = join(dir, "data.json");
  const first = await start({ file });
  const id = await create(first);
  await first.send("PATCH", `msdyn_ocliveworkitems(${id})`, { body: { statuscode: 2 } });
  await first.dataverse.advanceClock(3_600_000);
  await first.dataverse.setAuditing({ table: false });
  const etag = (await first.send("GET", `msdyn_ocliveworkitems(${id})?$select=statuscode`)).json["@odata.etag"];
  await first.close();
  expect(existsSync(`${file}.${process.pid}.tmp`)).toBe(false);

  const second = await start({ file });
  expect((await second.send("GET", `msdyn_ocliveworkitems(${id})?$select=statuscode`)).json).toMatchObject({
    statuscode: 2,
    "@odata.etag": etag,
  });
  expect(second.dataverse.audits(id)).toHaveLength(2);
  expect(second.dataverse.clock.offsetMs).toBe(3_600_000);
  expect(second.dataverse.auditing()).toEqual({ organization: true, table: false });
  // New rows get new versions: etags never repeat across a restart.
  const other = await create(second);
  expect((await second.send("GET", `msdyn_ocliveworkitems(${other})?$select=statuscode`)).json["@odata.etag"]).not.toBe(etag);
  await second.close();

  const reset = await start({ file, reset: true });
  expect((await reset.send("GET", "msdyn_ocliveworkitems")).json.value).toEqual([]);
  expect(reset.dataverse.clock.offsetMs).toBe(0);
  expect(reset.dataverse.auditing()).toEqual({ organization: true, table: true });
  expect((await reset.send("GET", "msdyn_liveworkstreams?$select=msdyn_name")).json.value).toHaveLength(5);
  await reset.close();
});

test.each([
  ["not JSON", "{ this is not json", /is not valid JSON|Unexpected token|Expected property name/],
  ["another format", JSON.stringify({ format: "something-else", version: 1 }), /its "format" is "something-else"/],
  [
    "a newer version",
    JSON.stringify({ format: "conversation-state/workbench-dataverse", version: 99 }),
    /it is version 99; this workbench reads version 1/,
  ],
])("a data file that is %s stops the start with an error naming the file and --reset, and is left untouched", (_name, text, reason) => {
  const file = join(dir, "data.json");
  writeFileSync(file, text);
  let error: unknown;
  try {
    createDataverse({ file });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(StoreError);
  expect((error as Error).message).toContain(`cannot read its data file ${file}`);
  expect((error as Error).message).toMatch(reason);
  expect((error as Error).message).toContain("Start with --reset");
  expect(readFileSync(file, "utf8")).toBe(text);
});

const io = (signal: AbortSignal, onListening?: (url: string) => void) => {
  const out = { stdout: "", stderr: "" };
  return {
    out,
    io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t), env: {}, signal, onListening },
  };
};

test("the CLI: a corrupted file exits 1 with the message; --reset starts clean and replaces it; usage errors exit 2", async () => {
  const file = join(dir, "nested", "data.json");
  const stop = new AbortController();
  stop.abort();
  const bad = io(stop.signal);
  writeFileSync(join(dir, "broken.json"), "[1,");
  expect(await main(["--port", "0", "--data", join(dir, "broken.json")], bad.io)).toBe(1);
  expect(bad.out.stderr).toContain(`cannot read its data file ${join(dir, "broken.json")}`);
  expect(bad.out.stderr).toContain("--reset");

  const run = new AbortController();
  let url = "";
  const ok = io(run.signal, (u) => {
    url = u;
    void fetch(`${url}/api/data/v9.2/msdyn_ocliveworkitems`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(conversation()),
    }).then(() => run.abort());
  });
  expect(await main(["--port", "0", "--data", file, "--reset"], ok.io)).toBe(0);
  expect(ok.out.stdout).toMatch(/^Local Dataverse at http:\/\/127\.0\.0\.1:\d+\/api\/data\/v9\.2\/ \(data: .*, reset from the seed\)\n/);
  expect(ok.out.stdout).toContain("Local Dataverse stopped");
  const data = JSON.parse(readFileSync(file, "utf8")) as { tables: Record<string, unknown[]> };
  expect(data.tables.msdyn_ocliveworkitems).toHaveLength(1);

  const usage = io(stop.signal);
  expect(await main(["--port", "http"], usage.io)).toBe(2);
  expect(usage.out.stderr).toContain('--port "http" is not a whole number');
  const help = io(stop.signal);
  expect(await main(["--help"], help.io)).toBe(0);
  expect(help.out.stdout).toBe(HELP);
});

const CLI = join(__dirname, "../../dist/workbench/dataverse/cli.js");

test("npm run dataverse: the built CLI serves, stops cleanly on SIGINT, and its restart loses nothing", async () => {
  const file = join(dir, "data.json");
  const launch = () =>
    new Promise<{ url: string; stop: () => Promise<number> }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, "--port", "0", "--data", file], { env: { PATH: process.env.PATH } });
      let out = "";
      child.stdout.on("data", (chunk) => {
        out += chunk;
        const match = /Local Dataverse at (http:\/\/[^/]+)\//.exec(out);
        if (match)
          resolve({
            url: match[1],
            stop: () =>
              new Promise((done) => {
                child.once("exit", (code) => done(code ?? -1));
                child.kill("SIGINT");
              }),
          });
      });
      child.once("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
  const first = await launch();
  const post = await fetch(`${first.url}/api/data/v9.2/msdyn_ocliveworkitems`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(conversation()),
  });
  expect(post.status).toBe(204);
  const location = post.headers.get("odata-entityid") as string;
  expect(await first.stop()).toBe(0);
  const second = await launch();
  const got = await fetch(location.replace(first.url, second.url));
  expect(got.status).toBe(200);
  expect(await second.stop()).toBe(0);
});

test("the npm script runs the built CLI, and --help works from it", async () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as { scripts: Record<string, string> };
  expect(pkg.scripts.dataverse).toBe("node dist/workbench/dataverse/cli.js");
  const stdout = await new Promise<string>((resolve) =>
    execFile(process.execPath, [CLI, "--help"], { encoding: "utf8" }, (_e, out) => resolve(out)),
  );
  expect(stdout).toBe(HELP);
});
