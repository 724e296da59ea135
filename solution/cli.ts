#!/usr/bin/env node
/**
 * Solution CLI: build the zips, pack a folder, unpack a zip, record a release.
 * Exit codes: 0 done, 1 the solution failed a check or a file could not be read/written, 2 usage error.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { projectRoot } from "../plugins/strings/resx";
import { buildSolution, type BuildResult } from "./build";
import { loadConfig } from "./config";
import { throwIfAny } from "./problems";
import { checkEntries, readHeader } from "./verify";
import { recordRelease } from "./version";
import { readTree, unzipEntries, writeTree, zipEntries } from "./zip";

export const PACK_BUDGET_MS = 500;

const HELP = `Usage: node dist/solution/cli.js <command> [options]

Commands:
  build [--root <dir>]      Check the built control and form script, then write
                            out/solution/<UniqueName>_<v_v_v_v>.zip and <…>_managed.zip
                            (npm run build:solution; npm run build does every step)
  pack <dir> <zip>          Check an unpacked solution folder and zip it, deterministically
                            (npm run solution:pack -- <dir> <zip>)
  unpack <zip> <dir>        Extract a solution zip into a new or empty folder
                            (npm run solution:unpack -- <zip> <dir>)
  release [--root <dir>]    Record package.json's version as the last released one in
                            solution/released.json; later builds refuse a lower version

Options:
  --root <dir>   project folder (package.json, out/, solution/released.json); default: this project
  -h, --help     show this help

Exit codes: 0 done, 1 a check failed or a file could not be read or written, 2 usage error.
See docs/solution.md.`;

class UsageError extends Error {}

interface Parsed {
  command: string;
  positional: string[];
  root?: string;
}

function parseArgs(argv: string[]): Parsed | "help" {
  if (argv.length === 0) throw new UsageError("A command is required: build, pack, unpack or release.");
  if (argv.includes("-h") || argv.includes("--help")) return "help";
  const [command, ...rest] = argv;
  const positional: string[] = [];
  let root: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === "--root") {
      root = rest[++i];
      if (!root) throw new UsageError("--root needs a folder.");
    } else if (arg.startsWith("-")) throw new UsageError(`Unknown option '${arg}'.`);
    else positional.push(arg);
  }
  const arity: Record<string, number> = { build: 0, release: 0, pack: 2, unpack: 2 };
  if (!(command! in arity)) throw new UsageError(`Unknown command "${command}". Commands: build, pack, unpack, release.`);
  if (positional.length !== arity[command!]) {
    const shape = command === "pack" ? "pack <dir> <zip>" : command === "unpack" ? "unpack <zip> <dir>" : command!;
    throw new UsageError(`Usage: ${shape} (got ${positional.length} argument${positional.length === 1 ? "" : "s"}).`);
  }
  if (root && (command === "pack" || command === "unpack")) throw new UsageError(`--root applies to build and release only.`);
  return { command: command!, positional, root };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

function printBuild(result: BuildResult, root: string): void {
  const typeName: Record<number, string> = { 61: "web resource", 66: "custom control" };
  const lines = [`Solution ${result.version}`, "  Components:"];
  for (const c of result.components)
    lines.push(`    ${String(c.type).padEnd(3)} ${typeName[c.type]!.padEnd(15)} ${c.name} (${kb(c.bytes)})`);
  lines.push(`  Languages: ${result.languages.join(", ")}`, "  Zips:");
  for (const z of result.zips)
    lines.push(
      `    ${relative(root, z.path)}  ${kb(z.bytes)} (${z.bytes} bytes, ${z.entries} entries, ${z.managed ? "managed" : "unmanaged"})`,
    );
  const verdict = result.packMs <= PACK_BUDGET_MS ? "within" : "OVER";
  lines.push(`  Pack: ${seconds(result.packMs)} (${verdict} the ${seconds(PACK_BUDGET_MS)} budget)`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

function run(parsed: Parsed): void {
  const root = resolve(parsed.root ?? projectRoot(__dirname));
  if (parsed.command === "build") {
    printBuild(buildSolution(root, loadConfig(root)), root);
  } else if (parsed.command === "release") {
    const config = loadConfig(root);
    recordRelease(resolve(root, config.releasedFile), config.version);
    process.stdout.write(`Recorded ${config.version} as the last released version in ${config.releasedFile}. Commit it.\n`);
  } else if (parsed.command === "pack") {
    const [dir, zip] = parsed.positional as [string, string];
    const started = performance.now();
    const entries = readTree(dir);
    throwIfAny(checkEntries(entries, dir));
    const bytes = zipEntries(entries);
    writeFileSync(zip, bytes);
    const header = readHeader(entries);
    process.stdout.write(
      `Packed ${entries.size} files from ${dir} into ${zip} (${header.uniqueName} ${header.version}, ${header.managed ? "managed" : "unmanaged"}, ${kb(bytes.length)}) in ${seconds(performance.now() - started)}\n`,
    );
  } else {
    const [zip, dir] = parsed.positional as [string, string];
    const entries = unzipEntries(readFileSync(zip), zip);
    writeTree(dir, entries);
    const problems = checkEntries(entries, zip);
    process.stdout.write(`Unpacked ${entries.size} files from ${zip} into ${dir}\n`);
    if (problems.length > 0)
      process.stderr.write(`Warning: this zip would not pack as is:\n${problems.map((p) => `  [${p.code}] ${p.message}`).join("\n")}\n`);
  }
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
