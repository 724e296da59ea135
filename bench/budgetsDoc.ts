/**
 * The control's budgets (issue 11) and the "Budgets" section of docs/control.md written from a real
 * run of `npm run bench:control -- --docs`, so the figures there cannot drift by hand. Sizes are also
 * checked by test/bench/budgets-doc.test.ts against a fresh build; times are the run's own.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Composition } from "./bundle-composition";
import { BUDGET_BYTES as FORM_BUILD_CHECK } from "../scripts/build-form";

export const BUDGET = { bundleGzip: 6 * 1024, bundleRaw: 20 * 1024, paintMs: 100, rerenderMs: 2, formMinified: 12 * 1024 };

export const DOC = "docs/control.md";
const HEADING = "### Budgets";

export interface Measured {
  readonly date: string;
  readonly chromium: string;
  readonly paintMs: number;
  readonly loads: number;
  readonly rerenderMs: number;
  readonly control: Composition;
  readonly form: Composition;
}

const n = (value: number): string => value.toLocaleString("en-US");
const kb = (bytes: number): string => `${n(bytes)} B (${bytes / 1024} KB)`;
/** "met", or "**not met** (+N B)" with how far over. */
export const sizeStatus = (measured: number, budget: number): string =>
  measured <= budget ? "met" : `**not met** (+${n(measured - budget)} B)`;
const timeStatus = (measured: number, budget: number): string => (measured <= budget ? "met" : "**not met**");

function table(header: readonly string[], rows: readonly (readonly string[])[], right: readonly number[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (right.includes(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ")} |`;
  const rule = `| ${widths.map((w, i) => (right.includes(i) ? `${"-".repeat(w - 1)}:` : "-".repeat(w))).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/** The section, heading included. */
export function budgetsSection(m: Measured): string {
  const budgets = table(
    ["What", "Budget", "Measured", "Status"],
    [
      [
        "production `bundle.js`, gzipped",
        `≤ ${kb(BUDGET.bundleGzip)}`,
        `${n(m.control.gzip)} B`,
        sizeStatus(m.control.gzip, BUDGET.bundleGzip),
      ],
      ["production `bundle.js`, raw", `≤ ${kb(BUDGET.bundleRaw)}`, `${n(m.control.raw)} B`, sizeStatus(m.control.raw, BUDGET.bundleRaw)],
      [
        "paint after the bundle loads",
        `≤ ${BUDGET.paintMs} ms`,
        `${m.paintMs.toFixed(1)} ms median of ${m.loads} loads, record read included`,
        timeStatus(m.paintMs, BUDGET.paintMs),
      ],
      [
        "re-render after `updateView`",
        `≤ ${BUDGET.rerenderMs} ms median`,
        `${m.rerenderMs.toFixed(3)} ms`,
        timeStatus(m.rerenderMs, BUDGET.rerenderMs),
      ],
      ["form script, minified", `≤ ${kb(BUDGET.formMinified)}`, `${n(m.form.raw)} B`, sizeStatus(m.form.raw, BUDGET.formMinified)],
      ["form script, gzipped (build check)", `≤ ${kb(FORM_BUILD_CHECK)}`, `${n(m.form.gzip)} B`, sizeStatus(m.form.gzip, FORM_BUILD_CHECK)],
    ],
  );
  const areas = table(
    ["Bundle", "Area", "raw B", "gz B"],
    [
      ...m.control.areas.map((a) => ["control", a.source.startsWith("(") ? a.source : `\`${a.source}\``, n(a.raw), n(a.gzIfRemoved)]),
      ...m.form.areas.map((a) => ["form script", a.source.startsWith("(") ? a.source : `\`${a.source}\``, n(a.raw), n(a.gzIfRemoved)]),
    ],
    [2, 3],
  );
  const agentTableOf = (c: Composition) => c.parts.find((p) => p.source.endsWith("agentTable.generated.ts"));
  const controlTable = agentTableOf(m.control);
  const formTable = agentTableOf(m.form);
  return `${HEADING}

<!-- Written by \`npm run bench:control -- --docs\` from a real run. Do not edit by hand. -->

Issue 11 sets them; \`npm run bench:control -- --docs\` measured these on ${m.date} in headless Chromium
${m.chromium}. Times vary with the machine and its load; sizes do not, and \`test/bench/budgets-doc.test.ts\`
checks the sizes here against a fresh build.

${budgets}

The issue asks for the form script at 12 KB _minified_; \`scripts/build-form.ts\` holds it to 12 KB _gzipped_
until the minified budget is met. Both bundles already target the browsers model-driven apps support
(Microsoft's _System requirements, limits, and configuration values for Power Apps_: current Edge, Chrome,
Firefox and Safari): \`pcfconfig.json\` gives babel Chrome and Edge 111, Firefox 111 and Safari 16.4, and the
form script is built for ES2020, so neither carries down-levelled spread, \`?.\` or \`??\`.

Where the bytes go, by area (\`npm run bench:composition\` prints every module; "gz" is what the gzipped bundle
loses without the area):

${areas}
${
  controlTable && formTable
    ? `
The lifecycle model's generated agent table is the largest single module of both (${n(controlTable.raw)} B raw in
the control, ${n(formTable.raw)} B in the form script) but, being repetitive data, costs little gzipped
(${n(controlTable.gzIfRemoved)} B and ${n(formTable.gzIfRemoved)} B).
`
    : ""
}`;
}

/** Replaces the section in docs/control.md (it runs to the next heading of its level or higher, or the end). */
export function writeBudgets(path: string, section: string): void {
  const doc = readFileSync(path, "utf8");
  const start = doc.indexOf(`\n${HEADING}\n`);
  if (start < 0) throw new Error(`${path} has no "${HEADING}" section to write.`);
  const next = doc.slice(start + HEADING.length + 2).search(/\n#{1,3} /);
  const end = next < 0 ? doc.length : start + HEADING.length + 2 + next;
  writeFileSync(path, `${doc.slice(0, start + 1)}${section.trimEnd()}\n${doc.slice(end)}`);
}
