"use strict";
// The Azure Functions (Node, programming model v4) entry named by package.json "main": registers the
// validate-status-change function. Settings come from the function app's application settings.
require("./webhook.js").registerFunctions();
