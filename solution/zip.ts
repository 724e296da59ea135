/**
 * Zip and folder I/O. Zips are deterministic: entries sorted by path, one fixed timestamp, one
 * compression level, no directory entries, so the same files always give the same bytes. Folders
 * are read without following links or opening anything but regular files, and written all at once:
 * into a temporary folder beside the target, renamed into place only when every file is there.
 */
import { randomBytes } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  rmdirSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { zipSync, type Zippable } from "fflate";
import { checkEntryPath, nameCollisions } from "./entryNames";
import { readZip } from "./zipReader";

/** 1980-01-01 00:00, the first instant a zip (DOS) timestamp can hold; built from local fields so TZ never shifts it. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const LEVEL = 9;

export const sortedPaths = (entries: ReadonlyMap<string, Uint8Array>): string[] =>
  [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Refuses unsafe or colliding names, which no folder on any file system could hold faithfully. */
export function checkEntryPaths(paths: readonly string[], what: string): void {
  for (const path of paths) checkEntryPath(path, what);
  const collisions = nameCollisions(paths);
  if (collisions.length > 0) throw new Error(`${what}s collide: ${collisions.join("; ")}. Rename one of each pair.`);
}

export function zipEntries(entries: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const paths = sortedPaths(entries);
  checkEntryPaths(paths, "Zip entry");
  const zippable: Zippable = {};
  for (const path of paths) zippable[path] = [entries.get(path)!, { level: LEVEL, mtime: FIXED_MTIME, os: 0 }];
  return zipSync(zippable);
}

/** A solution zip's files, read safely (see zipReader.ts). */
export const unzipEntries = (bytes: Uint8Array, label = "the zip"): Map<string, Uint8Array> => readZip(bytes, label);

const isDotfile = (name: string) => name.startsWith(".");

/**
 * Every regular file under `dir`, keyed by its relative path with forward slashes. Dotfiles and
 * dot-folders (.git, .DS_Store, editor swap files) are skipped. A symbolic link or any special file
 * (FIFO, socket, device) is refused without being opened: `lstat` looks at the entry itself, and
 * reading a FIFO would block forever.
 */
export function readTree(dir: string): Map<string, Uint8Array> {
  if (!existsSync(dir) || !lstatSync(dir).isDirectory()) throw new Error(`${dir} is not a folder.`);
  const entries = new Map<string, Uint8Array>();
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      if (isDotfile(name)) continue;
      const full = join(current, name);
      const path = relative(dir, full).split(sep).join("/");
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) {
        throw new Error(
          `${full} is a symbolic link; packing refuses links, which could pull in files from outside the folder. Replace it with the file itself.`,
        );
      }
      if (stat.isDirectory()) walk(full);
      else if (stat.isFile()) entries.set(path, readFileSync(full));
      else
        throw new Error(
          `${full} is not a regular file (a FIFO, socket or device); packing refuses it without opening it. Remove it from the folder.`,
        );
    }
  };
  walk(dir);
  return entries;
}

/** True when `inner` is `outer` or lies inside it, with links in both resolved (`inner` itself need not exist yet). */
export function isInside(inner: string, outer: string): boolean {
  const real = (path: string): string => (existsSync(path) ? realpathSync(path) : join(real(dirname(path)), basename(path)));
  const path = relative(real(resolve(outer)), real(resolve(inner)));
  return path === "" || (path !== ".." && !path.startsWith(`..${sep}`) && !isAbsolute(path));
}

const temporaryName = (target: string) => join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.partial`);

/** Writes `bytes` to `file` through a temporary file in the same folder, renamed into place. */
export function writeFileAtomically(file: string, bytes: Uint8Array): void {
  const temporary = temporaryName(file);
  try {
    writeFileSync(temporary, bytes, { flag: "wx" });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes entries as the folder `dir`, which must not exist yet or be empty: nothing already there is
 * overwritten. Files go to a temporary folder beside `dir` first, which is renamed to `dir` only
 * when all of them are written; on any failure it is removed and `dir` is left as it was.
 */
export function writeTree(dir: string, entries: ReadonlyMap<string, Uint8Array>): void {
  if (existsSync(dir) && (!lstatSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
    throw new Error(
      `${dir} already exists and is not an empty folder; unpacking there would mix files. Choose a new folder or empty it first.`,
    );
  }
  const paths = sortedPaths(entries);
  checkEntryPaths(paths, "File");
  mkdirSync(dirname(resolve(dir)), { recursive: true });
  const temporary = temporaryName(resolve(dir));
  try {
    mkdirSync(temporary);
    for (const path of paths) {
      const target = join(temporary, ...path.split("/"));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, entries.get(path)!, { flag: "wx" });
    }
    if (existsSync(dir)) rmdirSync(dir); // empty, checked above; rmdir refuses anything else
    renameSync(temporary, dir);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
}
