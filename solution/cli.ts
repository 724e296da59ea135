#!/usr/bin/env node
/**
 * Solution CLI: build the zips, pack a folder (either layout), unpack a zip (SolutionPackager layout
 * by default), release (one version everywhere).
 * Exit codes: 0 done, 1 the solution failed a check or a file could not be read/written, 2 usage error.
 */
import { readFileSync, statSync } from "node:fs";
import { relative, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { projectRoot } from "../plugins/strings/resx";
import { buildSolution, type BuildResult } from "./build";
import { loadConfig } from "./config";
import { detectLayout, fromPackagerLayout, toPackagerLayout, type Layout } from "./layout";
import { throwIfAny } from "./problems";
import { release } from "./release";
import { checkEntries, readHeader } from "./verify";
import { RELEASE_LEVELS, type ReleaseLevel } from "./version";
import { isInside, readTree, unzipEntries, writeFileAtomically, writeTree, zipEntries } from "./zip";
import { UNZIP_LIMITS } from "./zipReader";

export const PACK_BUDGET_MS = 500;

export const HELP = `Usage: node dist/solution/cli.js <command> [options]

Commands:
  build [--root <dir>]      Check the built control and form script, then write
                            out/solution/<UniqueName>_<v_v_v_v>.zip and <…>_managed.zip
                            (npm run build:solution; npm run build does every step)
  pack <dir> <zip>          Check a solution folder and zip it, deterministically. The folder
                            may hold either layout (Other/Solution.xml or solution.xml); links,
                            special files and an output inside the folder are refused, dotfiles
                            are skipped   (npm run solution:pack -- <dir> <zip>)
  unpack <zip> <dir> [--layout packager|zip]
                            Check the zip (CRC-32, sizes, names) and write it into a new or
                            empty folder, all at once. packager (default): the SolutionPackager
                            layout that pac writes and teams commit; zip: the entries as they are
                            (npm run solution:unpack -- <zip> <dir>)
  release <major|minor|patch> [--root <dir>]
                            Raise package.json (and package-lock.json), the control's manifest
                            version and the solution version together, and record the release in
                            solution/released.json   (npm run release -- <major|minor|patch>)

Options:
  --root <dir>     project folder (package.json, out/, solution/released.json); default: this project
  --layout <name>  unpack only: packager (default) or zip
  -h, --help       show this help

Exit codes: 0 done, 1 a check failed or a file could not be read or written, 2 usage error.
See docs/solution.md.`;

class UsageError extends Error {}

interface Parsed {
  command: string;
  positional: string[];
  root?: string;
  layout: Layout;
}

const SHAPES: Record<string, string> = {
  build: "build [--root <dir>]",
  pack: "pack <dir> <zip>",
  unpack: "unpack <zip> <dir> [--layout packager|zip]",
  release: "release <major|minor|patch> [--root <dir>]",
};
const ARITY: Record<string, number> = { build: 0, release: 1, pack: 2, unpack: 2 };

function parseArgs(argv: string[]): Parsed | "help" {
  if (argv.length === 0) throw new UsageError("A command is required: build, pack, unpack or release.");
  if (argv.includes("-h") || argv.includes("--help")) return "help";
  const [command, ...rest] = argv;
  if (!(command! in ARITY)) throw new UsageError(`Unknown command "${command}". Commands: build, pack, unpack, release.`);
  const positional: string[] = [];
  let root: string | undefined;
  let layout: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === "--root" || arg === "--layout") {
      const value = rest[++i];
      if (!value) throw new UsageError(`${arg} needs a value.`);
      if (arg === "--root") root = value;
      else layout = value;
    } else if (arg.startsWith("-")) throw new UsageError(`Unknown option '${arg}'.`);
    else positional.push(arg);
  }
  if (positional.length !== ARITY[command!]) {
    throw new UsageError(`Usage: ${SHAPES[command!]} (got ${positional.length} argument${positional.length === 1 ? "" : "s"}).`);
  }
  if (root && (command === "pack" || command === "unpack")) throw new UsageError(`--root applies to build and release only.`);
  if (layout !== undefined && command !== "unpack") throw new UsageError(`--layout applies to unpack only (pack detects the layout).`);
  if (layout !== undefined && layout !== "packager" && layout !== "zip")
    throw new UsageError(`--layout must be packager or zip (got "${layout}").`);
  if (command === "release" && !RELEASE_LEVELS.includes(positional[0] as ReleaseLevel)) {
    throw new UsageError(`release needs major, minor or patch (got "${positional[0]}").`);
  }
  return { command: command!, positional, root, layout: (layout as Layout | undefined) ?? "packager" };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
const LAYOUT_NAME: Record<Layout, string> = { packager: "SolutionPackager layout", zip: "zip layout" };

export function buildSummary(result: BuildResult, root: string): string {
  const typeName: Record<number, string> = { 61: "web resource", 66: "custom control" };
  const lines = [`Solution ${result.version}`, "  Components:"];
  for (const c of result.components)
    lines.push(`    ${String(c.type).padEnd(3)} ${typeName[c.type]!.padEnd(15)} ${c.name} (${kb(c.bytes)})`);
  lines.push(`  Languages: ${result.languages.join(", ")} (base); strings: ${result.stringLanguages.join(", ")}`, "  Zips:");
  for (const z of result.zips)
    lines.push(
      `    ${relative(root, z.path)}  ${kb(z.bytes)} (${z.bytes} bytes, ${z.entries} entries, ${z.managed ? "managed" : "unmanaged"})`,
    );
  const verdict = result.packMs <= PACK_BUDGET_MS ? "within" : "OVER";
  lines.push(`  Pack: ${seconds(result.packMs)} (${verdict} the ${seconds(PACK_BUDGET_MS)} budget)`);
  return `${lines.join("\n")}\n`;
}

function pack(dir: string, zip: string): void {
  const started = performance.now();
  if (isInside(zip, dir)) {
    throw new Error(`The output ${zip} is inside the folder being packed (${dir}); the next pack would zip the zip. Write it elsewhere.`);
  }
  const files = readTree(dir);
  const layout = detectLayout([...files.keys()], dir);
  const entries = layout === "packager" ? fromPackagerLayout(files, dir) : files;
  throwIfAny(checkEntries(entries, dir));
  const bytes = zipEntries(entries);
  writeFileAtomically(zip, bytes);
  const header = readHeader(entries);
  process.stdout.write(
    `Packed ${files.size} files (${LAYOUT_NAME[layout]}) from ${dir} into ${zip} (${header.uniqueName} ${header.version}, ${header.managed ? "managed" : "unmanaged"}, ${entries.size} entries, ${kb(bytes.length)}) in ${seconds(performance.now() - started)}\n`,
  );
}

function unpack(zip: string, dir: string, layout: Layout): void {
  const started = performance.now();
  const stat = statSync(zip);
  if (!stat.isFile()) throw new Error(`${zip} is not a regular file. Point at a solution zip. Nothing was written.`);
  const size = stat.size;
  if (size > UNZIP_LIMITS.maxTotalBytes) {
    throw new Error(
      `${zip} is ${kb(size)}, more than any solution this packer reads (${kb(UNZIP_LIMITS.maxTotalBytes)}). Nothing was written.`,
    );
  }
  const entries = unzipEntries(readFileSync(zip), zip);
  const problems = checkEntries(entries, zip);
  const files = layout === "packager" ? toPackagerLayout(entries, zip) : entries;
  writeTree(dir, files);
  process.stdout.write(
    `Unpacked ${entries.size} entries from ${zip} into ${dir} (${LAYOUT_NAME[layout]}, ${files.size} files) in ${seconds(performance.now() - started)}\n`,
  );
  if (problems.length > 0)
    process.stderr.write(`Warning: this zip would not pack as is:\n${problems.map((p) => `  [${p.code}] ${p.message}`).join("\n")}\n`);
}

function run(parsed: Parsed): void {
  const root = resolve(parsed.root ?? projectRoot(__dirname));
  if (parsed.command === "build") {
    process.stdout.write(buildSummary(buildSolution(root, loadConfig(root)), root));
  } else if (parsed.command === "release") {
    const result = release(root, loadConfig(root), parsed.positional[0] as ReleaseLevel);
    process.stdout.write(
      `Released ${result.to} (was ${result.from}): solution ${result.solution}, control version="${result.to}".\nWrote ${result.files.join(", ")}.\nNext: npm run build, import the managed zip, then commit these files (git commit -am "Release ${result.to}").\n`,
    );
  } else if (parsed.command === "pack") pack(parsed.positional[0]!, parsed.positional[1]!);
  else unpack(parsed.positional[0]!, parsed.positional[1]!, parsed.layout);
}

export function main(argv: string[]): number {
  try {
    const parsed = parseArgs(argv);
    if (parsed === "help") {
      process.stdout.write(`${HELP}\n`);
      return 0;
    }
    run(parsed);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\nRun with --help for usage.\n`);
      return 2;
    }
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
