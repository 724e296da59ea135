/**
 * docs/control.md's size budgets stay true to the bundles: its measured sizes, its "met / not met (+N B)"
 * and its table of bytes by area are checked against a fresh build of both bundles (bench/bundle-composition.ts,
 * which builds the control with pcf-scripts' own webpack configuration). Times in the doc are not checked:
 * they depend on the machine. When it fails after a change to the control or the form script, run
 * `npm run bench:control -- --docs`: it rewrites the section from a real run.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { controlComposition, formComposition, type Composition } from "../../bench/bundle-composition";
import { sizeStatus } from "../../bench/budgetsDoc";

const doc = readFileSync(join(__dirname, "../../docs/control.md"), "utf8");
const budgets = doc.slice(doc.indexOf("### Budgets"));
const bytes = (cell: string): number => Number(/([\d,]+) B/.exec(cell)?.[1].replace(/,/g, "") ?? NaN);

/** The cells of the table row whose first cell is `first`. */
function row(first: string): string[] {
  const line = budgets.split("\n").find((l) => l.startsWith("|") && l.split("|")[1].trim() === first);
  if (!line) throw new Error(`docs/control.md's budgets have no row "${first}"`);
  return line
    .split("|")
    .slice(1, -1)
    .map((cell) => cell.trim());
}
function areaRow(bundle: string, area: string): string[] {
  const line = budgets.split("\n").find((l) => {
    const cells = l.split("|").map((c) => c.trim());
    return cells[1] === bundle && cells[2].replace(/`/g, "") === area;
  });
  if (!line) throw new Error(`docs/control.md's bytes by area have no row "${bundle} | ${area}"`);
  return line
    .split("|")
    .slice(1, -1)
    .map((cell) => cell.trim());
}

let control: Composition;
let form: Composition;
beforeAll(async () => {
  control = await controlComposition();
  form = await formComposition();
}, 300_000);

test.each([
  ["production `bundle.js`, gzipped", () => control.gzip],
  ["production `bundle.js`, raw", () => control.raw],
  ["form script, minified", () => form.raw],
  ["form script, gzipped (build check)", () => form.gzip],
])("%s: the measured size and whether it meets its budget (npm run bench:control -- --docs rewrites them)", (name, measured) => {
  const [, budget, shown, status] = row(name);
  expect(bytes(shown)).toBe(measured());
  expect(status).toBe(sizeStatus(measured(), bytes(budget)));
});

test("the bytes by area are the build's (npm run bench:control -- --docs rewrites them)", () => {
  for (const [bundle, composition] of [
    ["control", control],
    ["form script", form],
  ] as const) {
    for (const area of composition.areas) {
      const [, , raw, gz] = areaRow(bundle, area.source);
      expect([bundle, area.source, bytes(`${raw} B`), bytes(`${gz} B`)]).toEqual([bundle, area.source, area.raw, area.gzIfRemoved]);
    }
  }
});
