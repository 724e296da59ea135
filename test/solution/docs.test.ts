/**
 * docs/solution.md stays true to the code: its samples are what the real build and unpack give
 * today (run `npm run docs:solution` after a change), and it explains every command and option.
 * Needs `npm run build` first (npm test builds before running jest).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HELP } from "../../solution/cli";
import { docSamples } from "../../solution/docSamples";
import { fencedBlock } from "../support/markdown";
import { ROOT } from "./helpers";

const doc = readFileSync(join(ROOT, "docs/solution.md"), "utf8");
const samples = docSamples(ROOT);
/** The pack time is the one figure that changes from run to run. */
const maskTime = (text: string | null) => text?.replace(/Pack: \d+\.\d{3} s \((within|OVER)/, "Pack: <time> s (within") ?? null;

test("the build summary in the docs is what the real build prints today (npm run docs:solution regenerates it)", () => {
  expect(maskTime(fencedBlock(doc, "build-summary"))).toBe(maskTime(samples["build-summary"]));
});

test("the unpacked file list in the docs is what unpacking the real zip writes today", () => {
  expect(fencedBlock(doc, "unpacked-tree")).toBe(samples["unpacked-tree"]);
});

test("every command and option of --help is explained in the docs", () => {
  for (const command of ["solution:unpack", "solution:pack", "release -- patch", "build:solution", "--layout zip"])
    expect(doc).toContain(command);
  expect(HELP).toContain("--layout <name>");
});

test("the maker-portal steps end with Publish all customizations, and the Microsoft pages relied on are named", () => {
  const portal = doc.slice(doc.indexOf("**Maker portal**"), doc.indexOf("Then bind the parts"));
  expect(portal).toContain("**Publish all customizations**");
  for (const page of [
    "SolutionPackager tool",
    "Solution component file reference (SolutionPackager)",
    "Code components application lifecycle management",
    "Create solutions that support multiple languages",
    "Solution concepts",
    "Import solutions",
    "Microsoft Power Platform CLI solution command",
  ])
    expect(doc).toContain(`_${page}_`);
});
