/**
 * Builds the form script web resource: plugins/form bundled by esbuild into ONE minified IIFE,
 * out/webresources/conversationstate.form.js. It embeds no text: the solution ships every
 * components/ConversationState/strings/*.resx as a RESX web resource the script reads at run time,
 * so the build checks each of them has every key the script can show.
 * Refuses to write a bundle that uses eval / new Function or is over its 12 KB budget (gzipped, as the
 * project measures every size budget; the minified size is printed beside it).
 *
 *   npm run build:form           build, print the size and the bytes per source
 *   npm run build:form -- --help
 */
import { build, type BuildOptions, type Metafile } from "esbuild";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join, relative } from "node:path";
import { missingKeys } from "../plugins/form/formKeys";
import { availableLanguages, DEFAULT_LANGUAGE, parseResx, projectRoot, resxPath, STRINGS_DIR } from "../plugins/strings/resx";

export const ROOT = projectRoot();
export const ENTRY = join(ROOT, "plugins/form/index.ts");
export const OUTPUT = join(ROOT, "out/webresources/conversationstate.form.js");
/** The web resource's budget: at most 12 KB, gzipped (issue 11; size budgets are gzipped sizes). */
export const BUDGET_BYTES = 12 * 1024;

/** A file's size as the browser downloads it from Dataverse: gzipped. */
export const gzippedBytes = (code: string): number => gzipSync(Buffer.from(code, "utf8"), { level: 9 }).length;
/**
 * Model-driven apps run in current Edge, Chrome, Firefox and Safari and in the mobile apps' web views
 * (all ES2020 and later); ES2020 keeps esbuild from adding helpers for spread, `?.` and `??`.
 */
export const TARGET = "es2020";

/** esbuild's options for the web resource; bench/bundle-composition.ts builds with the same ones. */
export const FORM_BUILD_OPTIONS = {
  entryPoints: [ENTRY],
  bundle: true,
  // plugins/form/index.ts assigns the global itself: no globalName, so no module-export helpers.
  format: "iife",
  platform: "browser",
  target: TARGET,
  minify: true,
  legalComments: "none",
  write: false,
  logLevel: "silent",
} as const satisfies BuildOptions;

/**
 * The languages the solution ships as RESX web resources, each checked to have every key the form can
 * show: a missing one would reach the agent in the base language or as the plain-English fallback.
 */
export function checkedLanguages(dir: string = STRINGS_DIR): number[] {
  const languages = availableLanguages(dir);
  if (!languages.includes(DEFAULT_LANGUAGE))
    throw new Error(
      `${relative(ROOT, resxPath(DEFAULT_LANGUAGE, dir))} is missing: English must ship (the control and English organisations fall back to it).`,
    );
  for (const lcid of languages) {
    const missing = missingKeys(parseResx(readFileSync(resxPath(lcid, dir), "utf8")));
    if (missing.length > 0)
      throw new Error(`${relative(ROOT, resxPath(lcid, dir))} lacks ${missing.join(", ")}, which the form script can show: add them.`);
  }
  return languages;
}

export interface FormBuild {
  readonly file: string;
  /** Minified size. */
  readonly bytes: number;
  /** Minified and gzipped: the budgeted size. */
  readonly gzipped: number;
  /** The LCIDs of the resx files checked (the solution ships them as RESX web resources). */
  readonly languages: readonly number[];
  /** Bytes of minified output per source, largest first (esbuild's metafile). */
  readonly parts: readonly { readonly source: string; readonly bytes: number }[];
}

/** Model-driven apps may run under a content security policy without 'unsafe-eval'. */
export function usesEval(code: string): boolean {
  return /\beval\s*\(|new\s+Function\b/.test(code);
}

export function formatParts(parts: FormBuild["parts"]): string {
  return parts.map((part) => `  ${String(part.bytes).padStart(6)}  ${part.source}`).join("\n");
}

/** Writes the bundle to `output`; throws (and removes any older file there) when it breaks a rule. */
export async function buildForm(output: string = OUTPUT, budget: number = BUDGET_BYTES): Promise<FormBuild> {
  const languages = checkedLanguages();
  const result = await build({ ...FORM_BUILD_OPTIONS, metafile: true });
  const code = result.outputFiles[0].text;
  const bytes = Buffer.byteLength(code, "utf8");
  const gzipped = gzippedBytes(code);
  const parts = partsOf(result.metafile);
  // A file that breaks a rule must not be packaged by mistake: no older file stays behind either.
  rmSync(output, { force: true });
  if (usesEval(code)) throw new Error("the bundle calls eval or new Function, which a web resource must not; it was not written.");
  if (gzipped > budget) {
    throw new Error(
      `the bundle is ${gzipped} bytes gzipped (${bytes} minified), over the ${budget}-byte budget; it was not written. Bytes per source:\n${formatParts(parts)}`,
    );
  }
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, code, "utf8");
  return { file: output, bytes, gzipped, languages, parts };
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
      `Usage: npm run build:form\n\nBundles plugins/form into ${relative(ROOT, OUTPUT)} (esbuild, IIFE, ${TARGET}, minified),\n` +
        `after checking every ${relative(ROOT, STRINGS_DIR)}/*.resx has each key the script can show\n` +
        `(the solution ships them as RESX web resources; the script reads them with Xrm.Utility.getResourceString).\n` +
        `Fails (exit 1, nothing written) when the bundle would contain eval / new Function or exceed ${BUDGET_BYTES} bytes gzipped.`,
    );
    return 0;
  }
  try {
    const built = await buildForm();
    console.log(
      `[build:form] ${relative(ROOT, built.file)}: ${built.bytes} bytes minified, ${built.gzipped} gzipped (budget ${BUDGET_BYTES} gzipped); resx checked: ${built.languages.join(", ")}`,
    );
    console.log(formatParts(built.parts));
    return 0;
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
