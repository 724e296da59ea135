/**
 * Reading a solution zip that may be hostile, in memory, before anything is written. The central
 * directory is read first and every declared size is checked against the limits below, so a zip
 * bomb is refused before one byte is inflated; then each entry is inflated in small steps with
 * fflate's streaming Inflate, stopping the moment it produces more than it declared, and its CRC-32
 * is compared with the one the zip records. Memory stays bounded by the limits, whatever the zip
 * claims. Layout: PKWARE APPNOTE.TXT (local header 4.3.7, central directory 4.3.12, end record 4.3.16).
 */
import { crc32 } from "node:zlib";
import { Inflate } from "fflate";
import { checkEntryPath, nameCollisions } from "./entryNames";

export interface UnzipLimits {
  /** Entries in the central directory. */
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed size of one entry, checked for entries of at least `ratioFromBytes`. */
  maxRatio: number;
  ratioFromBytes: number;
}

/**
 * Far above any solution we build (about 35 KB zipped, 270 KB unzipped; Dataverse caps a web
 * resource at a few MB), far below what hurts a build machine. Text compresses up to about 20:1;
 * deflate's own limit is about 1032:1, which only crafted data reaches.
 */
export const UNZIP_LIMITS: UnzipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 128 * 1024 * 1024,
  maxRatio: 100,
  ratioFromBytes: 64 * 1024,
};

/** Compressed bytes handed to the inflater at a time: one step can produce at most about 1032 times this. */
const STEP = 4096;

const SIGNATURE = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, zip64Locator: 0x07064b50 } as const;
const FLAG = { encrypted: 0x0001, dataDescriptor: 0x0008, utf8: 0x0800 } as const;
const METHOD = { stored: 0, deflate: 8 } as const;

export class UnsafeZipError extends Error {
  constructor(label: string, reason: string) {
    super(`${label} was refused: ${reason} Nothing was written. Use a solution zip built by \`npm run build\` or exported from Dataverse.`);
    this.name = "UnsafeZipError";
  }
}

interface CentralEntry {
  name: string;
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const utf8 = new TextDecoder("utf-8", { fatal: true });

function decodeName(bytes: Uint8Array, flags: number, fail: (reason: string) => never): string {
  if (!(flags & FLAG.utf8) && bytes.some((byte) => byte > 0x7f)) fail("an entry name has non-ASCII bytes without the UTF-8 flag.");
  try {
    return utf8.decode(bytes);
  } catch {
    return fail("an entry name is not valid UTF-8.");
  }
}

/** Reads the central directory; throws UnsafeZipError for anything but a plain, single-disk, non-Zip64 zip. */
function readCentralDirectory(zip: Uint8Array, fail: (reason: string) => never): { entries: CentralEntry[]; directoryStart: number } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== SIGNATURE.end) {
    if (zip.length - end > 22 + 0xffff) break;
    end--;
  }
  if (end < 0 || view.getUint32(end, true) !== SIGNATURE.end) fail("it is not a zip (no end-of-central-directory record).");
  if (end + 22 + view.getUint16(end + 20, true) !== zip.length) fail("it has bytes after the zip's end record.");
  if (end >= 20 && view.getUint32(end - 20, true) === SIGNATURE.zip64Locator) fail("it is a Zip64 archive, which no solution needs.");
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0 || view.getUint16(end + 8, true) !== count) {
    fail("it spans several disks.");
  }
  if (offset + size !== end) fail("its central directory is not where its end record says.");
  if (count > UNZIP_LIMITS.maxEntries) fail(`it has ${count} entries (at most ${UNZIP_LIMITS.maxEntries}).`);

  const entries: CentralEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== SIGNATURE.central) fail(`central directory entry ${i + 1} is damaged.`);
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (next > end) fail(`central directory entry ${i + 1} runs past the directory.`);
    const flags = view.getUint16(at + 8, true);
    const nameBytes = zip.subarray(at + 46, at + 46 + nameLength);
    entries.push({
      name: decodeName(nameBytes, flags, fail),
      nameBytes,
      flags,
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at = next;
  }
  if (at !== end) fail("its central directory holds more than its end record counts.");
  return { entries, directoryStart: offset };
}

/** Declared sizes against the limits, before anything is inflated. */
function checkDeclaredSizes(entries: readonly CentralEntry[], fail: (reason: string) => never): void {
  let total = 0;
  for (const entry of entries) {
    const where = `entry "${entry.name}"`;
    if (entry.flags & FLAG.encrypted) fail(`${where} is encrypted.`);
    if (entry.method !== METHOD.stored && entry.method !== METHOD.deflate)
      fail(`${where} uses compression method ${entry.method} (only stored and deflate are read).`);
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) fail(`${where} declares a Zip64 size.`);
    if (entry.method === METHOD.stored && entry.size !== entry.compressedSize)
      fail(`${where} is stored but declares ${entry.size} bytes in ${entry.compressedSize}.`);
    if (entry.size > UNZIP_LIMITS.maxEntryBytes)
      fail(`${where} would unpack to ${mib(entry.size)} (at most ${mib(UNZIP_LIMITS.maxEntryBytes)} per entry).`);
    if (entry.size >= UNZIP_LIMITS.ratioFromBytes && entry.size > UNZIP_LIMITS.maxRatio * Math.max(entry.compressedSize, 1)) {
      fail(
        `${where} would expand ${Math.round(entry.size / Math.max(entry.compressedSize, 1))} times (at most ${UNZIP_LIMITS.maxRatio} times): a zip bomb.`,
      );
    }
    total += entry.size;
  }
  if (total > UNZIP_LIMITS.maxTotalBytes) fail(`it would unpack to ${mib(total)} in all (at most ${mib(UNZIP_LIMITS.maxTotalBytes)}).`);
}

/** Where each entry's data starts, after checking its local header agrees with the central directory and entries do not overlap. */
function locateData(zip: Uint8Array, entries: readonly CentralEntry[], directoryStart: number, fail: (reason: string) => never): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const starts = entries.map((entry) => {
    const at = entry.localOffset;
    const where = `entry "${entry.name}"`;
    if (at + 30 > directoryStart || view.getUint32(at, true) !== SIGNATURE.local)
      fail(`${where} has no local header where the directory says.`);
    const nameLength = view.getUint16(at + 26, true);
    const localName = zip.subarray(at + 30, at + 30 + nameLength);
    if (localName.length !== entry.nameBytes.length || localName.some((byte, i) => byte !== entry.nameBytes[i])) {
      fail(`${where} has another name in its local header ("${Buffer.from(localName).toString("latin1")}").`);
    }
    if (view.getUint16(at + 8, true) !== entry.method) fail(`${where} has another compression method in its local header.`);
    if (!(view.getUint16(at + 6, true) & FLAG.dataDescriptor)) {
      const local = [view.getUint32(at + 14, true), view.getUint32(at + 18, true), view.getUint32(at + 22, true)];
      if (local[0] !== entry.crc || local[1] !== entry.compressedSize || local[2] !== entry.size) {
        fail(`${where} declares other sizes or CRC-32 in its local header than in the central directory.`);
      }
    }
    const start = at + 30 + nameLength + view.getUint16(at + 28, true);
    if (start + entry.compressedSize > directoryStart) fail(`${where} runs past the end of the data.`);
    return start;
  });
  const order = entries.map((_, i) => i).sort((a, b) => entries[a]!.localOffset - entries[b]!.localOffset);
  for (let k = 1; k < order.length; k++) {
    const previous = order[k - 1]!;
    if (starts[previous]! + entries[previous]!.compressedSize > entries[order[k]!]!.localOffset) {
      fail(`entries "${entries[previous]!.name}" and "${entries[order[k]!]!.name}" overlap.`);
    }
  }
  return starts;
}

/** Inflates one entry in steps, never past its declared size, and checks size and CRC-32. */
function inflateEntry(data: Uint8Array, entry: CentralEntry, fail: (reason: string) => never): Uint8Array {
  const where = `entry "${entry.name}"`;
  let content: Uint8Array;
  if (entry.method === METHOD.stored) content = data;
  else {
    const out = new Uint8Array(entry.size);
    let written = 0;
    let finished = false;
    const inflater = new Inflate((chunk, final) => {
      if (written + chunk.length > entry.size) fail(`${where} inflates to more than the ${entry.size} bytes it declares.`);
      out.set(chunk, written);
      written += chunk.length;
      finished = final;
    });
    try {
      for (let at = 0; at < data.length || at === 0; at += STEP) inflater.push(data.subarray(at, at + STEP), at + STEP >= data.length);
    } catch (error) {
      if (error instanceof UnsafeZipError) throw error;
      fail(`${where} is not valid deflate data (${(error as Error).message}).`);
    }
    if (!finished || written !== entry.size) fail(`${where} declares ${entry.size} bytes but inflates to ${written}.`);
    content = out;
  }
  const actual = crc32(content) >>> 0;
  if (actual !== entry.crc) {
    fail(
      `${where} is corrupt: its CRC-32 is ${actual.toString(16).padStart(8, "0")}, the zip records ${entry.crc.toString(16).padStart(8, "0")}.`,
    );
  }
  return content;
}

/**
 * Every file of the zip by path (directory entries, which carry no data, are left out), or an
 * UnsafeZipError naming the first problem: a damaged or Zip64 archive, an unsafe or colliding name,
 * a size over the limits, data that inflates past its declared size, or a CRC-32 mismatch.
 */
export function readZip(zip: Uint8Array, label = "the zip"): Map<string, Uint8Array> {
  const fail = (reason: string): never => {
    throw new UnsafeZipError(label, reason);
  };
  const { entries, directoryStart } = readCentralDirectory(zip, fail);
  for (const entry of entries) {
    try {
      checkEntryPath(entry.name.endsWith("/") ? entry.name.slice(0, -1) : entry.name, "Entry");
    } catch (error) {
      fail((error as Error).message.replace(/ The file was not written.*$/, ""));
    }
    if (entry.name.endsWith("/") && entry.size !== 0) fail(`directory entry "${entry.name}" declares content.`);
  }
  const collisions = nameCollisions(entries.map((entry) => entry.name.replace(/\/$/, "")));
  if (collisions.length > 0) fail(`${collisions.join("; ")}.`);
  checkDeclaredSizes(entries, fail);
  const starts = locateData(zip, entries, directoryStart, fail);
  const files = new Map<string, Uint8Array>();
  entries.forEach((entry, i) => {
    const content = inflateEntry(zip.subarray(starts[i]!, starts[i]! + entry.compressedSize), entry, fail);
    if (!entry.name.endsWith("/")) files.set(entry.name, content);
  });
  return files;
}
