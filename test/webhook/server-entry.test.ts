/**
 * The real entry, as `npm run webhook` starts it: node dist/plugins/webhook/server.js with env.
 * Needs `npm run build:node` first (npm test builds before jest); a stale build fails loudly.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { connect } from "node:net";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { Status } from "../../plugins/lifecycle";
import { VALIDATE_PATH } from "../../plugins/webhook/route";
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
    ...["plugins/validate-status-change.ts", "plugins/caller.ts", "plugins/callerFacts.ts"].map(
      (file) => statSync(join(ROOT, file)).mtimeMs,
    ),
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

const KEY = "entry-test-key-5b1e0c7d";

test("a user's live-chat Active → Waiting is 422, the same on SMS is 200; SIGTERM stops it cleanly", async () => {
  const server = run({ WEBHOOK_KEYS: KEY, PORT: "0" });
  const port = await server.listening;
  try {
    const liveChat = await post(port, bodyOf({ from: Status.Active, to: Status.Waiting, channels: ["live-chat"] }), KEY);
    expect(liveChat.status).toBe(422);
    expect(await liveChat.json()).toMatchObject({ allowed: false, reason: "not-for-channel" });
    const sms = await post(port, bodyOf({ from: Status.Active, to: Status.Waiting, channels: ["sms"] }), KEY);
    expect(sms.status).toBe(200);
    expect((await post(port, bodyOf(), "not-the-key-0123456789")).status).toBe(401);
  } finally {
    server.child.kill("SIGTERM");
  }
  expect(await server.exited).toBe(0);
  expect(server.output()).toContain("shutting down");
  expect(server.output()).not.toContain("not-the-key-0123456789");
});

/** A keep-alive connection that sends raw requests and reads one answer at a time. */
function connection(port: number): Promise<{ send(text: string): Promise<string>; errors: Error[]; closed: Promise<void> }> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const errors: Error[] = [];
    let buffer = Buffer.alloc(0);
    let waiting: ((answer: string) => void) | undefined;
    const closed = new Promise<void>((done) => socket.on("close", () => done()));
    socket.on("error", (e) => errors.push(e));
    socket.on("data", (d: Buffer) => {
      buffer = Buffer.concat([buffer, d]);
      const end = buffer.indexOf("\r\n\r\n");
      const length = Number(/content-length: (\d+)/i.exec(buffer.toString("latin1", 0, Math.max(end, 0)))?.[1] ?? -1);
      // Content-Length counts bytes: the messages carry "→" and quotes.
      if (end >= 0 && length >= 0 && buffer.length >= end + 4 + length && waiting) {
        const answer = buffer.subarray(0, end + 4 + length).toString("utf8");
        buffer = buffer.subarray(end + 4 + length);
        waiting(answer);
        waiting = undefined;
      }
    });
    socket.on("connect", () =>
      resolve({
        send: (text) => new Promise<string>((answered) => ((waiting = answered), socket.write(text))),
        errors,
        closed,
      }),
    );
  });
}

const requestText = (body: string, key = KEY): string =>
  `POST ${VALIDATE_PATH}?code=${key} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

test("SIGTERM: requests racing it get a 503 and a closed connection, never a reset; the one in flight finishes", async () => {
  // A generous drain, so that a busy machine still sends its requests inside it.
  const server = run({ WEBHOOK_KEYS: KEY, PORT: "0", SHUTDOWN_DRAIN_MS: "8000", SHUTDOWN_TIMEOUT_MS: "30000" });
  const port = await server.listening;
  try {
    const body = bodyOf({ from: Status.Active, to: Status.Waiting, channels: ["sms"] });
    const idle = await Promise.all(Array.from({ length: 6 }, () => connection(port)));
    for (const c of idle) expect(await c.send(requestText(body))).toMatch(/^HTTP\/1\.1 200/);
    // One request in flight: the server has its headers (it answered "100 Continue") before the signal.
    const inFlight = connect(port, "127.0.0.1");
    let inFlightData = "";
    inFlight.on("data", (d: Buffer) => (inFlightData += d.toString()));
    const inFlightClosed = new Promise<void>((done) => inFlight.on("close", () => done()));
    const inFlightErrors: Error[] = [];
    inFlight.on("error", (e) => inFlightErrors.push(e));
    inFlight.write(
      `POST ${VALIDATE_PATH}?code=${KEY} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    while (!inFlightData.includes("100 Continue")) await new Promise((r) => setTimeout(r, 10));

    server.child.kill("SIGTERM");
    while (!server.output().includes("shutting down")) await new Promise((r) => setTimeout(r, 10));

    const late = await Promise.all(idle.map((c) => c.send(requestText(body))));
    for (const answer of late) {
      expect(answer).toMatch(/^HTTP\/1\.1 503/);
      expect(answer.toLowerCase()).toContain("connection: close");
      expect(answer).toContain('"error":"shutting-down"');
    }
    const fresh = await connection(port);
    expect(await fresh.send(`GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n`)).toMatch(/^HTTP\/1\.1 503/);
    inFlight.write(body);
    await inFlightClosed;
    expect(inFlightData).toMatch(/HTTP\/1\.1 200 OK/);
    expect(inFlightData.toLowerCase()).toContain("connection: close");

    await Promise.all([...idle, fresh].map((c) => c.closed));
    expect([...inFlightErrors, ...[...idle, fresh].flatMap((c) => c.errors)]).toEqual([]);
    expect(await server.exited).toBe(0);
  } finally {
    server.child.kill("SIGKILL");
  }
}, 60_000);

test("without WEBHOOK_KEYS it refuses to start, saying what to set", async () => {
  const server = run({ PORT: "0" });
  expect(await server.exited).toBe(2);
  expect(server.output()).toContain("WEBHOOK_KEYS is not set");
});

test("a bad setting is named", async () => {
  const server = run({ WEBHOOK_KEYS: KEY, MODE: "strict" });
  expect(await server.exited).toBe(2);
  expect(server.output()).toContain('MODE: "strict" is not one of enforce, audit, off');
});

test("--help lists every setting and exits 0", async () => {
  const server = run({}, ["--help"]);
  expect(await server.exited).toBe(0);
  for (const setting of SETTINGS) expect(server.output()).toContain(setting.name);
  expect(server.output()).toContain("POST /api/validate-status-change");
});
