/** docs/registration.md stays true to the code: the dry-run sample, the error table, the flags. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ERRORS } from "../../plugins/registration/errors";
import { HELP } from "../../plugins/registration/cli";
import { run } from "./run";

const doc = readFileSync(join(__dirname, "../../docs/registration.md"), "utf8");

test("the dry-run sample in the docs is what the command prints today", async () => {
  const block = doc.match(/<!-- dry-run:begin -->\n```text\n([\s\S]*?)```\n<!-- dry-run:end -->/);
  expect(block).not.toBeNull();
  const command = doc.match(/`WEBHOOK_KEY=(\S+) npm run register-webhook -- (--env \S+ --url \S+ --dry-run)`/);
  expect(command).not.toBeNull();
  const r = await run(command![2].split(" "), { WEBHOOK_KEY: command![1] });
  expect(r.code).toBe(0);
  expect(block![1]).toBe(r.stdout);
});

test("every error code is in the docs' table with its exit status and hint", () => {
  for (const [code, { exit, hint }] of Object.entries(ERRORS)) expect(doc).toContain(`| \`${code}\` | ${exit} | ${hint} |`);
  const rows = doc.match(/^\| `[a-z-]+` \| \d \|/gm) ?? [];
  expect(rows).toHaveLength(Object.keys(ERRORS).length);
});

test("every flag of --help is explained in the docs", () => {
  const flags = [...HELP.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]).filter((f) => f !== "--help");
  expect(flags.length).toBeGreaterThan(5);
  for (const flag of flags) expect(doc).toContain(`\`${flag}`);
});
