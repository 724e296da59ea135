/**
 * The Azure Functions v4 entry shares the handler: driven here with the package's own HttpRequest
 * and InvocationContext, as the Functions host would.
 */
import { HttpRequest, InvocationContext } from "@azure/functions";
import { Status } from "../../plugins/lifecycle";
import type { createAzureHandler as Create } from "../../plugins/webhook/azure";
import { loadSettings } from "../../plugins/webhook/settings";
import { BASE_BODY, bodyOf } from "../fixtures/webhook/builder";

const URL = "https://contoso.azurewebsites.net/api/validate-status-change";
const logged: string[] = [];
const context = (): InvocationContext =>
  new InvocationContext({
    functionName: "validate-status-change",
    logHandler: (level, ...args) => void logged.push(`${level} ${args.join(" ")}`),
  });
let handler: ReturnType<typeof Create>;

// The module registers its function at load and needs a key for that; tests build their own handler.
beforeAll(async () => {
  process.env.WEBHOOK_KEYS ??= "module-load-key";
  const { createAzureHandler } = await import("../../plugins/webhook/azure");
  handler = createAzureHandler(loadSettings({ WEBHOOK_KEYS: "azure-key" }));
});

function requestOf(body: string | Uint8Array, { code = "azure-key", headers = {} as Record<string, string> } = {}): HttpRequest {
  return new HttpRequest({
    method: "POST",
    url: `${URL}?code=${code}`,
    query: { code },
    headers: { "content-type": "application/json", "x-ms-correlation-request-id": "corr-azure-1", ...headers },
    body: typeof body === "string" ? { string: body } : { bytes: body },
  });
}

test("a live-chat Active → Waiting by a user is 422, on SMS 200", async () => {
  const denied = await handler(requestOf(bodyOf({ from: Status.Active, to: Status.Waiting, channels: ["live-chat"] })), context());
  expect(denied.status).toBe(422);
  expect(JSON.parse(denied.body as string)).toMatchObject({ allowed: false, reason: "not-for-channel" });
  const allowed = await handler(requestOf(bodyOf({ channels: ["sms"] })), context());
  expect(allowed.status).toBe(200);
});

test("the same answers as the Fastify host for keys, JSON and size", async () => {
  expect((await handler(requestOf(BASE_BODY, { code: "wrong" }), context())).status).toBe(401);
  expect(
    (
      await handler(
        new HttpRequest({
          method: "POST",
          url: URL,
          headers: { "content-type": "application/json", "x-webhook-key": "azure-key" },
          body: { string: BASE_BODY },
        }),
        context(),
      )
    ).status,
  ).toBe(422);
  expect((await handler(requestOf("{nope"), context())).status).toBe(400);
  expect((await handler(requestOf('{"a":1}'), context())).status).toBe(400);
  expect((await handler(requestOf(BASE_BODY, { headers: { "content-type": "text/plain" } }), context())).status).toBe(415);
  const big = new Uint8Array(1024 * 1024 + 10).fill(0x20);
  const tooLarge = await handler(requestOf(big), context());
  expect(tooLarge.status).toBe(413);
  expect(JSON.parse(tooLarge.body as string)).toMatchObject({ error: "body-too-large" });
  expect((await handler(requestOf("[".repeat(40_000) + "]".repeat(40_000)), context())).status).toBe(400);
});

test("logs carry the correlation id, never the key", async () => {
  await handler(requestOf(BASE_BODY), context());
  await handler(requestOf(BASE_BODY, { code: "secret-guess" }), context());
  expect(logged.some((line) => line.includes("status change denied") && line.includes("corr-azure-1"))).toBe(true);
  expect(logged.join("\n")).not.toContain("azure-key");
  expect(logged.join("\n")).not.toContain("secret-guess");
});

test("the module refuses to load without WEBHOOK_KEYS, saying why", async () => {
  const saved = process.env.WEBHOOK_KEYS;
  delete process.env.WEBHOOK_KEYS;
  try {
    await jest.isolateModulesAsync(async () => {
      await expect(import("../../plugins/webhook/azure")).rejects.toThrow(/WEBHOOK_KEYS is not set/);
    });
  } finally {
    if (saved !== undefined) process.env.WEBHOOK_KEYS = saved;
  }
});
