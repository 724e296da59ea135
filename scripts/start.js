#!/usr/bin/env node
/**
 * npm start: builds what is missing (the Node code, the control, the form script, the workbench page),
 * then runs the workbench (dist/workbench/start.js): the local Dataverse, the webhook and the page.
 * Plain JavaScript because it runs before anything is compiled. Arguments go to the workbench
 * (npm start -- --port 8090 --reset; --help lists them).
 */
const { spawn, spawnSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const OUTPUTS = [
  "dist/workbench/start.js",
  "out/controls/bundle.js",
  "out/webresources/conversationstate.form.js",
  "out/workbench/page.js",
];

const missing = OUTPUTS.filter((file) => !existsSync(path.join(root, file)));
if (missing.length > 0) {
  console.log(`[start] building (missing: ${missing.join(", ")})`);
  const build = spawnSync(process.execPath, [path.join(__dirname, "build.js")], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const workbench = spawn(process.execPath, [path.join(root, "dist/workbench/start.js"), ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
// Ctrl-C reaches the whole process group; forward a plain SIGTERM too, and leave with the workbench.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => workbench.kill(signal));
workbench.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
