/** docs/webhook.md and --help stay true to the code: every setting and every code is documented. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REASON_CODES } from "../../plugins/lifecycle";
import { ERROR_CODES, WEBHOOK_ERRORS } from "../../plugins/webhook/errors";
import { SETTINGS, helpText } from "../../plugins/webhook/settings";

const doc = readFileSync(join(__dirname, "../../docs/webhook.md"), "utf8");

test("every setting is in the docs and in --help, with its default", () => {
  for (const s of SETTINGS) {
    expect(doc).toContain(`| \`${s.name}\` | ${s.default} |`);
    expect(helpText()).toContain(s.name);
  }
});

test("every webhook code is documented with its HTTP status, and no others", () => {
  for (const code of ERROR_CODES) expect(doc).toContain(`| \`${code}\` | ${WEBHOOK_ERRORS[code].status} |`);
  const documented = [...doc.matchAll(/^\| `([a-z-]+)` \| (\d{3}) \|/gm)].map((m) => m[1]);
  expect(documented.sort()).toEqual([...ERROR_CODES].sort());
});

test("every model reason code is named", () => {
  for (const code of REASON_CODES) expect(doc).toContain(`\`${code}\``);
});
