/**
 * Builds the form script web resource: plugins/form bundled by esbuild into ONE minified IIFE,
 * out/webresources/conversationstate.form.js, with every shipped language's strings embedded from
 * the resx files. Refuses to write a bundle that uses eval / new Function; a bundle over the size
 * budget is written (other parts package it) but reported, and fails with --strict.
 *
 *   npm run build:form                 build, print the size and the bytes per source
 *   npm run build:form -- --strict     also fail (exit 1) when over budget
 *   npm run build:form -- --help
 */
import { build, type Metafile, type Plugin } from "esbuild";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { stringTable } from "../plugins/form/stringTable";
import type { StringTable } from "../plugins/form/strings";
import { availableLanguages, parseResx, projectRoot, resxPath, STRINGS_DIR } from "../plugins/strings/resx";

export const ROOT = projectRoot();
export const ENTRY = join(ROOT, "plugins/form/index.ts");
export const OUTPUT = join(ROOT, "out/webresources/conversationstate.form.js");
/** Issue 5: the minified web resource is at most 10 KB. */
export const BUDGET_BYTES = 10 * 1024;
/** Model-driven apps run in current Edge, Chrome, Firefox, Safari and the mobile apps' web views. */
export const TARGET = "es2017";
const VIRTUAL = "ocs:form-strings";

/** Every shipped language, read from the resx file names, reduced to the keys the form shows. */
export function formStringTable(dir: string = STRINGS_DIR): StringTable {
  const resx: Record<number, Record<string, string>> = {};
  for (const lcid of availableLanguages(dir)) resx[lcid] = parseResx(readFileSync(resxPath(lcid, dir), "utf8"));
  return stringTable(resx);
}

function stringsPlugin(table: StringTable): Plugin {
  return {
    name: "form-strings",
    setup(b) {
      b.onResolve({ filter: /^ocs:form-strings$/ }, (args) => ({ path: args.path, namespace: VIRTUAL }));
      b.onLoad({ filter: /.*/, namespace: VIRTUAL }, () => ({ contents: `export const table = ${JSON.stringify(table)};`, loader: "js" }));
    },
  };
}

export interface FormBuild {
  readonly file: string;
  readonly bytes: number;
  readonly overBudget: boolean;
  readonly languages: readonly string[];
  readonly keys: number;
  /** Bytes of minified output per source, largest first (esbuild's metafile). */
  readonly parts: readonly { readonly source: string; readonly bytes: number }[];
}

/** Model-driven apps may run under a content security policy without 'unsafe-eval'. */
export function usesEval(code: string): boolean {
  return /\beval\s*\(|new\s+Function\b/.test(code);
}

export async function buildForm(output: string = OUTPUT): Promise<FormBuild> {
  const table = formStringTable();
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: "iife",
    globalName: "ConversationState",
    platform: "browser",
    target: TARGET,
    minify: true,
    // UTF-8 keeps Arabic at 2 bytes a letter instead of a 6-byte \u escape.
    charset: "utf8",
    legalComments: "none",
    metafile: true,
    write: false,
    logLevel: "silent",
    plugins: [stringsPlugin(table)],
  });
  const code = result.outputFiles[0].text;
  if (usesEval(code)) throw new Error("the bundle calls eval or new Function, which a web resource must not; it was not written.");
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, code, "utf8");
  const bytes = Buffer.byteLength(code, "utf8");
  return { file: output, bytes, overBudget: bytes > BUDGET_BYTES, languages: Object.keys(table.languages), keys: table.keys.length, parts: partsOf(result.metafile) };
}

function partsOf(metafile: Metafile): FormBuild["parts"] {
  const inputs = Object.values(metafile.outputs)[0]?.inputs ?? {};
  return Object.entries(inputs)
    .map(([source, { bytesInOutput }]) => ({ source, bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(
      `Usage: npm run build:form [-- --strict]\n\nBundles plugins/form into ${relative(ROOT, OUTPUT)} (esbuild, IIFE, ${TARGET}, minified),\n` +
        `with the strings of every components/ConversationState/strings/*.resx embedded.\n` +
        `Fails when the bundle would contain eval / new Function. Over ${BUDGET_BYTES} bytes it warns (--strict: fails).`,
    );
    return 0;
  }
  try {
    const built = await buildForm();
    console.log(`[build:form] ${relative(ROOT, built.file)}: ${built.bytes} bytes (budget ${BUDGET_BYTES}), ${built.keys} strings × languages ${built.languages.join(", ")}`);
    for (const part of built.parts) console.log(`  ${String(part.bytes).padStart(6)}  ${part.source}`);
    if (!built.overBudget) return 0;
    console.error(`[build:form] Over budget: ${built.bytes} bytes > ${BUDGET_BYTES}. The bytes per source above show where it goes.`);
    return argv.includes("--strict") ? 1 : 0;
  } catch (error) {
    console.error(`[build:form] Failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
