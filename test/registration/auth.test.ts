/** Where the token comes from: DATAVERSE_TOKEN, or client credentials through MSAL (injected here). */
import { defaultMsalFactory, scopeFor, tokenSource, type MsalFactory } from "../../plugins/webapi/auth";
import { TOKEN, startFakeDataverse, type FakeDataverse } from "./fake-dataverse";
import { KEY, registerArgs, run } from "./run";

let fake: FakeDataverse;
beforeEach(async () => {
  fake = await startFakeDataverse();
});
afterEach(() => fake.close());

const CLIENT = {
  AZURE_TENANT_ID: "11111111-2222-3333-4444-555555555555",
  AZURE_CLIENT_ID: "app-id",
  AZURE_CLIENT_SECRET: "client-secret-value",
};

function recordingFactory(answer: () => Promise<{ accessToken: string } | null>) {
  const calls: { configuration: unknown; scopes: string[][] } = { configuration: undefined, scopes: [] };
  const factory: MsalFactory = (configuration) => {
    calls.configuration = configuration;
    return {
      acquireTokenByClientCredential: async (request) => {
        calls.scopes.push(request.scopes);
        return answer();
      },
    };
  };
  return { factory, calls };
}

test("client credentials: MSAL gets the tenant authority and the <env>/.default scope, and its token is used", async () => {
  const { factory, calls } = recordingFactory(async () => ({ accessToken: TOKEN }));
  const r = await run(registerArgs(fake), { ...CLIENT, WEBHOOK_KEY: KEY }, { msalFactory: factory });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(calls.configuration).toEqual({
    auth: {
      clientId: "app-id",
      clientSecret: "client-secret-value",
      authority: "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555",
    },
  });
  expect(new Set(calls.scopes.map((s) => s.join()))).toEqual(new Set([`${fake.url}/.default`]));
  expect(fake.requests.every((q) => q.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
});

test("DATAVERSE_TOKEN wins over client credentials, and a pasted 'Bearer ' prefix is accepted", async () => {
  const { factory, calls } = recordingFactory(async () => ({ accessToken: "unused" }));
  const r = await run(registerArgs(fake), { ...CLIENT, DATAVERSE_TOKEN: `Bearer ${TOKEN}`, WEBHOOK_KEY: KEY }, { msalFactory: factory });
  expect(r.code).toBe(0);
  expect(calls.scopes).toEqual([]);
});

test("incomplete client credentials name what is missing (exit 2)", async () => {
  const r = await run(registerArgs(fake), { AZURE_TENANT_ID: "t", AZURE_CLIENT_ID: "c", WEBHOOK_KEY: KEY });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("Client credentials are incomplete: AZURE_CLIENT_SECRET is not set.");
  expect(fake.requests).toEqual([]);
});

test("no credentials at all for a real environment: a real run stops with what to set (exit 2)", async () => {
  const r = await run(["--env", "https://contoso.crm.dynamics.com", "--url", "https://hooks.example.net/api/validate-status-change"], {
    WEBHOOK_KEY: KEY,
  });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("No credentials");
  expect(r.stderr).toContain("AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET");
});

test("an Entra ID failure is reported with MSAL's error code, never with the secret", async () => {
  const { factory } = recordingFactory(async () => {
    throw Object.assign(new Error("invalid_client: AADSTS7000215: Invalid client secret provided client-secret-value.\nTrace ID: x"), {
      errorCode: "invalid_client",
    });
  });
  const r = await run(registerArgs(fake), { ...CLIENT, WEBHOOK_KEY: KEY }, { msalFactory: factory });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`Microsoft Entra ID gave no token for ${fake.url}/.default: invalid_client: invalid_client: AADSTS7000215`);
  expect(r.stderr).not.toContain("client-secret-value");
  expect(fake.requests).toEqual([]);
});

test("scopeFor and the default factory build a real MSAL client without touching the network", () => {
  expect(scopeFor("https://contoso.crm4.dynamics.com")).toBe("https://contoso.crm4.dynamics.com/.default");
  const app = defaultMsalFactory({
    auth: { clientId: "app-id", clientSecret: "s", authority: "https://login.microsoftonline.com/common" },
  });
  expect(typeof app.acquireTokenByClientCredential).toBe("function");
  expect(tokenSource("https://contoso.crm.dynamics.com", {})).toBeUndefined();
  // A loopback environment (the workbench's local Dataverse) needs none: no token is sent.
  expect(tokenSource("http://127.0.0.1:8080", {})).toEqual({ kind: "none" });
  expect(tokenSource("http://localhost:8080", { DATAVERSE_TOKEN: "t0ken" })?.kind).toBe("token");
});
