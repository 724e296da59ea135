/** docs/webhook.md and --help stay true to the code: settings, codes, caller classes, the sample answer, the package. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CALLER_CLASSES } from "../../plugins/caller";
import { REASON_CODES, Status } from "../../plugins/lifecycle";
import { BUNDLE, NOTICES, STATIC_FILES } from "../../plugins/webhook/deploy/package";
import { ERROR_CODES, WEBHOOK_ERRORS } from "../../plugins/webhook/errors";
import { SETTINGS, helpText } from "../../plugins/webhook/settings";
import { bodyOf } from "../fixtures/webhook/builder";
import { fencedBlock, tableRows } from "../support/markdown";
import { post, start } from "./harness";

const doc = readFileSync(join(__dirname, "../../docs/webhook.md"), "utf8");

test("every setting is in the docs and in --help, with its default", () => {
  for (const s of SETTINGS) {
    expect(tableRows(doc)).toContainEqual(expect.arrayContaining([`\`${s.name}\``, s.default]));
    expect(helpText()).toContain(s.name);
  }
});

test("every webhook code is documented with its HTTP status, and no others", () => {
  const documented = tableRows(doc)
    .filter((row) => /^`[a-z-]+`$/.test(row[0]) && /^\d{3}$/.test(row[1]))
    .map(([code, status]) => [code.slice(1, -1), Number(status)]);
  expect(documented.sort()).toEqual(ERROR_CODES.map((code) => [code, WEBHOOK_ERRORS[code].status]).sort());
});

test("every model reason code is named", () => {
  for (const code of REASON_CODES) expect(doc).toContain(`\`${code}\``);
});

test("the caller table lists every class, in the order they are tried", () => {
  const classes = tableRows(doc)
    .map((row) => row[0])
    .filter((cell) => CALLER_CLASSES.some((c) => cell === `\`${c}\``));
  expect(classes).toEqual(CALLER_CLASSES.map((c) => `\`${c}\``));
});

test("the sample denial is what the server answers today", async () => {
  const running = await start();
  try {
    const reply = await post(running, bodyOf({ from: Status.Active, to: Status.Waiting, channels: ["live-chat"] }));
    expect(fencedBlock(doc, "denial")).toBe(`${JSON.stringify(reply.json, null, 2)}\n`);
  } finally {
    await running.close();
  }
});

test("the package listing is the package's files", () => {
  const files = [...STATIC_FILES, BUNDLE, NOTICES, "host.json", "package.json"].sort();
  expect(fencedBlock(doc, "package")).toBe(`${files.join("\n")}\n`);
});
