/**
 * Builds the workbench's browser code: workbench/host (the form, the PCF context and the Web API
 * over which the production control and the form script run) into out/workbench/host.js, and the
 * workbench page (workbench/page, which includes the host) into out/workbench/page.js. React,
 * ReactDOM and Fluent are the page's own globals, as on a model-driven page, so nothing of them is bundled.
 *
 *   npm run build:workbench
 */
import { build, type BuildOptions, type Plugin } from "esbuild";
import { join, relative } from "node:path";
import { projectRoot } from "../plugins/strings/resx";

export const ROOT = projectRoot();
export const HOST_ENTRY = join(ROOT, "workbench/host/index.ts");
export const HOST_OUTPUT = join(ROOT, "out/workbench/host.js");
export const PAGE_ENTRY = join(ROOT, "workbench/page/index.tsx");
export const PAGE_OUTPUT = join(ROOT, "out/workbench/page.js");

/** The globals the page provides: React 16 and ReactDOM from their UMD files, Fluent 9 from the platform library. */
const GLOBALS: Readonly<Record<string, string>> = {
  react: "React",
  "react-dom": "ReactDOM",
  "@fluentui/react-components": "FluentUIReactv940",
};

export const pageGlobals: Plugin = {
  name: "page-globals",
  setup(builder) {
    const filter = new RegExp(
      `^(${Object.keys(GLOBALS)
        .map((n) => n.replace(/[/@-]/g, "\\$&"))
        .join("|")})$`,
    );
    builder.onResolve({ filter }, (args) => ({ path: args.path, namespace: "page-global" }));
    builder.onLoad({ filter: /.*/, namespace: "page-global" }, (args) => ({
      contents: `module.exports = globalThis.${GLOBALS[args.path]};`,
      loader: "js",
    }));
  },
};

export async function buildWorkbench(): Promise<string[]> {
  const common: BuildOptions = {
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    plugins: [pageGlobals],
    logLevel: "warning",
  };
  await build({ ...common, entryPoints: [HOST_ENTRY], outfile: HOST_OUTPUT });
  await build({ ...common, entryPoints: [PAGE_ENTRY], outfile: PAGE_OUTPUT });
  return [HOST_OUTPUT, PAGE_OUTPUT];
}

if (require.main === module) {
  buildWorkbench().then(
    (files) => console.log(`[build:workbench] ${files.map((f) => relative(ROOT, f)).join(", ")}`),
    (error: unknown) => {
      console.error(`[build:workbench] Failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
