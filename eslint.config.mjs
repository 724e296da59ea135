// ESLint 9 flat config: TypeScript rules everywhere, Power Apps checker rules on browser code.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import powerApps from "@microsoft/eslint-plugin-power-apps";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "out/", "generated/", "coverage/", "test-results/", "obj/", "bin/**/*.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["components/**/*.{ts,tsx}", "plugins/lifecycle/**/*.ts", "plugins/form/**/*.ts"],
    plugins: { "@microsoft/power-apps": powerApps },
    rules: {
      "@microsoft/power-apps/avoid-2011-api": "error",
      "@microsoft/power-apps/avoid-browser-specific-api": "error",
      "@microsoft/power-apps/avoid-crm2011-service-odata": "error",
      "@microsoft/power-apps/avoid-crm2011-service-soap": "error",
      "@microsoft/power-apps/avoid-dom-form-event": "error",
      "@microsoft/power-apps/avoid-dom-form": "error",
      "@microsoft/power-apps/avoid-isactivitytype": "error",
      "@microsoft/power-apps/avoid-modals": "error",
      "@microsoft/power-apps/avoid-ui-refreshribbon": "error",
      "@microsoft/power-apps/avoid-unpub-api": "error",
      "@microsoft/power-apps/avoid-window-top": "error",
      "@microsoft/power-apps/do-not-make-parent-assumption": "error",
      "@microsoft/power-apps/use-async": "error",
      "@microsoft/power-apps/use-cached-webresource": "error",
      "@microsoft/power-apps/use-client-context": "error",
      "@microsoft/power-apps/use-global-context": "error",
      "@microsoft/power-apps/use-navigation-api": "error",
      "@microsoft/power-apps/use-offline": "error",
      "@microsoft/power-apps/use-org-setting": "error",
      "@microsoft/power-apps/use-relative-uri": "error",
      "@microsoft/power-apps/use-utility-dialogs": "error",
    },
  },
  {
    // Browser bundles (the control, the form script) read the lifecycle through its browser modules:
    // the model's index also carries the Node-side parts (names, provenance, the full verdict table).
    files: ["components/**/*.{ts,tsx}", "plugins/form/**/*.ts", "plugins/events/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "(^|/)plugins/lifecycle(/index)?$|^\\.\\./lifecycle(/index)?$",
              message:
                "Browser code imports lifecycle modules directly (plugins/lifecycle/agent, statuses, format…), not the Node-side model index.",
            },
            {
              group: ["node:*", "fs", "path", "fastify", "@azure/*", "xmlbuilder2"],
              message: "Browser code has no Node built-ins or server libraries.",
            },
          ],
        },
      ],
    },
  },
  {
    // The model is pure: no Node built-ins, no platform SDKs.
    files: ["plugins/lifecycle/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["node:*", "fs", "path", "http", "fastify", "react", "@fluentui/*", "@azure/*", "xmlbuilder2", "../*"] },
      ],
      "no-restricted-globals": ["error", "process", "window", "document", "Xrm", "fetch", "require"],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { module: "writable", require: "readonly", process: "readonly", __dirname: "readonly", console: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["test/**/*.{ts,tsx}", "bench/**/*.ts", "scripts/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
