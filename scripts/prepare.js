#!/usr/bin/env node
/**
 * npm's `prepare` hook (runs after `npm ci`): compiles the Node code to dist/ with tsc, a dev tool.
 * `npm ci --omit=dev` installs no tsc, and an install that only needs the production dependencies
 * must not fail for it: then this says so and does nothing. Plain JavaScript: it runs before
 * anything is compiled.
 */
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
let tsc;
try {
  tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
} catch {
  console.log(
    "prepare: TypeScript is not installed (npm ci --omit=dev?), so dist/ is not built. Run `npm ci` and `npm run build:node` to build it.",
  );
  process.exit(0);
}
const run = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.node.json")], { cwd: root, stdio: "inherit" });
process.exit(run.status ?? 1);
