/** The built command in a child process, as `npm run register-webhook --` runs it. */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startFakeDataverse } from "./fake-dataverse";
import { credentials, KEY, WEBHOOK } from "./run";

const CLI = join(__dirname, "../../dist/plugins/registration/cli.js");

function spawnCli(args: string[], vars: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  // Only what the test gives, so the developer's own tokens can never leak in.
  const env = { PATH: process.env.PATH, ...vars };
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env, encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

test("the npm script runs the built CLI", () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as { scripts: Record<string, string> };
  expect(pkg.scripts["register-webhook"]).toBe("node dist/plugins/registration/cli.js");
});

test("registers end to end from a child process, and says what it did", async () => {
  const fake = await startFakeDataverse();
  try {
    const first = await spawnCli(["--env", fake.url, "--url", WEBHOOK], credentials);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Registered the webhook in ${fake.url}: 4 created.`);
    const second = await spawnCli(["--env", fake.url, "--url", WEBHOOK], credentials);
    expect(second.stdout).toContain("4 unchanged");
    expect(first.stdout + second.stdout).not.toContain(KEY);
  } finally {
    await fake.close();
  }
});

test("--help documents every flag and environment variable", async () => {
  const r = await spawnCli(["--help"]);
  expect(r.code).toBe(0);
  for (const word of [
    "--env",
    "--url",
    "--dry-run",
    "--unregister",
    "--rotate-key",
    "--rank",
    "--key-env",
    "--verbose",
    "--timeout",
    "--discover-platform-users",
    "--since",
    "--help",
    "WEBHOOK_KEY",
    "DATAVERSE_TOKEN",
    "AZURE_TENANT_ID",
    "AZURE_CLIENT_ID",
    "AZURE_CLIENT_SECRET",
    "Exit status",
  ]) {
    expect(r.stdout).toContain(word);
  }
  const source = readFileSync(join(__dirname, "../../plugins/registration/cli.ts"), "utf8");
  const flags = [...source.matchAll(/^ {2}"?([a-z-]+)"?: \{ type:/gm)].map((m) => m[1]);
  expect(flags.length).toBeGreaterThan(5);
  for (const flag of flags) expect(r.stdout).toContain(`--${flag}`);
});

const env = "https://contoso.crm.dynamics.com";
test.each([
  [[], /--env is required/],
  [["--env", env], /--url is required/],
  [["--env", "contoso", "--url", WEBHOOK], /--env "contoso" is not a URL/],
  [["--env", "http://contoso.crm.dynamics.com", "--url", WEBHOOK], /--env must be https/],
  [["--env", `${env}/api/data/v9.2`, "--url", WEBHOOK], /--env is the environment URL without a path/],
  [["--env", env, "--url", "http://hooks.example.net/api/validate-status-change"], /--url must be https/],
  [["--env", env, "--url", `${WEBHOOK}?code=abc`], /--url must have no query string/],
  [
    ["--env", env, "--url", "https://hooks.example.net:8443/api/validate-status-change"],
    /port 8443; Dataverse calls webhooks on the default https port/,
  ],
  [["--env", env, "--url", WEBHOOK, "--rank", "first"], /--rank "first" is not a whole number/],
  [["--env", env, "--url", WEBHOOK, "--key", "abc"], /Unknown option '--key'/],
  [["--env", env, "--url", WEBHOOK, "extra"], /Unexpected argument 'extra'/],
  [["--env", env, "--url", WEBHOOK, "--key-env", "not a name"], /--key-env "not a name" is not an environment variable name/],
])("usage error %j exits 2 with a clear message", async (args, message) => {
  const r = await spawnCli(args, credentials);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toContain("--help");
});

test.each([
  [{ DATAVERSE_TOKEN: "t" }, /WEBHOOK_KEY is empty or missing/],
  [{ DATAVERSE_TOKEN: "t", WEBHOOK_KEY: "key\n" }, /WEBHOOK_KEY starts or ends with whitespace/],
  [{ DATAVERSE_TOKEN: "t", WEBHOOK_KEY: "old-key,new-key" }, /WEBHOOK_KEY contains a comma: give the one key/],
  [{ DATAVERSE_TOKEN: "t", WEBHOOK_KEY: "x".repeat(2049) }, /WEBHOOK_KEY is 2049 characters; Dataverse stores at most 2048/],
])("a missing or unusable key exits 2 and says where the key goes", async (vars, message) => {
  const r = await spawnCli(["--env", env, "--url", WEBHOOK], vars);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toContain("never as a flag");
});

test("--key-env reads the key from another variable", async () => {
  const r = await spawnCli(["--env", env, "--url", WEBHOOK, "--key-env", "OCS_HOOK_KEY", "--dry-run"], { OCS_HOOK_KEY: KEY });
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('"authvalue": "***"');
  expect(r.stdout).not.toContain(KEY);
});

test("a --url off the webhook's route is registered as given, with a note", async () => {
  const r = await spawnCli(["--env", env, "--url", "https://hooks.example.net/custom", "--dry-run"], { WEBHOOK_KEY: KEY });
  expect(r.code).toBe(0);
  expect(r.stderr).toContain("--url does not end with /api/validate-status-change");
});
