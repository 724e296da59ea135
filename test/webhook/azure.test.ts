/**
 * The Azure Functions v4 host beyond the shared cases (hosts.test.ts): what it registers, how it
 * logs, and that it refuses to start without valid settings. Driven with the package's own
 * HttpRequest and InvocationContext, as the Functions host would.
 */
import { app, HttpRequest, InvocationContext, type HttpFunctionOptions } from "@azure/functions";
import { Status } from "../../plugins/lifecycle";
import { FUNCTION_METHODS, createAzureHandler, registerFunctions } from "../../plugins/webhook/azure";
import { FUNCTION_ROUTE, ROUTE_PREFIX, VALIDATE_PATH } from "../../plugins/webhook/route";
import { loadSettings } from "../../plugins/webhook/settings";
import { BASE_BODY, bodyOf } from "../fixtures/webhook/builder";
import { KEY } from "./harness";

const URL = `https://contoso.azurewebsites.net${VALIDATE_PATH}`;

function requestOf(body: string, code: string, correlationId: string): HttpRequest {
  return new HttpRequest({
    method: "POST",
    url: `${URL}?code=${code}`,
    headers: { "content-type": "application/json", "x-ms-correlation-request-id": correlationId },
    body: { string: body },
  });
}

test("registers one anonymous function on the webhook's route, every method, with the pipeline as its handler", async () => {
  const registered: [string, HttpFunctionOptions][] = [];
  const spy = jest.spyOn(app, "http").mockImplementation((name, options) => void registered.push([name, options]));
  try {
    registerFunctions({ WEBHOOK_KEYS: KEY });
  } finally {
    spy.mockRestore();
  }
  expect(registered).toHaveLength(1);
  const [name, options] = registered[0];
  expect({ name, route: options.route, authLevel: options.authLevel, methods: options.methods }).toEqual({
    name: "validate-status-change",
    route: FUNCTION_ROUTE,
    authLevel: "anonymous",
    methods: [...FUNCTION_METHODS],
  });
  // With host.json's route prefix, the function's URL path is the plain server's.
  expect(`/${ROUTE_PREFIX}/${options.route}`).toBe(VALIDATE_PATH);
  const context = new InvocationContext({ functionName: name, logHandler: () => undefined });
  const answer = await options.handler(
    requestOf(bodyOf({ from: Status.Active, to: Status.Waiting, channels: ["sms"] }), KEY, "c-1"),
    context,
  );
  expect(answer).toMatchObject({ status: 200 });
});

test("refuses to register without valid settings, saying why", () => {
  const spy = jest.spyOn(app, "http").mockImplementation(() => undefined);
  try {
    expect(() => registerFunctions({})).toThrow(/WEBHOOK_KEYS is not set/);
    expect(() => registerFunctions({ WEBHOOK_KEYS: "short" })).toThrow(/WEBHOOK_KEYS: key 1 of 1 is 5 characters long/);
    expect(spy).not.toHaveBeenCalled();
  } finally {
    spy.mockRestore();
  }
});

test("logs through the invocation context, with the correlation id, the class and why, never the key", async () => {
  const logged: string[] = [];
  const context = new InvocationContext({
    functionName: "validate-status-change",
    logHandler: (level, ...args) => void logged.push(`${level} ${args.join(" ")}`),
  });
  const handler = createAzureHandler(loadSettings({ WEBHOOK_KEYS: KEY }));
  await handler(requestOf(BASE_BODY, KEY, "corr-azure-1"), context);
  await handler(requestOf(BASE_BODY, "secret-guess-0123456789", "corr-azure-2"), context);
  const denied = logged.find((line) => line.includes("status change denied"));
  expect(denied).toContain('"correlationId":"corr-azure-1"');
  expect(denied).toContain('"caller":"interactive-user"');
  expect(logged.find((line) => line.includes("webhook key refused"))).toMatch(/^warning .*corr-azure-2/);
  expect(logged.join("\n")).not.toContain(KEY);
  expect(logged.join("\n")).not.toContain("secret-guess");
});

test("a body over 1 MB: 413, with Connection: close", async () => {
  const handler = createAzureHandler(loadSettings({ WEBHOOK_KEYS: KEY }));
  const big = new HttpRequest({
    method: "POST",
    url: `${URL}?code=${KEY}`,
    headers: { "content-type": "application/json" },
    body: { bytes: new Uint8Array(1024 * 1024 + 10).fill(0x20) },
  });
  const answer = await handler(big, new InvocationContext({ logHandler: () => undefined }));
  expect(answer.status).toBe(413);
  expect(answer.headers).toMatchObject({ connection: "close" });
});
