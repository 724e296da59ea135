/** docs/registration.md stays true to the code: the dry-run sample, the error table, the flags. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ERRORS } from "../../plugins/registration/errors";
import { HELP } from "../../plugins/registration/cli";
import { parseWebhookUrl } from "../../plugins/registration/flags";
import { KEY_MAX_LENGTH } from "../../plugins/registration/registration";
import { KEY_CHARACTERS, KEY_MIN_LENGTH, KEY_RECIPE, keyFormatProblem } from "../../plugins/webhook/keyFormat";
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

test("the webhook key's rule in the docs is the webhook's own (keyFormat.ts), with its recipe; the loopback exception is stated", () => {
  const section = doc.slice(doc.indexOf("## The webhook key"), doc.indexOf("## What it sends"));
  expect(section).toContain(`at least **${KEY_MIN_LENGTH}** characters (and at most ${KEY_MAX_LENGTH},`);
  expect(section).toContain(`\`${KEY_CHARACTERS}\``);
  expect(section).toContain(KEY_RECIPE);
  expect(keyFormatProblem("a".repeat(KEY_MIN_LENGTH))).toBeUndefined();
  expect(keyFormatProblem("a".repeat(KEY_MIN_LENGTH - 1))).toBeDefined();
  expect(keyFormatProblem(`${"a".repeat(KEY_MIN_LENGTH)}+`)).toBeDefined();
  expect(doc).toContain("**The loopback exception for `--url`.**");
  expect(parseWebhookUrl("http://127.0.0.1:7071/api/validate-status-change", "http://127.0.0.1:8080")).toBe(
    "http://127.0.0.1:7071/api/validate-status-change",
  );
  expect(() => parseWebhookUrl("http://127.0.0.1:7071/api/validate-status-change", "https://contoso.crm.dynamics.com")).toThrow(
    "--url must be https",
  );
  expect(() => parseWebhookUrl("http://192.0.2.1:7071/api/validate-status-change", "http://127.0.0.1:8080")).toThrow("--url must be https");
});
