#!/usr/bin/env node
/**
 * npm run harness: builds the control, then serves it alone in the pcf-start harness (http://localhost:8181,
 * or the next free port). pcf-start always tries to open a browser; on a headless machine it logs
 * "Couldn't open browser" and keeps serving. Stop it with Ctrl+C.
 */
const { spawn, spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const build = spawnSync(process.execPath, [path.join(__dirname, "build-control.js")], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const harness = require.resolve("pcf-start/bin/pcf-start.js", { paths: [root] });
// The manifest sits at the project root, so the built control is out/controls itself.
const child = spawn(process.execPath, [harness, "--codePath", path.join(root, "out/controls"), ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
