/** docs/workbench.md stays true to the code: the CLI's --help and the error table. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ERRORS } from "../../workbench/dataverse";
import { HELP } from "../../workbench/dataverse/cli";
import { fencedBlock, tableRows } from "../support/markdown";

const doc = readFileSync(join(__dirname, "../../docs/workbench.md"), "utf8");

test("the --help block is the CLI's help, word for word", () => {
  expect(fencedBlock(doc, "dataverse-help")).toBe(HELP);
});

test("every error of the one error table is in the docs with its status, code and source, and nothing else is", () => {
  const names = Object.keys(ERRORS);
  const rows = tableRows(doc).filter((row) => names.includes(row[0]));
  expect(rows.map((row) => row[0])).toEqual(names);
  for (const [name, status, code, source] of rows) {
    const error = ERRORS[name as keyof typeof ERRORS];
    expect([name, Number(status), code.replace(/`/g, ""), source]).toEqual([name, error.status, error.code, error.source]);
  }
});

test("every error message that is not the workbench's own names where it comes from", () => {
  for (const error of Object.values(ERRORS)) expect(error.reference.length).toBeGreaterThan(10);
});
