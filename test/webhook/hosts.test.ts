/**
 * Both hosts, one pipeline: every case of cases.ts goes to the plain server over real HTTP on
 * 127.0.0.1 and to the Azure Functions handler (driven with @azure/functions' own HttpRequest and
 * InvocationContext, as the Functions host would). Status, body and the relevant headers must be
 * identical, and as the table expects.
 */
import { HttpRequest, InvocationContext } from "@azure/functions";
import { request as httpRequest, Agent } from "node:http";
import { createAzureHandler, type AzureHandler } from "../../plugins/webhook/azure";
import { VALIDATE_PATH } from "../../plugins/webhook/route";
import { loadSettings } from "../../plugins/webhook/settings";
import { CASES, CASE_ENV, type Case } from "./cases";
import { KEY, start, type Running } from "./harness";

interface Observed {
  status: number;
  body: string;
  contentType: string | undefined;
  closes: boolean;
  allow: string | undefined;
}

const headersOf = (c: Case): Record<string, string> => ({ "content-type": "application/json", ...c.headers });
const queryOf = (c: Case): string => c.query ?? `?code=${KEY}`;

/** Over real HTTP with a keep-alive agent, so that Connection: close means the server chose it. */
function overHttp(running: Running, agent: Agent, c: Case): Promise<Observed> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${running.url}${VALIDATE_PATH}${queryOf(c)}`,
      { method: c.method ?? "POST", agent, headers: headersOf(c) },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body,
            contentType: res.headers["content-type"],
            closes: res.headers.connection === "close",
            allow: res.headers.allow,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(c.body);
  });
}

async function underFunctions(handler: AzureHandler, c: Case): Promise<Observed> {
  const request = new HttpRequest({
    method: (c.method ?? "POST") as "POST",
    url: `https://contoso.azurewebsites.net${VALIDATE_PATH}${queryOf(c)}`,
    headers: headersOf(c),
    ...(c.body !== undefined && c.method === undefined ? { body: { string: c.body } } : {}),
  });
  const context = new InvocationContext({ functionName: "validate-status-change", logHandler: () => undefined });
  const response = await handler(request, context);
  const headers = new Headers(response.headers as Record<string, string>);
  return {
    status: response.status ?? 200,
    body: response.body as string,
    contentType: headers.get("content-type") ?? undefined,
    closes: headers.get("connection") === "close",
    allow: headers.get("allow") ?? undefined,
  };
}

let running: Running;
let handler: AzureHandler;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

beforeAll(async () => {
  running = await start(CASE_ENV);
  handler = createAzureHandler(loadSettings(CASE_ENV));
});
afterAll(async () => {
  agent.destroy();
  await running.close();
});

test.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
  const plain = await overHttp(running, agent, c);
  const functions = await underFunctions(handler, c);
  expect(functions).toEqual(plain);
  expect(plain.status).toBe(c.expect.status);
  expect(plain.contentType).toBe("application/json; charset=utf-8");
  expect(plain.closes).toBe(c.expect.closes ?? false);
  expect(plain.allow).toBe(c.expect.allow);
  if (c.expect.body) expect(JSON.parse(plain.body)).toMatchObject(c.expect.body);
});
