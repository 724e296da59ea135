/**
 * Zip I/O. Deterministic: entries sorted by path, one fixed timestamp, one compression level,
 * no directory entries, so the same files always give the same bytes.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { unzipSync, zipSync, type Zippable } from "fflate";

/** 1980-01-01 00:00, the first instant a zip (DOS) timestamp can hold; built from local fields so TZ never shifts it. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const LEVEL = 9;

/** Entry paths use forward slashes, relative, never `..`. */
export function checkEntryPath(path: string): void {
  if (
    path === "" ||
    path.startsWith("/") ||
    path.includes("\\") ||
    path.split("/").some((part) => part === ".." || part === "." || part === "")
  ) {
    throw new Error(`Unsafe zip entry path "${path}": entries must be relative paths with forward slashes and no "." or ".." parts.`);
  }
}

export const sortedPaths = (entries: ReadonlyMap<string, Uint8Array>): string[] =>
  [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export function zipEntries(entries: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const zippable: Zippable = {};
  for (const path of sortedPaths(entries)) {
    checkEntryPath(path);
    zippable[path] = [entries.get(path)!, { level: LEVEL, mtime: FIXED_MTIME, os: 0 }];
  }
  return zipSync(zippable);
}

export function unzipEntries(bytes: Uint8Array, label = "the zip"): Map<string, Uint8Array> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw new Error(
      `${label} is not a readable zip (${(error as Error).message}). Check that the file is a solution zip and was copied whole.`,
    );
  }
  const entries = new Map<string, Uint8Array>();
  for (const [path, data] of Object.entries(files)) {
    if (path.endsWith("/")) continue; // a directory entry written by another tool
    checkEntryPath(path);
    entries.set(path, data);
  }
  return entries;
}

/** Every file under `dir`, keyed by its relative path with forward slashes. */
export function readTree(dir: string): Map<string, Uint8Array> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder.`);
  const entries = new Map<string, Uint8Array>();
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else entries.set(relative(dir, full).split(sep).join("/"), readFileSync(full));
    }
  };
  walk(dir);
  return entries;
}

/** Writes entries under `dir`, which must not exist yet or be empty: nothing already there is overwritten. */
export function writeTree(dir: string, entries: ReadonlyMap<string, Uint8Array>): void {
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
    throw new Error(
      `${dir} already exists and is not an empty folder; unpacking there would mix files. Choose a new folder or empty it first.`,
    );
  }
  for (const path of sortedPaths(entries)) {
    checkEntryPath(path);
    const target = join(dir, ...path.split("/"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, entries.get(path)!);
  }
}
