#!/usr/bin/env node
"use strict";
// The CLI is TypeScript compiled to dist/ by `npm ci` (the prepare script) or `npm run build`.
let cli;
try {
  cli = require("../dist/plugins/cli.js");
} catch (error) {
  if (error && error.code === "MODULE_NOT_FOUND") {
    process.stderr.write("conversation-state: dist/ is missing. Run `npm ci` or `npm run build` in the project first.\n");
    process.exit(2);
  }
  throw error;
}
// check and table answer at once; history and stuck talk to Dataverse and answer with a promise.
Promise.resolve(cli.main(process.argv.slice(2), process.stdout, process.stderr)).then((code) => {
  process.exitCode = code;
});
