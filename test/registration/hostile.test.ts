/**
 * The shared Web API client against hostile servers, over real HTTP on 127.0.0.1: the security
 * audit's findings, each replayed. A token echoed back never reaches the screen in any form it was
 * sent in; a redirect is not followed; an id from an answer that is not a GUID never reaches a URL;
 * a server that hangs is given up on; a huge error body is not read.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebApiClient } from "../../plugins/webapi/client";
import { WebApiError } from "../../plugins/webapi/errors";
import { dataverseError, ok, page, routes, serve, type Fixture, type Handler } from "../admin/http";
import { KEY, WEBHOOK, run } from "./run";

const MESSAGE = "aaaaaaaa-1111-4111-8111-000000000001";
const FILTER = "aaaaaaaa-1111-4111-8111-000000000002";
const SYSTEMUSER = "bbbbbbbb-2222-4222-8222-000000000001";

/** Enough of the registration lookups for register() to reach its writes; `more` decides the rest. */
function lookups(more: Record<string, Parameters<typeof routes>[0][string]> = {}): Handler {
  return routes({
    "GET sdkmessages?": page([{ sdkmessageid: MESSAGE, name: "Update" }]),
    "GET sdkmessagefilters?": page([{ sdkmessagefilterid: FILTER, iscustomprocessingstepallowed: true }]),
    ...more,
  });
}

let fixtures: Fixture[] = [];
afterEach(async () => {
  await Promise.all(fixtures.map((f) => f.close()));
  fixtures = [];
});
async function start(handler: Handler): Promise<Fixture> {
  const fixture = await serve(handler);
  fixtures.push(fixture);
  return fixture;
}

describe("the token is redacted as it is actually sent", () => {
  /** Echoes whatever Authorization header arrives, in the error's message and around it. */
  const echo: Handler = (request) =>
    dataverseError(
      400,
      "0x80060888",
      `Bad header "${request.headers.authorization}" (token ${String(request.headers.authorization).slice(7)}).`,
    );

  test("a pasted 'Bearer …' with stray whitespace: neither the header nor the bare token is printed", async () => {
    const server = await start(echo);
    const r = await run(["--env", server.url, "--url", WEBHOOK, "--verbose"], {
      WEBHOOK_KEY: KEY,
      DATAVERSE_TOKEN: "  Bearer eyJhbGciOi.secret-token-9f8e7d\n",
    });
    expect(server.requests[0].headers.authorization).toBe("Bearer eyJhbGciOi.secret-token-9f8e7d");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Bad header "***" (token ***).');
    expect(r.stdout + r.stderr).not.toContain("secret-token");
  });

  test("a token from client credentials, which no variable holds, is redacted too", async () => {
    const server = await start(echo);
    const r = await run(
      ["--env", server.url, "--url", WEBHOOK],
      { WEBHOOK_KEY: KEY, AZURE_TENANT_ID: "t", AZURE_CLIENT_ID: "c", AZURE_CLIENT_SECRET: "client-secret-1" },
      { msalFactory: () => ({ acquireTokenByClientCredential: async () => ({ accessToken: "msal-issued-token-5a4b3c" }) }) },
    );
    expect(server.requests[0].headers.authorization).toBe("Bearer msal-issued-token-5a4b3c");
    expect(r.stderr).toContain('Bad header "***"');
    expect(r.stderr).not.toContain("msal-issued");
  });

  test("an echo cut off mid-token (by the body cap, then by the message's length) leaves no part of it", async () => {
    // Longer than the 4 KB read of an error body: no whole form of the token is left to match.
    const token = "eyJ" + "x".repeat(6000) + "-tail";
    const server = await start((request) => ({ status: 500, body: `${".".repeat(150)}${request.headers.authorization}` }));
    const client = new WebApiClient({ env: server.url, token: async () => token });
    const error = (await client.list("sdkmessages").catch((e: unknown) => e)) as WebApiError;
    expect(error.message).toContain("HTTP 500");
    expect(error.message).not.toMatch(/eyJx|xxxx/);
  });
});

describe("redirects are refused", () => {
  test("a 307 on the POST that carries the webhook key: nothing reaches the other origin", async () => {
    const elsewhere = await start(() => ({ status: 204 }));
    const server = await start(
      lookups({
        "GET serviceendpoints?": page([]),
        "POST serviceendpoints": { status: 307, headers: { Location: `${elsewhere.url}/steal?from=dataverse` } },
      }),
    );
    const r = await run(["--env", server.url, "--url", WEBHOOK], { WEBHOOK_KEY: KEY, DATAVERSE_TOKEN: "redirect-token-1" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `POST serviceendpoints: the server answered 307 (a redirect to ${elsewhere.url}); it was not followed, so nothing was sent there.`,
    );
    expect(r.stderr).toContain("Redirects are refused");
    expect(elsewhere.requests).toEqual([]);
  });

  test("a redirect on a read is refused the same way", async () => {
    const elsewhere = await start(() => ok({ value: [] }));
    const server = await start(() => ({ status: 302, headers: { Location: `${elsewhere.url}/api/data/v9.2/sdkmessages` } }));
    const client = new WebApiClient({ env: server.url, token: async () => "t0ken-302" });
    await expect(client.list("sdkmessages")).rejects.toMatchObject({ code: "redirect", status: 302 });
    expect(elsewhere.requests).toEqual([]);
  });
});

describe("ids from answers are GUIDs before they go into a URL or a filter", () => {
  test("a row id with '..' segments: the PATCH is refused and systemusers is never touched", async () => {
    const server = await start(
      lookups({
        "GET serviceendpoints?": page([
          {
            "@odata.etag": 'W/"1"',
            serviceendpointid: `../systemusers(${SYSTEMUSER})`,
            name: "ocs conversation state webhook",
            contract: 8,
            authtype: 4,
            messageformat: 2,
            url: "https://old.example.net/api/validate-status-change",
            isauthvalueset: true,
          },
        ]),
      }),
    );
    const r = await run(["--env", server.url, "--url", WEBHOOK], { WEBHOOK_KEY: KEY, DATAVERSE_TOKEN: "guid-token-1" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `The serviceendpoint row's serviceendpointid "../systemusers(${SYSTEMUSER})" in Dataverse's answer is not a GUID; nothing was written.`,
    );
    expect(server.requests.filter((q) => q.method !== "GET")).toEqual([]);
    expect(server.requests.some((q) => q.path.includes("systemusers"))).toBe(false);
  });

  test("a message id from the answer is checked before it goes into the next $filter", async () => {
    const server = await start(routes({ "GET sdkmessages?": page([{ sdkmessageid: "1 or true", name: "Update" }]) }));
    const r = await run(["--env", server.url, "--url", WEBHOOK], { WEBHOOK_KEY: KEY, DATAVERSE_TOKEN: "guid-token-2" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('sdkmessageid "1 or true"');
    expect(server.requests).toHaveLength(1);
  });

  test("an OData-EntityId that climbs out of the entity set, or leaves the environment, is not a new row's id", async () => {
    for (const header of [
      (url: string) => `${url}/api/data/v9.2/serviceendpoints(${MESSAGE})/../systemusers(${SYSTEMUSER})`,
      () => `https://elsewhere.example.net/api/data/v9.2/serviceendpoints(${MESSAGE})`,
      (url: string) => `${url}/api/data/v9.2/systemusers(${SYSTEMUSER})`,
    ]) {
      const server = await start((request) => ({ status: 204, headers: { "OData-EntityId": header(`http://${request.headers.host}`) } }));
      const client = new WebApiClient({ env: server.url });
      await expect(client.create("serviceendpoints", { name: "x" })).rejects.toMatchObject({ code: "bad-answer" });
    }
  });

  test("the client itself refuses a non-GUID key, a '..' segment, or a $filter value that is not a literal", async () => {
    const server = await start(() => ok({ value: [] }));
    const client = new WebApiClient({ env: server.url });
    await expect(client.update("serviceendpoints", `../systemusers(${SYSTEMUSER})`, { url: "x" }, "*")).rejects.toMatchObject({
      code: "bad-id",
    });
    await expect(client.list(`serviceendpoints(${MESSAGE})/../systemusers`)).rejects.toMatchObject({ code: "bad-id" });
    await expect(client.list("sdkmessagefilters?$filter=_sdkmessageid_value eq ../x")).rejects.toMatchObject({ code: "bad-id" });
    await expect(client.list("sdkmessagefilters?$filter=_sdkmessageid_value eq 1) or (name ne 'x'")).rejects.toMatchObject({
      code: "bad-id",
    });
    expect(server.requests).toEqual([]);
  });

  test("an @odata.nextLink to another origin is not followed with the token", async () => {
    const elsewhere = await start(() => ok({ value: [] }));
    const server = await start(() => ok({ value: [{ a: 1 }], "@odata.nextLink": `${elsewhere.url}/api/data/v9.2/audits?$skiptoken=2` }));
    const client = new WebApiClient({ env: server.url, token: async () => "next-token" });
    await expect(client.all("audits")).rejects.toMatchObject({ code: "bad-answer" });
    expect(elsewhere.requests).toEqual([]);
  });
});

describe("each request has a timeout", () => {
  test("a server that never answers: the error names the request and the setting", async () => {
    const server = await start(() => "hang");
    const r = await run(["--env", server.url, "--url", WEBHOOK, "--timeout", "0.2"], { WEBHOOK_KEY: KEY });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `GET sdkmessages: no complete answer from ${server.url} within 0.2 s (--timeout); the request was abandoned.`,
    );
    expect(r.stderr).toContain("--timeout <seconds>");
  });

  test("a server that sends the headers, then stalls in the body, times out too", async () => {
    const server = await start((_, response) => {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.write('{"value":[');
    });
    const client = new WebApiClient({ env: server.url, timeoutMs: 200 });
    await expect(client.list("sdkmessages")).rejects.toMatchObject({ code: "timeout" });
  });

  test("--timeout is checked like every flag", async () => {
    const r = await run(["--env", "https://contoso.crm.dynamics.com", "--url", WEBHOOK, "--timeout", "forever"], { WEBHOOK_KEY: KEY });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--timeout "forever" is not a number of seconds from 0.1 to 600.');
  });
});

describe("error bodies are capped", () => {
  test("a 50 MB error body: at most a few KB are read, and the server is cut off", async () => {
    const total = 50 * 1024 * 1024;
    let written = 0;
    let finished = false;
    const server: Server = createServer((request, response) => {
      response.writeHead(500, { "Content-Type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (written < total) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once("drain", pump);
        }
        finished = true;
        response.end();
      };
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const client = new WebApiClient({ env: url });
      const error = (await client.list("sdkmessages").catch((e: unknown) => e)) as WebApiError;
      expect(error).toBeInstanceOf(WebApiError);
      expect(error.message).toMatch(/^GET sdkmessages failed: HTTP 500 a{200}\.$/);
      // The client stopped reading: the server never got to send it all.
      expect(finished).toBe(false);
      expect(written).toBeLessThan(total / 2);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

test("a loopback environment without credentials: requests carry no Authorization header", async () => {
  const server = await start(() => ({ status: 401 }));
  const r = await run(["--env", server.url, "--url", WEBHOOK], { WEBHOOK_KEY: KEY });
  expect(r.code).toBe(1);
  expect(server.requests).toHaveLength(1);
  expect(server.requests[0].headers.authorization).toBeUndefined();
  expect(r.stderr).toContain("Dataverse refused the token (HTTP 401");
});
