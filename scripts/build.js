#!/usr/bin/env node
/**
 * `npm run build`: every build step in order, timed, stopping at the first failure with a clear
 * message. The steps' commands are read from package.json (build:node, build:control, build:form,
 * build:solution), so each stays runnable alone; they run through sh like npm does, without npm's
 * own start-up cost. Plain JavaScript because it runs before tsc has compiled anything.
 */
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const { performance } = require("node:perf_hooks");

const root = path.resolve(__dirname, "..");
const BUDGET_MS = 20000;
const STEPS = [
  ["build:node", "compile Node code (tsc)"],
  ["compile:lifecycle", "compile the lifecycle table for browser bundles, and docs/lifecycle.md"],
  ["build:control", "PCF control (pcf-scripts, production)"],
  ["build:form", "form script (esbuild)"],
  ["build:workbench", "workbench browser code (esbuild)"],
  ["build:solution", "solution zips"],
];

const scripts = require(path.join(root, "package.json")).scripts || {};
const env = { ...process.env, PATH: `${path.join(root, "node_modules/.bin")}${path.delimiter}${process.env.PATH}` };
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const started = performance.now();
const timings = [];

for (const [index, [name, what]] of STEPS.entries()) {
  const command = scripts[name];
  if (!command) {
    console.error(`\n[build] FAILED: package.json has no "${name}" script. Restore it (see docs/solution.md).`);
    process.exit(1);
  }
  console.log(`\n[build] ${index + 1}/${STEPS.length} ${name}: ${what}`);
  const stepStarted = performance.now();
  const run = spawnSync("sh", ["-c", command], { cwd: root, env, stdio: "inherit" });
  const ms = performance.now() - stepStarted;
  timings.push([name, ms]);
  if (run.error || run.status !== 0) {
    const why = run.error ? run.error.message : run.signal ? `killed by ${run.signal}` : `exit code ${run.status}`;
    console.error(
      `\n[build] FAILED at ${name} (${why}) after ${seconds(ms)}. The step's own messages are above; run \`npm run ${name}\` to repeat just that step.`,
    );
    process.exit(1);
  }
}

const total = performance.now() - started;
const width = Math.max(...STEPS.map(([name]) => name.length));
console.log("\n[build] Done:");
for (const [name, ms] of timings) console.log(`  ${name.padEnd(width)} ${seconds(ms).padStart(8)}`);
console.log(
  `  ${"total".padEnd(width)} ${seconds(total).padStart(8)} (${total <= BUDGET_MS ? "within" : "OVER"} the ${seconds(BUDGET_MS)} budget)`,
);
