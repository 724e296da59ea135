/**
 * The real entry, as `npm run webhook` starts it: node dist/plugins/webhook/server.js with env.
 * Needs `npm run build:node` first (npm test builds before jest); a stale build fails loudly.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { Status } from "../../plugins/lifecycle";
import { SETTINGS } from "../../plugins/webhook/settings";
import { bodyOf } from "../fixtures/webhook/builder";

const ROOT = join(__dirname, "../..");
const ENTRY = join(ROOT, "dist/plugins/webhook/server.js");

function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSource(path) : entry.name.endsWith(".ts") ? statSync(path).mtimeMs : 0);
  }, 0);
}

beforeAll(() => {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run npm run build:node first.`);
  const sources = Math.max(
    newestSource(join(ROOT, "plugins/webhook")),
    newestSource(join(ROOT, "plugins/context")),
    statSync(join(ROOT, "plugins/validate-status-change.ts")).mtimeMs,
  );
  if (statSync(ENTRY).mtimeMs < sources - 1000) throw new Error(`${ENTRY} is older than its sources: run npm run build:node first.`);
});

interface Server {
  child: ChildProcessWithoutNullStreams;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

function run(env: Record<string, string>, args: string[] = []): Server & { listening: Promise<number> } {
  const child = spawn(process.execPath, [ENTRY, ...args], { env: { PATH: process.env.PATH ?? "", ...env } });
  let output = "";
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const listening = new Promise<number>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
      const line = output.split("\n").find((l) => l.includes('"validator listening"'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    void exited.then(() => reject(new Error(`exited before listening:\n${output}`)));
  });
  listening.catch(() => undefined); // awaited only by the tests that expect it to listen
  const server = { child, port: 0, output: () => output, exited, listening };
  return server;
}

const post = (port: number, body: string, key: string) =>
  fetch(`http://127.0.0.1:${port}/api/validate-status-change?code=${key}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
  });

test("WEBHOOK_KEYS=k: a user's live-chat Active → Waiting is 422, the same on SMS is 200; SIGTERM stops it cleanly", async () => {
  const server = run({ WEBHOOK_KEYS: "k", PORT: "0" });
  const port = await server.listening;
  try {
    const liveChat = await post(port, bodyOf({ from: Status.Active, to: Status.Waiting, channels: ["live-chat"] }), "k");
    expect(liveChat.status).toBe(422);
    expect(await liveChat.json()).toMatchObject({ allowed: false, reason: "not-for-channel" });
    const sms = await post(port, bodyOf({ from: Status.Active, to: Status.Waiting, channels: ["sms"] }), "k");
    expect(sms.status).toBe(200);
    expect((await post(port, bodyOf(), "not-k")).status).toBe(401);
  } finally {
    server.child.kill("SIGTERM");
  }
  expect(await server.exited).toBe(0);
  expect(server.output()).toContain("shutting down");
  expect(server.output()).not.toContain("not-k");
});

test("without WEBHOOK_KEYS it refuses to start, saying what to set", async () => {
  const server = run({ PORT: "0" });
  expect(await server.exited).toBe(2);
  expect(server.output()).toContain("WEBHOOK_KEYS is not set");
});

test("a bad setting is named", async () => {
  const server = run({ WEBHOOK_KEYS: "k", MODE: "strict" });
  expect(await server.exited).toBe(2);
  expect(server.output()).toContain('MODE: "strict" is not one of enforce, audit, off');
});

test("--help lists every setting and exits 0", async () => {
  const server = run({}, ["--help"]);
  expect(await server.exited).toBe(0);
  for (const setting of SETTINGS) expect(server.output()).toContain(setting.name);
  expect(server.output()).toContain("POST /api/validate-status-change");
});
