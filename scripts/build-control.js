#!/usr/bin/env node
/**
 * Builds the PCF control for production into out/controls/. pcf-scripts exits 0 even when the build
 * fails (it prints "[build] Failed"), so this script reads the output and fails for it.
 * Usage: node scripts/build-control.js [--buildMode development]
 */
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const mode = process.argv.includes("--buildMode") ? process.argv[process.argv.indexOf("--buildMode") + 1] : "production";
// PCF_SCRIPTS_BIN lets the tests stand in a pcf-scripts that fails the way the real one does.
const bin = process.env.PCF_SCRIPTS_BIN || require.resolve("pcf-scripts/bin/pcf-scripts.js", { paths: [root] });

function build() {
  const run = spawnSync(process.execPath, [bin, "build", "--buildMode", mode], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
  process.stdout.write(output);
  if (run.error) return `could not run pcf-scripts: ${run.error.message}`;
  if (run.status !== 0) return `pcf-scripts exited with code ${run.status}`;
  if (output.includes("[build] Failed")) return 'pcf-scripts printed "[build] Failed" (see the errors above)';
  return null;
}

const failure = build();
if (failure) {
  console.error(`\n[build-control] FAILED: ${failure}. Fix the errors above and run \`npm run build:control\` again.`);
  process.exit(1);
}
console.log(`[build-control] OK: ${path.relative(root, path.join(root, "out/controls"))} (${mode})`);
