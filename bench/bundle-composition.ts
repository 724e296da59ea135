/**
 * What the browser bundles are made of (run: npm run bench:composition): bytes per source module in
 *   - the control's production bundle.js, built with pcf-scripts' own webpack configuration (the same
 *     loaders, babel targets from pcfconfig.json and platform-library externals as `npm run build:control`)
 *     plus a source map, so the code measured is byte for byte the code shipped; the registration stub
 *     pcf-scripts appends is counted as its own row;
 *   - the form script, built with scripts/build-form.ts's esbuild options plus a source map.
 * Each output byte belongs to the source its source-map segment points at. "gz if removed" is the gzipped
 * size of the whole bundle minus its gzipped size without that module's bytes: what the module costs
 * where the budget is counted. Prints figures; it is not a test.
 *
 *   npm run bench:composition            both bundles
 *   npm run bench:composition -- --json  the same figures as JSON
 */
import { build } from "esbuild";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { eachMapping, TraceMap, type EncodedSourceMap } from "@jridgewell/trace-mapping";
import { webpack, type Configuration } from "webpack";
import { FORM_BUILD_OPTIONS, OUTPUT as FORM_OUTPUT, ROOT } from "../scripts/build-form";

/** Output bytes with no source behind them: the bundler's runtime and wrapper. */
const BUNDLER = "(bundler runtime and wrapper)";
const STUB = "(pcf-scripts registration stub)";

export interface Part {
  readonly source: string;
  readonly raw: number;
  /** Gzipped bytes the bundle would lose without this part's output. */
  readonly gzIfRemoved: number;
}
export interface Composition {
  readonly bundle: string;
  readonly raw: number;
  readonly gzip: number;
  /** One row per source module, largest first. */
  readonly parts: readonly Part[];
  /** The same bytes by area: a folder of the repository, or the bundler's own code. */
  readonly areas: readonly Part[];
}

/** A piece of output and the source that produced it, in output order. */
export interface Piece {
  readonly source: string;
  readonly text: string;
}

const gz = (text: string): number => gzipSync(Buffer.from(text, "utf8"), { level: 9 }).length;
const joined = (pieces: readonly Piece[]): string => pieces.map((p) => p.text).join("");

/** Names a source-map source by its path in the repository (webpack prefixes webpack://<library>/). */
function sourceName(source: string | null): string {
  if (source === null) return BUNDLER;
  const path = source.replace(/^webpack:\/\/[^/]*\//, "").replace(/^\.\//, "");
  return path.startsWith("/") ? relative(ROOT, path) : path.replace(/^(\.\.\/)+/, "");
}

/** A module's area: its folder in the repository; webpack's runtime, the externals and the wrappers are the bundler's. */
export const areaOf = (source: string): string =>
  /^(components|plugins)\//.test(source) ? source.replace(/[^/]*$/, "") : "(bundler and pcf-scripts)";

/** Splits `code` into the pieces each source produced, by the segments of its source map; `extra` are texts appended after it. */
export function piecesOf(code: string, map: EncodedSourceMap, extra: Readonly<Record<string, string>> = {}): Piece[] {
  const starts: number[] = [];
  code.split("\n").reduce((offset, line) => (starts.push(offset), offset + line.length + 1), 0);
  const segments: { at: number; source: string }[] = [];
  eachMapping(new TraceMap(map), (m) =>
    segments.push({ at: starts[m.generatedLine - 1] + m.generatedColumn, source: sourceName(m.source) }),
  );
  segments.sort((a, b) => a.at - b.at);
  if (segments[0]?.at !== 0) segments.unshift({ at: 0, source: BUNDLER });
  const pieces = segments.map((segment, i) => ({
    source: segment.source,
    text: code.slice(segment.at, segments[i + 1]?.at ?? code.length),
  }));
  return [...pieces, ...Object.entries(extra).map(([source, text]) => ({ source, text }))];
}

/** Rows of `pieces` grouped by `key`, largest first; a row's gzipped cost is the whole's size minus the whole's without it. */
export function tally(pieces: readonly Piece[], key: (source: string) => string = (source) => source): Part[] {
  const total = gz(joined(pieces));
  return [...new Set(pieces.map((p) => key(p.source)))]
    .map((name) => ({
      source: name,
      raw: Buffer.byteLength(joined(pieces.filter((p) => key(p.source) === name)), "utf8"),
      gzIfRemoved: total - gz(joined(pieces.filter((p) => key(p.source) !== name))),
    }))
    .sort((a, b) => b.raw - a.raw);
}

function compose(bundle: string, pieces: readonly Piece[]): Composition {
  const whole = joined(pieces);
  return { bundle, raw: Buffer.byteLength(whole, "utf8"), gzip: gz(whole), parts: tally(pieces), areas: tally(pieces, areaOf) };
}

// pcf-scripts' own modules (CommonJS, no type declarations): the control context and the webpack configuration it builds with.
interface PcfScripts {
  ControlContext: new (diagnostics: object, controlPath: string) => { getControlNamespace(): string; getControlName(): string };
  getWebpackConfig(control: object, outputDir: string, buildMode: "production", watch: boolean): Configuration;
  generateStub(namespace: string, constructor: string): string;
}
function pcfScripts(): PcfScripts {
  const fromRoot = createRequire(join(ROOT, "package.json"));
  const load = (name: string) => fromRoot(`pcf-scripts/${name}`) as Partial<PcfScripts>;
  return { ...load("controlContext"), ...load("webpackConfig") } as PcfScripts;
}

/** The control's production bundle, built the way pcf-scripts builds it, with a source map beside it. */
export async function controlComposition(): Promise<Composition> {
  const pcf = pcfScripts();
  const problems: string[] = [];
  const diagnostics = { push: (d: unknown) => problems.push(JSON.stringify(d)), pushA: (d: unknown) => problems.push(JSON.stringify(d)) };
  // pcf-scripts reads pcfconfig.json (babel targets) and the manifest from the working directory.
  process.chdir(ROOT);
  const control = new pcf.ControlContext(diagnostics, ".");
  if (problems.length) throw new Error(`pcf-scripts could not read ControlManifest.Input.xml: ${problems.join("; ")}`);
  const dir = mkdtempSync(join(tmpdir(), "composition-"));
  try {
    const config = { ...pcf.getWebpackConfig(control, dir, "production", false), devtool: "source-map" as const };
    await new Promise<void>((resolve, reject) =>
      webpack(config, (error, stats) => {
        if (error || stats?.hasErrors()) reject(error ?? new Error(stats?.toString({ all: false, errors: true })));
        else resolve();
      }),
    );
    // The bundle without its sourceMappingURL comment, which the production build does not write.
    const code = readFileSync(join(dir, "bundle.js"), "utf8").replace(/\n\/\/# sourceMappingURL=.*\n?$/, "");
    const map = JSON.parse(readFileSync(join(dir, "bundle.js.map"), "utf8")) as EncodedSourceMap;
    const stub = pcf.generateStub(control.getControlNamespace(), control.getControlName());
    return compose("out/controls/bundle.js", piecesOf(code, map, { [STUB]: stub }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The form script, built with build-form's options and a source map. */
export async function formComposition(): Promise<Composition> {
  const result = await build({ ...FORM_BUILD_OPTIONS, sourcemap: "external", outfile: FORM_OUTPUT });
  const code = result.outputFiles.find((file) => file.path.endsWith(".js"))!.text;
  const map = JSON.parse(result.outputFiles.find((file) => file.path.endsWith(".map"))!.text) as EncodedSourceMap;
  // Without the sourceMappingURL comment esbuild adds for the map.
  const shipped = code.replace(/\n\/\/# sourceMappingURL=.*\n?$/, "\n");
  return compose(relative(ROOT, FORM_OUTPUT), piecesOf(shipped, map));
}

const pct = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`.padStart(6);

export function formatComposition(c: Composition): string {
  const row = (p: Part): string =>
    `  ${String(p.raw).padStart(6)} ${pct(p.raw, c.raw)}  ${String(p.gzIfRemoved).padStart(6)} ${pct(p.gzIfRemoved, c.gzip)}  ${p.source}`;
  const header = `  ${"raw B".padStart(6)} ${"share".padStart(6)}  ${"gz B".padStart(6)} ${"share".padStart(6)}`;
  return [
    `${c.bundle}: ${c.raw} B raw, ${c.gzip} B gzipped`,
    `${header}  source (gz B: what the gzipped bundle loses without it)`,
    ...c.parts.map(row),
    `${header}  area`,
    ...c.areas.map(row),
  ].join("\n");
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(
      "Usage: npm run bench:composition [-- --json]\n\nBytes per source module of the control's production bundle.js (pcf-scripts' webpack configuration)\nand of the form script (scripts/build-form.ts's esbuild options), raw and gzipped.",
    );
    return;
  }
  const compositions = [await controlComposition(), await formComposition()];
  if (argv.includes("--json")) console.log(JSON.stringify(compositions, null, 2));
  else console.log(compositions.map(formatComposition).join("\n\n"));
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`bench:composition failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
