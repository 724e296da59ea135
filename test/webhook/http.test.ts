/**
 * Every answer the plain server gives, over real HTTP on 127.0.0.1: 200, 422, 400, 401, 413, 415,
 * 404, 405; keys, logs, limits and timeouts.
 */
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { Status } from "../../plugins/lifecycle";
import * as resx from "../../plugins/strings/resx";
import { VALIDATE_PATH } from "../../plugins/webhook/app";
import { BODY_LIMIT_BYTES } from "../../plugins/webhook/settings";
import { BASE_BODY, bodyOf } from "../fixtures/webhook/builder";
import { KEY, SECOND_KEY, post, start, type Running } from "./harness";

let running: Running;
beforeAll(async () => {
  running = await start({ HEADERS_TIMEOUT_MS: "500", REQUEST_TIMEOUT_MS: "1000" });
});
afterAll(() => running.close());

describe("answers", () => {
  test("200 allowed, 422 denied with a JSON verdict", async () => {
    expect((await post(running, bodyOf({ channels: ["sms"] }))).status).toBe(200);
    const denied = await post(running, BASE_BODY);
    expect(denied.status).toBe(422);
    expect(denied.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(Object.keys(denied.json)).toEqual(expect.arrayContaining(["allowed", "reason", "message"]));
  });

  test("400 for JSON that is malformed, not a context, or a context with wrong types", async () => {
    const cases: [string, string][] = [
      ['{"MessageName": "Update"', "malformed-json"],
      ["", "malformed-json"],
      ['{"__proto__": {"x": 1}, "MessageName": "Update"}', "malformed-json"],
      ["[1, 2, 3]", "not-a-context"],
      ['{"hello": "world"}', "not-a-context"],
      [bodyOf().replace('"Value":2', '"Value":"2"'), "not-a-context"],
      [bodyOf().replace('"PreEntityImages":[', '"PreEntityImages":[{"key":7},'), "not-a-context"],
    ];
    for (const [body, error] of cases) {
      const reply = await post(running, body);
      expect({ body: body.slice(0, 40), status: reply.status, error: reply.json.error }).toEqual({
        body: body.slice(0, 40),
        status: 400,
        error,
      });
      expect(String(reply.json.message).length).toBeGreaterThan(20);
    }
  });

  test("400 names where the context is wrong", async () => {
    const reply = await post(running, bodyOf().replace('"Value":2', '"Value":"2"'));
    expect(reply.json.message).toContain("PreEntityImages[0].value.Attributes[0].value.Value: expected a whole number");
  });

  test("401 for a missing or wrong key; both rotation keys work, by query or header", async () => {
    expect((await post(running, BASE_BODY, { key: null })).json).toMatchObject({ error: "missing-key" });
    expect((await post(running, BASE_BODY, { key: "wrong" })).json).toMatchObject({ error: "bad-key" });
    expect((await post(running, BASE_BODY, { key: `${KEY}x` })).status).toBe(401);
    expect((await post(running, BASE_BODY, { key: KEY.slice(0, -1) })).status).toBe(401);
    expect((await post(running, BASE_BODY, { key: KEY })).status).toBe(422);
    expect((await post(running, BASE_BODY, { key: SECOND_KEY })).status).toBe(422);
    expect((await post(running, BASE_BODY, { key: SECOND_KEY, via: "header" })).status).toBe(422);
    expect((await post(running, BASE_BODY, { key: "wrong", via: "header" })).status).toBe(401);
  });

  test("413 for a declared body over 1 MB, before reading it", async () => {
    const status = await new Promise<{ status: number; connection?: string }>((resolve, reject) => {
      const req = httpRequest(
        `${running.url}${VALIDATE_PATH}?code=${KEY}`,
        { method: "POST", headers: { "content-type": "application/json", "content-length": String(BODY_LIMIT_BYTES + 1) } },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection });
        },
      );
      req.on("error", reject);
      req.write("{"); // the rest is never sent: the answer must not wait for it
    });
    expect(status).toEqual({ status: 413, connection: "close" });
  });

  test("413 for a chunked body that grows over 1 MB", async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${running.url}${VALIDATE_PATH}?code=${KEY}`,
        { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", () => resolve(-1));
      let sent = 0;
      const pump = (): void => {
        while (sent <= BODY_LIMIT_BYTES + chunk.length) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
      };
      pump();
      // A hang guard, not a time budget.
      setTimeout(() => reject(new Error("no answer within 20 s")), 20_000).unref();
    });
    expect(status).toBe(413);
  });

  test("415 for a body that is not JSON", async () => {
    const reply = await post(running, "MessageName=Update", { headers: { "content-type": "text/plain" } });
    expect(reply.json).toMatchObject({ error: "unsupported-media-type", statusCode: 415 });
  });

  test("404 elsewhere, 405 for the wrong method, GET /healthz 200", async () => {
    const missing = await fetch(`${running.url}/api/nothing`, { method: "POST" });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: "not-found" });
    const wrong = await fetch(`${running.url}${VALIDATE_PATH}?code=${KEY}`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    const health = await fetch(`${running.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", mode: "enforce" });
    expect((await fetch(`${running.url}/healthz`, { method: "POST" })).status).toBe(405);
  });
});

describe("logs", () => {
  test("carry the correlation id and never the key", async () => {
    await post(running, BASE_BODY, { headers: { "x-ms-correlation-request-id": "corr-denied-7" } });
    await post(running, BASE_BODY, { key: "wrong-secret-value", headers: { "x-ms-correlation-request-id": "corr-badkey-7" } });
    await post(running, BASE_BODY, {
      key: "header-secret-value",
      via: "header",
      headers: { "x-ms-correlation-request-id": "corr-badkey-8" },
    });
    const logs = running.logs();
    expect(logs.find((l) => l.correlationId === "corr-denied-7")).toMatchObject({ msg: "status change denied", reason: "not-for-channel" });
    const refused = logs.find((l) => l.correlationId === "corr-badkey-7");
    expect(refused).toMatchObject({ msg: "webhook key refused", code: "bad-key", url: `${VALIDATE_PATH}?code=[redacted]` });
    expect(logs.some((l) => l.correlationId === "corr-badkey-8")).toBe(true);
    const raw = running.rawLogs();
    for (const secret of [KEY, SECOND_KEY, "wrong-secret-value", "header-secret-value"]) expect(raw).not.toContain(secret);
  });

  test("allowed requests are not logged at level info", async () => {
    await post(running, bodyOf({ channels: ["sms"] }), { headers: { "x-ms-correlation-request-id": "corr-allowed-1" } });
    expect(running.logs().some((l) => l.correlationId === "corr-allowed-1")).toBe(false);
  });
});

test("the English strings are loaded once at start-up, not per request", async () => {
  const spy = jest.spyOn(resx, "loadStrings");
  const own = await start();
  try {
    for (let i = 0; i < 5; i++) await post(own, bodyOf({ from: Status.Open, to: Status.Waiting }));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenCalledWith(1033);
  } finally {
    spy.mockRestore();
    await own.close();
  }
});

describe("timeouts stop slow clients", () => {
  // No clock here: a server that never times out hangs the test until jest's own timeout fails it.
  test("headers that never finish: the connection is answered 408 and closed", async () => {
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(running.port, "127.0.0.1", () => socket.write(`POST ${VALIDATE_PATH} HTTP/1.1\r\nHost: x\r\n`));
      let data = "";
      socket.on("data", (d) => (data += d.toString()));
      socket.on("close", () => resolve(data));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  test("a body that trickles slower than REQUEST_TIMEOUT_MS is cut off", async () => {
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(running.port, "127.0.0.1", () => {
        socket.write(
          `POST ${VALIDATE_PATH}?code=${KEY} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`,
        );
        const drip = setInterval(() => (socket.writable ? socket.write(" ") : clearInterval(drip)), 100);
        socket.on("close", () => clearInterval(drip));
      });
      let data = "";
      socket.on("data", (d) => (data += d.toString()));
      socket.on("close", () => resolve(data));
      socket.on("error", () => undefined);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});
