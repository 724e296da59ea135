/** docs/registration.md stays true to the code: the dry-run sample, the error table, the flags. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ERRORS } from "../../plugins/registration/errors";
import { HELP } from "../../plugins/registration/cli";
import { run } from "./run";
import { fencedBlock, tableRows } from "../support/markdown";

const doc = readFileSync(join(__dirname, "../../docs/registration.md"), "utf8");

test("the dry-run sample in the docs is what the command prints today", async () => {
  const block = fencedBlock(doc, "dry-run");
  expect(block).not.toBeNull();
  const command = doc.match(/`WEBHOOK_KEY=(\S+) npm run register-webhook -- (--env \S+ --url \S+ --dry-run)`/);
  expect(command).not.toBeNull();
  const r = await run(command![2].split(" "), { WEBHOOK_KEY: command![1] });
  expect(r.code).toBe(0);
  expect(block).toBe(r.stdout);
});

test("every error code is in the docs' table with its exit status and hint", () => {
  const rows = tableRows(doc).filter((row) => /^`[a-z-]+`$/.test(row[0]) && /^\d$/.test(row[1]));
  expect(rows).toEqual(Object.entries(ERRORS).map(([code, { exit, hint }]) => [`\`${code}\``, String(exit), hint]));
});

test("every flag of --help is explained in the docs", () => {
  const flags = [...HELP.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]).filter((f) => f !== "--help");
  expect(flags.length).toBeGreaterThan(5);
  for (const flag of flags) expect(doc).toContain(`\`${flag}`);
});
