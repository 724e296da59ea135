/**
 * The security audit's findings (issue 15), each over real HTTP on 127.0.0.1 where a request is
 * involved: bounded answer cache, keys never echoed or logged (bad URLs, trace level, percent-encoded
 * `code`), empty `?code=`, 401 closing its connection, the key format, an explicit
 * msg-size-exceeded, capped channel values, and the depth limit at every size.
 */
import { connect } from "node:net";
import { Status } from "../../plugins/lifecycle";
import { main as registerWebhook } from "../../plugins/registration/cli";
import { VALIDATE_PATH } from "../../plugins/webhook/route";
import { KEY_MIN_LENGTH, keyFormatProblem } from "../../plugins/webhook/keyFormat";
import { sizeExceeded } from "../../plugins/webhook/pipeline";
import { loadSettings } from "../../plugins/webhook/settings";
import { BASE_BODY, bodyOf, buildContext } from "../fixtures/webhook/builder";
import { KEY, post, start, type Running } from "./harness";

let running: Running;
let trace: Running;
beforeAll(async () => {
  [running, trace] = await Promise.all([start(), start({ LOG_LEVEL: "trace" })]);
});
afterAll(() => Promise.all([running.close(), trace.close()]));

/** Raw bytes in, everything the server sent until it closed the connection out. */
function raw(target: Running, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(target.port, "127.0.0.1", () => socket.write(request));
    let data = "";
    socket.on("data", (d) => (data += d.toString()));
    socket.on("close", () => resolve(data));
    socket.on("error", reject);
  });
}

test("the answer cache stays bounded: statuses outside 0–7 are answered, never cached", async () => {
  await post(running, bodyOf({ from: Status.Active, to: Status.Waiting, channels: ["sms"] }));
  const before = running.app.pipeline.cachedAnswers();
  for (let i = 0; i < 300; i++) {
    const reply = await post(running, bodyOf({ from: Status.Active, to: 1000 + i, channels: ["sms"] }));
    expect(reply.json.reason).toBe("unknown-status");
  }
  for (let i = 0; i < 50; i++) await post(running, bodyOf({ from: Status.Active, to: Status.Waiting, channels: ["sms"] }));
  expect(running.app.pipeline.cachedAnswers()).toBe(before);
});

describe("the key never leaves in an answer or a log line", () => {
  const secret = "a-real-looking-key-0123456789";

  test("bad URLs: malformed request targets and escapes are refused without echoing anything", async () => {
    const answers = [
      await raw(running, `POST ${VALIDATE_PATH}?code=${secret}\u0001 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`),
      await raw(running, `POST ${VALIDATE_PATH}%zz?code=${secret} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`),
      await raw(running, `POST /%?code=${secret} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`),
    ];
    expect(answers.map((a) => /^HTTP\/1\.1 (\d{3})/.exec(a)?.[1])).toEqual(["400", "404", "404"]);
    for (const answer of answers) expect(answer).not.toContain(secret);
  });

  test("at trace level, a client error logs no raw packet", async () => {
    await raw(
      trace,
      `POST ${VALIDATE_PATH}?code=${secret} HTTP/1.1\r\nHost: x\r\nx-webhook-key: ${secret}\r\nContent-Length: nope\r\n\r\n`,
    );
    await raw(trace, `GARBAGE ${secret}\r\n\r\n`);
    await post(trace, BASE_BODY, { key: secret });
    const logs = trace.rawLogs();
    expect(logs).toContain("webhook key refused");
    expect(logs).not.toContain(secret);
    expect(logs).not.toContain("rawPacket");
  });

  test("a refused key's URL is redacted from the parsed query, however `code` is spelled", async () => {
    for (const query of [
      `?code=${secret}`,
      `?c%6Fde=${secret}`,
      `?%63%6F%64%65=${secret}&x=1`,
      `?CODE=${secret}`,
      `?code=${secret}&code=${secret}`,
    ]) {
      const reply = await post(running, BASE_BODY, { query, headers: { "x-ms-correlation-request-id": `corr-redact-${query.length}` } });
      expect(reply.status).toBe(401);
    }
    const refused = running.logs().filter((l) => l.msg === "webhook key refused");
    expect(refused.map((l) => l.url)).toEqual(
      expect.arrayContaining([
        `${VALIDATE_PATH}?code=[redacted]`,
        `${VALIDATE_PATH}?code=[redacted]&x=1`,
        `${VALIDATE_PATH}?CODE=[redacted]`,
      ]),
    );
    expect(running.rawLogs()).not.toContain(secret);
  });
});

test("an empty ?code= never hides a valid header; a wrong non-empty one still wins", async () => {
  expect((await post(running, BASE_BODY, { query: "?code=", headers: { "x-webhook-key": KEY } })).status).toBe(422);
  expect((await post(running, BASE_BODY, { query: "?code=wrong-key-0123456789", headers: { "x-webhook-key": KEY } })).status).toBe(401);
});

test("a 401 closes its connection", async () => {
  // The connection closes after the answer: `raw` resolves only on close.
  const answer = await raw(
    running,
    `POST ${VALIDATE_PATH}?code=nope HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
  );
  expect(answer).toMatch(/^HTTP\/1\.1 401/);
  expect(answer.toLowerCase()).toContain("connection: close");
});

describe("keys: URL-safe ASCII, at least 16 characters, one rule for the server and register-webhook", () => {
  const bad = [
    "short-key",
    "has space in it-0123",
    "comma,in,the,key,012345",
    "ümlaut-key-0123456789",
    "plus+sign+key+0123456",
    "percent%20key-0123456",
  ];

  test("the rule", () => {
    expect(KEY_MIN_LENGTH).toBe(16);
    expect(keyFormatProblem("A-z_0.9~A-z_0.9~")).toBeUndefined();
    for (const key of bad) expect({ key, problem: keyFormatProblem(key) }).toEqual({ key, problem: expect.any(String) });
  });

  test("the server refuses to start with such a key, naming which and why, never the key", () => {
    for (const key of bad.filter((k) => !k.includes(","))) {
      let message = "";
      try {
        loadSettings({ WEBHOOK_KEYS: `${KEY},${key}` });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/^WEBHOOK_KEYS: key 2 of 2 (contains characters other than|is \d+ characters long)/);
      expect(message).not.toContain(key);
    }
  });

  test("register-webhook refuses it too (exit 2), before any request", async () => {
    for (const key of ["short-key", "has space in it-0123"]) {
      let stderr = "";
      const code = await registerWebhook(
        ["--env", "https://contoso.crm.dynamics.com", "--url", `https://hooks.example.net${VALIDATE_PATH}`, "--dry-run"],
        { stdout: () => undefined, stderr: (text) => (stderr += text), env: { WEBHOOK_KEY: key } },
      );
      expect({ key, code }).toEqual({ key, code: 2 });
      expect(stderr).toMatch(/WEBHOOK_KEY (contains characters other than|is \d+ characters long)/);
    }
  });
});

test("x-ms-dynamics-msg-size-exceeded counts only when it is explicitly true", async () => {
  for (const value of ["False", "false", "", "0", "no", "false, false", "true, true"])
    expect({ value, exceeded: sizeExceeded(value) }).toEqual({ value, exceeded: false });
  for (const value of ["true", "TRUE", " True "]) expect({ value, exceeded: sizeExceeded(value) }).toEqual({ value, exceeded: true });
  expect(sizeExceeded(undefined)).toBe(false);
  const sms = bodyOf({ from: Status.Active, to: Status.Waiting, channels: ["sms"] });
  expect((await post(running, sms, { headers: { "x-ms-dynamics-msg-size-exceeded": "False" } })).status).toBe(200);
  expect((await post(running, sms, { headers: { "x-ms-dynamics-msg-size-exceeded": "true" } })).json).toMatchObject({
    gap: "size-exceeded",
  });
});

test("channel values are capped: a huge msdyn_channel list is counted, not parsed or logged in full", async () => {
  const values = Array.from({ length: 8_000 }, (_, i) => 193000000 + i);
  for (const shape of ["collection", "array", "text"] as const) {
    const body = bodyOf({ from: Status.Active, to: Status.WrapUp, channels: values, channelShape: shape });
    const reply = await post(running, body, { headers: { "x-ms-correlation-request-id": `corr-channels-${shape}` } });
    expect({ shape, status: reply.status, channel: reply.json.channel }).toEqual({ shape, status: 200, channel: "unknown" });
    const line = running.logs().find((l) => l.correlationId === `corr-channels-${shape}`);
    expect(line).toMatchObject({ omittedChannelValues: 8_000 - 64 });
    expect((line?.unknownChannelValues as number[]).length).toBeLessThanOrEqual(8);
    expect(JSON.stringify(line).length).toBeLessThan(2000);
  }
});

test("the depth limit holds at every body size; brackets inside strings do not count", async () => {
  for (const depth of [65, 100, 1000]) {
    const deep = JSON.stringify({ ...buildContext(), Extra: JSON.parse("[".repeat(depth) + "]".repeat(depth)) as unknown });
    expect({ depth, status: (await post(running, deep)).status }).toEqual({ depth, status: 400 });
  }
  const padded = JSON.stringify({
    ...buildContext(),
    Padding: "x".repeat(200_000),
    Extra: JSON.parse("[".repeat(70) + "]".repeat(70)) as unknown,
  });
  expect((await post(running, padded)).json).toMatchObject({
    error: "malformed-json",
    message: expect.stringContaining("nested deeper than 64"),
  });
  const inStrings = bodyOf({ channels: ["sms"] }).replace("Chat with Jordan Smith", `${"[{".repeat(500)} \\" ${"[".repeat(100)}`);
  expect((await post(running, inStrings)).status).toBe(200);
  const shallow = JSON.stringify({ ...buildContext({ channels: ["sms"] }), Extra: JSON.parse("[".repeat(50) + "]".repeat(50)) as unknown });
  expect((await post(running, shallow)).status).toBe(200);
});
