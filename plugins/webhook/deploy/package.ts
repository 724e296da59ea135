/**
 * `npm run package:webhook`: writes out/webhook/ and out/webhook.zip, the webhook as an admin deploys
 * it, with no repository beside it and nothing to install:
 *   webhook.js   one bundle (esbuild): pipeline, plain server, Functions registration, the English
 *                strings compiled in from the resx, and the production dependencies it uses
 *   server.js    `node server.js` runs the plain server (settings from the environment)
 *   functions.js the Azure Functions v4 entry, named by package.json "main"
 *   host.json, package.json, Dockerfile, THIRD-PARTY-NOTICES.txt
 * The same files go to Azure Functions (zip deploy) and to any container host (docs/webhook.md).
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { build, type Metafile, type Plugin } from "esbuild";
import { readTree, zipEntries } from "../../../solution/zip";
import { DEFAULT_LANGUAGE, loadStrings, projectRoot, resxPath } from "../../strings/resx";
import { ROUTE_PREFIX } from "../route";

export const DEPLOY_DIR = "plugins/webhook/deploy";
/** Copied as they are from DEPLOY_DIR. */
export const STATIC_FILES = ["server.js", "functions.js", "Dockerfile"] as const;
export const BUNDLE = "webhook.js";
export const FUNCTIONS_ENTRY = "functions.js";
export const NOTICES = "THIRD-PARTY-NOTICES.txt";
/**
 * What the package needs: the bundled packages' own engines (@azure/functions ">=20.0" is the
 * narrowest), not the repository's, whose dev tools need a later Node 20.
 */
export const PACKAGE_NODE_ENGINES = ">=20";
/** Provided by the Functions worker at run time, never by npm (Azure/azure-functions-nodejs-library#201). */
const FUNCTIONS_CORE = "@azure/functions-core";

export interface PackageOptions {
  /** Default out/webhook. Emptied first. */
  readonly outDir?: string;
  /** Default out/webhook.zip. */
  readonly zipPath?: string;
}

export interface PackageResult {
  readonly outDir: string;
  readonly zipPath: string;
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
  readonly zipBytes: number;
  /** npm packages bundled into webhook.js. */
  readonly bundled: readonly string[];
  /** Their engines.node, where they declare one. */
  readonly bundledEngines: Readonly<Record<string, string>>;
}

/** strings.ts as the package has it: the English resx strings as a table, one per line. */
export function compiledStringsModule(root: string = projectRoot()): string {
  const source = relative(root, resxPath(DEFAULT_LANGUAGE)).split(sep).join("/");
  return [
    `// Compiled by npm run package:webhook from ${source}, the one source of these strings: edit them there.`,
    `const ENGLISH: Readonly<Record<string, string>> = ${JSON.stringify(loadStrings(DEFAULT_LANGUAGE), null, 2)};`,
    "",
    "export function englishStrings(): Readonly<Record<string, string>> {",
    "  return ENGLISH;",
    "}",
    "",
  ].join("\n");
}

/** Swaps plugins/webhook/strings.ts (which reads the resx files at start-up) for the compiled table. */
function compiledStrings(root: string): Plugin {
  return {
    name: "compiled-strings",
    setup(context) {
      context.onLoad({ filter: /[\\/]plugins[\\/]webhook[\\/]strings\.ts$/ }, () => ({
        contents: compiledStringsModule(root),
        loader: "ts",
      }));
    },
  };
}

/** "node_modules/@azure/functions/dist/x.js" → the package's folder, for the notices. */
function packageDirs(metafile: Metafile, root: string): string[] {
  const dirs = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const parts = input.split("/");
    const at = parts.lastIndexOf("node_modules");
    if (at < 0) continue;
    const name = parts[at + 1].startsWith("@") ? parts.slice(at + 1, at + 3) : [parts[at + 1]];
    dirs.add(join(root, ...parts.slice(0, at + 1), ...name));
  }
  return [...dirs].sort();
}

function notices(dirs: readonly string[]): { text: string; names: string[]; engines: Record<string, string> } {
  const names: string[] = [];
  const engines: Record<string, string> = {};
  const sections = dirs.map((dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      name: string;
      version: string;
      license?: string;
      engines?: { node?: string };
    };
    names.push(`${manifest.name}@${manifest.version}`);
    if (manifest.engines?.node) engines[manifest.name] = manifest.engines.node;
    const licenseFile = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
    const text = licenseFile ? readFileSync(join(dir, licenseFile), "utf8").trim() : `License: ${manifest.license ?? "see the package"}`;
    return `== ${manifest.name} ${manifest.version} (${manifest.license ?? "unknown"}) ==\n\n${text}\n`;
  });
  return {
    text: ["Third-party software bundled in webhook.js, with the notices its authors ship.", "", ...sections].join("\n"),
    names,
    engines,
  };
}

export async function packageWebhook(options: PackageOptions = {}): Promise<PackageResult> {
  const root = projectRoot();
  const outDir = options.outDir ?? join(root, "out/webhook");
  const zipPath = options.zipPath ?? join(root, "out/webhook.zip");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, "plugins/webhook/bundle.ts")],
    outfile: join(outDir, BUNDLE),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    external: [FUNCTIONS_CORE],
    plugins: [compiledStrings(root)],
    // Readable: an admin reading a stack trace sees our function names and our comments' code.
    minify: false,
    charset: "utf8",
    legalComments: "none",
    metafile: true,
    logLevel: "silent",
  });
  if (result.warnings.length > 0)
    throw new Error(`esbuild warned while bundling the webhook:\n${result.warnings.map((w) => `  ${w.text}`).join("\n")}`);
  const inputs = Object.keys(result.metafile.inputs);
  const leaked = inputs.filter((input) => input.endsWith("plugins/strings/resx.ts") || input.includes("node_modules/xmlbuilder2/"));
  if (leaked.length > 0)
    throw new Error(`The bundle would read resx files at run time (${leaked.join(", ")}); the strings must be compiled in.`);

  for (const file of STATIC_FILES) copyFileSync(join(root, DEPLOY_DIR, file), join(outDir, file));
  const project = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    version: string;
    license: string;
    engines: { node: string };
  };
  const manifest = {
    name: "conversation-state-webhook",
    version: project.version,
    private: true,
    description: "Validates Omnichannel conversation status changes for Dataverse: Azure Functions (main) or node server.js.",
    license: project.license,
    main: FUNCTIONS_ENTRY,
    scripts: { start: "node server.js" },
    engines: { node: PACKAGE_NODE_ENGINES },
    // Everything it runs is bundled into webhook.js: nothing to install.
    dependencies: {},
  };
  writeFileSync(join(outDir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  // https://learn.microsoft.com/azure/azure-functions/functions-host-json: version 2.0 for the v4 runtime; the
  // route prefix the plain server's VALIDATE_PATH assumes.
  const host = { version: "2.0", extensions: { http: { routePrefix: ROUTE_PREFIX } }, logging: { logLevel: { default: "Information" } } };
  writeFileSync(join(outDir, "host.json"), `${JSON.stringify(host, null, 2)}\n`);
  const { text, names, engines } = notices(packageDirs(result.metafile, root));
  writeFileSync(join(outDir, NOTICES), text);

  const entries = readTree(outDir);
  const zip = zipEntries(entries);
  mkdirSync(dirname(zipPath), { recursive: true });
  writeFileSync(zipPath, zip);
  const files = [...entries.keys()].sort().map((path) => ({ path, bytes: statSync(join(outDir, path)).size }));
  return { outDir, zipPath, files, zipBytes: zip.length, bundled: names, bundledEngines: engines };
}

async function main(): Promise<void> {
  const result = await packageWebhook();
  const root = projectRoot();
  const width = Math.max(...result.files.map((f) => f.path.length));
  process.stdout.write(`webhook package: ${relative(root, result.outDir)}/\n`);
  for (const file of result.files) process.stdout.write(`  ${file.path.padEnd(width)}  ${file.bytes.toLocaleString("en").padStart(9)} B\n`);
  const total = result.files.reduce((n, f) => n + f.bytes, 0);
  process.stdout.write(
    `  ${result.files.length} files, ${total.toLocaleString("en")} B; ${relative(root, result.zipPath)} ${result.zipBytes.toLocaleString("en")} B\n` +
      `  bundled: ${result.bundled.join(", ")}\n`,
  );
}

if (require.main === module)
  main().catch((error: unknown) => {
    process.stderr.write(`package:webhook failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
