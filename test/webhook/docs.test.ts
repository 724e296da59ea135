/** docs/webhook.md and --help stay true to the code: every setting and every code is documented. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REASON_CODES } from "../../plugins/lifecycle";
import { ERROR_CODES, WEBHOOK_ERRORS } from "../../plugins/webhook/errors";
import { SETTINGS, helpText } from "../../plugins/webhook/settings";
import { tableRows } from "../support/markdown";

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
