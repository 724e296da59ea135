/**
 * The package as an admin deploys it: `npm run package:webhook` (packageWebhook) writes the folder
 * and the zip; the zip is unpacked into an empty folder outside the repository, nothing is
 * installed, and `node server.js` answers every case of cases.ts. The Dockerfile's COPY sources
 * exist and its CMD and HEALTHCHECK run; functions.js registers the function with a stand-in for
 * the Functions worker's built-in @azure/functions-core, and its handler answers.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest, Agent } from "node:http";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { unzipEntries, writeTree } from "../../solution/zip";
import { formatVerdict, evaluate, Status } from "../../plugins/lifecycle";
import { loadStrings } from "../../plugins/strings/resx";
import { PACKAGE_NODE_ENGINES, packageWebhook, type PackageResult } from "../../plugins/webhook/deploy/package";
import { FUNCTION_ROUTE, ROUTE_PREFIX, VALIDATE_PATH } from "../../plugins/webhook/route";
import { bodyOf } from "../fixtures/webhook/builder";
import { CASES, CASE_ENV, type Case } from "./cases";
import { KEY } from "./harness";

const ROOT = join(__dirname, "../..");
const FILES = ["Dockerfile", "THIRD-PARTY-NOTICES.txt", "functions.js", "host.json", "package.json", "server.js", "webhook.js"];

let work: string;
let unpacked: string;
let built: PackageResult;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "webhook-package-"));
  built = await packageWebhook({ outDir: join(work, "built"), zipPath: join(work, "webhook.zip") });
  unpacked = join(work, "unpacked");
  writeTree(unpacked, unzipEntries(readFileSync(built.zipPath), "webhook.zip"));
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs a command in the unpacked folder with only the variables given (no NODE_PATH, no repository). */
function serve(dir: string, env: Record<string, string>, command: readonly string[] = ["node", "server.js"]) {
  const child: ChildProcessWithoutNullStreams = spawn(command[0] === "node" ? process.execPath : command[0], command.slice(1), {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  let output = "";
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const port = new Promise<number>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
      const line = output.split("\n").find((l) => l.includes('"validator listening"'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    void exited.then(() => reject(new Error(`exited before listening:\n${output}`)));
  });
  return { child, port, exited, output: () => output };
}

function send(port: number, agent: Agent, c: Case): Promise<{ status: number; body: string; connection?: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `http://127.0.0.1:${port}${VALIDATE_PATH}${c.query ?? `?code=${KEY}`}`,
      { method: c.method ?? "POST", agent, headers: { "content-type": "application/json", ...c.headers } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
      },
    );
    req.on("error", reject);
    req.end(c.body);
  });
}

test("the zip holds the seven files and nothing else: no node_modules, no source folders", () => {
  expect(readdirSync(unpacked).sort()).toEqual(FILES);
  expect(built.files.map((f) => f.path)).toEqual(FILES);
  expect(built.zipBytes).toBeGreaterThan(0);
  expect(relative(ROOT, unpacked).startsWith("..")).toBe(true);
  const manifest = JSON.parse(readFileSync(join(unpacked, "package.json"), "utf8")) as Record<string, unknown>;
  const project = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
  expect(manifest).toMatchObject({
    main: "functions.js",
    dependencies: {},
    engines: { node: PACKAGE_NODE_ENGINES },
    version: project.version,
  });
  // Node 20 is what the bundled packages ask for at most: no bundled package wants a later major.
  expect(built.bundledEngines["@azure/functions"]).toBeDefined();
  for (const [name, range] of Object.entries(built.bundledEngines)) {
    const lowest = /^>=\s*(\d+)/.exec(range.trim());
    expect({ name, major: lowest ? Number(lowest[1]) : range }).toEqual({ name, major: expect.any(Number) });
    expect(Number(lowest?.[1])).toBeLessThanOrEqual(20);
  }
  const host = JSON.parse(readFileSync(join(unpacked, "host.json"), "utf8")) as {
    version: string;
    extensions: { http: { routePrefix: string } };
  };
  expect(host.version).toBe("2.0");
  expect(`/${host.extensions.http.routePrefix}/${FUNCTION_ROUTE}`).toBe(VALIDATE_PATH);
  expect(ROUTE_PREFIX).toBe(host.extensions.http.routePrefix);
  // The bundle carries its dependencies' notices, and reads no resx file at run time.
  expect(built.bundled).toEqual(
    expect.arrayContaining([expect.stringMatching(/^@azure\/functions@/), expect.stringMatching(/^secure-json-parse@/)]),
  );
  for (const name of built.bundled)
    expect(readFileSync(join(unpacked, "THIRD-PARTY-NOTICES.txt"), "utf8")).toContain(`== ${name.replace(/@([^@]+)$/, " $1")} `);
  expect(readFileSync(join(unpacked, "webhook.js"), "utf8")).not.toMatch(/\.resx|xmlbuilder2/);
});

test("node server.js, alone in an empty folder, answers every case with the English strings compiled in", async () => {
  const server = serve(unpacked, { ...CASE_ENV, HOST: "127.0.0.1", PORT: "0" });
  const agent = new Agent({ keepAlive: true });
  try {
    const port = await server.port;
    for (const c of CASES) {
      const reply = await send(port, agent, c);
      expect({ name: c.name, status: reply.status, closes: reply.connection === "close" }).toEqual({
        name: c.name,
        status: c.expect.status,
        closes: c.expect.closes ?? false,
      });
      if (c.expect.body) expect(JSON.parse(reply.body)).toMatchObject(c.expect.body);
    }
    const denial = await send(port, agent, {
      name: "denial",
      body: bodyOf({ from: Status.Active, to: Status.Waiting, channels: ["live-chat"] }),
      expect: { status: 422 },
    });
    const english = loadStrings(1033);
    expect(JSON.parse(denial.body).message).toBe(
      formatVerdict(evaluate(Status.Active, Status.Waiting, "live-chat", "agent"), (key) => english[key]),
    );
  } finally {
    agent.destroy();
    server.child.kill("SIGTERM");
  }
  expect(await server.exited).toBe(0);
});

describe("Dockerfile", () => {
  const lines = (): string[] =>
    readFileSync(join(unpacked, "Dockerfile"), "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "" && !l.startsWith("#"));
  const instruction = (name: string): string[] =>
    lines()
      .filter((l) => l.startsWith(`${name} `))
      .map((l) => l.slice(name.length + 1));

  test("copies files the package has, and runs node server.js as a non-root user on Node 20", () => {
    const copies = instruction("COPY").flatMap((args) => args.split(/\s+/).slice(0, -1));
    expect(copies.length).toBeGreaterThan(0);
    for (const file of copies) expect(FILES).toContain(file);
    expect(copies).toEqual(expect.arrayContaining(["webhook.js", "server.js"]));
    expect(instruction("FROM")[0]).toMatch(/^node:20/);
    expect(instruction("USER")).toEqual(["node"]);
    expect(JSON.parse(instruction("CMD")[0])).toEqual(["node", "server.js"]);
  });

  test("its CMD serves from a folder holding only what it COPYs, and its HEALTHCHECK passes", async () => {
    const image = join(work, "image");
    mkdirSync(image);
    for (const file of instruction("COPY").flatMap((args) => args.split(/\s+/).slice(0, -1)))
      cpSync(join(unpacked, file), join(image, file));
    const env = Object.fromEntries(
      instruction("ENV").flatMap((args) => args.split(/\s+/).map((pair) => pair.split("=") as [string, string])),
    );
    expect(env).toMatchObject({ HOST: "0.0.0.0", PORT: "8080", NODE_ENV: "production" });
    // The test listens on 127.0.0.1 and a free port rather than the image's 0.0.0.0:8080.
    const server = serve(image, { ...env, HOST: "127.0.0.1", PORT: "0", WEBHOOK_KEYS: KEY }, JSON.parse(instruction("CMD")[0]) as string[]);
    try {
      const port = await server.port;
      const check = JSON.parse(/CMD (\[.*\])$/.exec(instruction("HEALTHCHECK")[0])?.[1] ?? "[]") as string[];
      expect(check[0]).toBe("node");
      const probe = spawnSync(process.execPath, check.slice(1), { env: { PATH: process.env.PATH ?? "", PORT: String(port) } });
      expect(probe.status).toBe(0);
    } finally {
      server.child.kill("SIGTERM");
    }
    expect(await server.exited).toBe(0);
  });
});

test("functions.js registers the function with the Functions worker, and its handler answers", () => {
  // A stand-in for the worker's built-in @azure/functions-core (never on npm): it records registrations.
  const functionsApp = join(work, "functions-app");
  cpSync(unpacked, functionsApp, { recursive: true });
  const core = join(functionsApp, "node_modules/@azure/functions-core");
  mkdirSync(core, { recursive: true });
  writeFileSync(
    join(core, "index.js"),
    "module.exports = { registered: [], setProgrammingModel() {}, registerHook() { return { dispose() {} }; }, log() {}, registerFunction(metadata, handler) { this.registered.push({ metadata, handler }); return { dispose() {} }; } };\n",
  );
  const script = `
    require("./functions.js");
    const core = require("@azure/functions-core");
    const [{ metadata, handler }] = core.registered;
    const context = { debug() {}, info() {}, warn() {}, error() {} };
    const ask = (key, body) => handler({ method: "POST", query: new URLSearchParams({ code: key }), headers: new Headers({ "content-type": "application/json" }), body: new Response(body).body }, context);
    Promise.all([ask(${JSON.stringify(KEY)}, process.argv[1]), ask("wrong-key-0123456789", "{}")]).then((answers) => process.stdout.write(JSON.stringify({ count: core.registered.length, metadata, answers })));
  `;
  const run = spawnSync(process.execPath, ["-e", script, bodyOf({ from: Status.Active, to: Status.Waiting, channels: ["live-chat"] })], {
    cwd: functionsApp,
    env: { PATH: process.env.PATH ?? "", WEBHOOK_KEYS: KEY },
  });
  expect(run.stderr.toString()).toBe("");
  const result = JSON.parse(run.stdout.toString()) as {
    count: number;
    metadata: { name: string; bindings: Record<string, { type: string; route?: string; authLevel?: string; methods?: string[] }> };
    answers: { status: number; body: string }[];
  };
  expect(result.count).toBe(1);
  expect(result.metadata.name).toBe("validate-status-change");
  const trigger = Object.values(result.metadata.bindings).find((b) => b.type === "httpTrigger");
  expect(trigger).toMatchObject({ route: FUNCTION_ROUTE, authLevel: "anonymous", methods: expect.arrayContaining(["POST", "GET"]) });
  expect(result.answers.map((a) => a.status)).toEqual([422, 401]);
  expect(JSON.parse(result.answers[0].body)).toMatchObject({ reason: "not-for-channel" });

  const refused = spawnSync(process.execPath, ["-e", 'require("./functions.js")'], {
    cwd: functionsApp,
    env: { PATH: process.env.PATH ?? "" },
  });
  expect(refused.status).not.toBe(0);
  expect(refused.stderr.toString()).toContain("WEBHOOK_KEYS is not set");
});
