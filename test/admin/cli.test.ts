/** history and stuck through the real bin in a child process: help, argument errors and exit statuses. */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { page, routes, serve } from "./http";

const BIN = join(__dirname, "../../bin/conversation-state.js");

function cli(args: string[], vars: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  // Only what the test gives, so the developer's own tokens can never leak in.
  const env = { PATH: process.env.PATH, ...vars };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const ENV = "https://contoso.crm.dynamics.com";
const ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

test("the top-level help names both admin commands", async () => {
  const r = await cli(["--help"]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("conversation-state history <conversation id> --env <url>");
  expect(r.stdout).toContain("conversation-state stuck --env <url>");
});

test.each([
  ["history", "plugins/admin/args.ts"],
  ["stuck", "plugins/admin/stuckCommand.ts"],
])("%s --help documents every flag it accepts", async (command, source) => {
  const r = await cli([command, "--help"]);
  expect(r.code).toBe(0);
  const flags = [
    ...readFileSync(join(__dirname, "../../plugins/admin/args.ts"), "utf8").matchAll(/^ {2}"?([a-z-]+)"?: \{ type:/gm),
    ...readFileSync(join(__dirname, "../..", source), "utf8").matchAll(/^ {2}"?([a-z-]+)"?: \{ type:/gm),
  ].map((m) => m[1]);
  expect(flags.length).toBeGreaterThan(7);
  for (const flag of flags) expect(r.stdout).toContain(`--${flag}`);
  for (const variable of ["DATAVERSE_TOKEN", "AZURE_TENANT_ID", "PLATFORM_USER_IDS", "OPERATOR_USER_IDS", "Exit status"])
    expect(r.stdout).toContain(variable);
});

test.each([
  [["history"], /The conversation id is required/],
  [["history", "12345", "--env", ENV], /"12345" is not a conversation id: expected a GUID/],
  [["history", ID, ID, "--env", ENV], /Unexpected argument/],
  [["history", ID], /--env is required/],
  [["history", ID, "--env", "http://contoso.crm.dynamics.com"], /--env must be https/],
  [["history", ID, "--env", `${ENV}/api/data/v9.2`], /--env is the environment URL without a path/],
  [["history", ID, "--env", ENV, "--json", "--csv"], /--json and --csv cannot go together/],
  [["history", ID, "--env", ENV, "--now", "yesterday"], /--now "yesterday" is not an ISO 8601 date-time/],
  [["history", ID, "--env", ENV, "--wrap-up-block", "90"], /--wrap-up-block "90" is not always, never or a number of minutes from 1 to 60/],
  [["history", ID, "--env", ENV, "--timeout", "0"], /--timeout "0" is not a number of seconds/],
  [["history", ID, "--env", ENV, "--verbos"], /Unknown option '--verbos'/],
  [["stuck", "--env", ENV, "--older-than", "2 fortnights"], /--older-than "2 fortnights" is not a duration/],
  [["stuck", "--env", ENV, "--status", "resolved"], /--status "resolved" is not an open status reason/],
  [["stuck", "--env", ENV, "--yes"], /--yes confirms --close/],
])("usage error %j exits 2 with a clear message", async (args, message) => {
  const r = await cli(args, { DATAVERSE_TOKEN: "t0ken" });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toContain("--help");
});

test("a caller list that is not GUIDs is a usage error", async () => {
  const r = await cli(["history", ID, "--env", ENV], { DATAVERSE_TOKEN: "t0ken", OPERATOR_USER_IDS: "admin@contoso.com" });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('OPERATOR_USER_IDS: "admin@contoso.com" is not a GUID');
});

test("no credentials for a real environment: exit 2, with what to set", async () => {
  const r = await cli(["stuck", "--env", ENV]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("No credentials: neither DATAVERSE_TOKEN nor client credentials are set");
  expect(r.stderr).toContain("AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET");
});

test("an unreachable environment: exit 1, the request named", async () => {
  // A port that was free a moment ago: nothing listens there.
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const r = await cli(["stuck", "--env", `http://127.0.0.1:${port}`]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`Could not reach http://127.0.0.1:${port} (GET msdyn_ocliveworkitems): ECONNREFUSED.`);
  expect(r.stderr).toContain("Nothing was changed by the failed request.");
});

test("the bin waits for the async commands and exits with their status", async () => {
  const fixture = await serve(routes({ "GET msdyn_ocliveworkitems?": page([]) }));
  try {
    const r = await cli(["stuck", "--env", fixture.url, "--close", "--yes", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ scanned: 0, conversations: [] });
    expect(r.stderr).toBe("Nothing to close.\n");
  } finally {
    await fixture.close();
  }
});
