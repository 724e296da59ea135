#!/usr/bin/env node
"use strict";
// The plain server: `node server.js`, settings from the environment (`node server.js --help` lists them).
require("./webhook.js").serve();
