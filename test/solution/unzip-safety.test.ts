/**
 * Unpack against hostile zips (the security audit's findings): each test builds the zip by hand,
 * shows the refusal and its reason, and shows that nothing was written.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { writeTree } from "../../solution/zip";
import { readZip, UNZIP_LIMITS } from "../../solution/zipReader";
import { deflated, rawZip, zerosBomb, type RawEntry } from "./hostileZips";
import { runCli, tempDir } from "./helpers";

const MIB = 1024 * 1024;

/** Unpacks `zip` with the CLI into a fresh folder; returns stderr after checking the refusal left nothing behind. */
function refused(zip: Uint8Array): string {
  const source = join(tempDir(), "hostile.zip");
  writeFileSync(source, zip);
  const parent = tempDir();
  const target = join(parent, "unpacked");
  const r = runCli(["unpack", source, target]);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe("");
  expect(existsSync(target)).toBe(false);
  expect(readdirSync(parent)).toEqual([]); // no temporary folder left either
  expect(r.stderr).toContain("Nothing was written.");
  return r.stderr;
}

const entry = (overrides: Partial<RawEntry> & { name: string }, content = "hello, solution"): RawEntry => ({
  ...deflated(overrides.name, content),
  ...overrides,
});

test("the hand-made zips are read when they are honest (so every refusal below is the check's doing)", () => {
  const files = readZip(rawZip([deflated("a.txt", "hello"), deflated("b/c.txt", "world")]));
  expect([...files].map(([name, bytes]) => [name, Buffer.from(bytes).toString()])).toEqual([
    ["a.txt", "hello"],
    ["b/c.txt", "world"],
  ]);
});

describe("CRC-32 and declared sizes", () => {
  test("a corrupted entry (its CRC-32 disagrees with its data) is refused, with exit 1", () => {
    const honest = deflated("customizations.xml", "<ImportExportXml/>");
    expect(refused(rawZip([{ ...honest, crc: (honest.crc! ^ 0x1) >>> 0 }]))).toMatch(
      /entry "customizations\.xml" is corrupt: its CRC-32 is [0-9a-f]{8}, the zip records [0-9a-f]{8}/,
    );
  });

  test("a stored entry with one byte changed is caught by its CRC-32", () => {
    const content = Buffer.from("<ImportExportXml/>");
    const crc = deflated("x", content).crc;
    const changed = Buffer.from(content);
    changed[3] = changed[3]! ^ 0x20;
    expect(refused(rawZip([{ name: "solution.xml", data: changed, method: 0, crc }]))).toContain('entry "solution.xml" is corrupt');
  });

  test("an entry declaring size 0 is not unpacked empty: its data is more than it declares", () => {
    expect(refused(rawZip([entry({ name: "bundle.js", size: 0 })]))).toContain(
      'entry "bundle.js" inflates to more than the 0 bytes it declares',
    );
  });

  test("an entry declaring more than its data holds is refused", () => {
    expect(refused(rawZip([entry({ name: "bundle.js", size: 100 })]))).toContain('entry "bundle.js" declares 100 bytes but inflates to 15');
  });
});

describe("size and ratio caps (zip bombs)", () => {
  const bomb = zerosBomb(1024); // 1 GiB of zeros in about 1 MB

  test("a 1 MB zip that expands to 1 GB is refused from its declared size, before anything is inflated", () => {
    const zip = rawZip([{ name: "bundle.js", data: bomb, size: 1024 * MIB }]);
    expect(zip.length).toBeLessThan(1.1 * MIB);
    expect(refused(zip)).toContain('entry "bundle.js" would unpack to 1024.0 MB (at most 32.0 MB per entry)');
  });

  test("the same bomb declaring 1 MB stops inflating at 1 MB: memory stays bounded by what it declares", () => {
    expect(refused(rawZip([{ name: "bundle.js", data: bomb, size: MIB }]))).toContain(
      `entry "bundle.js" inflates to more than the ${MIB} bytes it declares`,
    );
  });

  test("an entry that expands 1,000 times is refused by the ratio cap", () => {
    const zip = rawZip([{ name: "bundle.js", data: zerosBomb(16), size: 16 * MIB }]);
    expect(refused(zip)).toMatch(/entry "bundle\.js" would expand \d{3,4} times \(at most 100 times\): a zip bomb/);
  });

  test("entries each under the cap but together over it are refused before any is inflated", () => {
    const entries = [1, 2, 3, 4, 5].map((i) => ({ name: `part${i}.bin`, data: randomBytes(400 * 1024), size: 30 * MIB }));
    expect(refused(rawZip(entries))).toContain("it would unpack to 150.0 MB in all (at most 128.0 MB)");
  });

  test("the caps are the documented ones", () => {
    expect(UNZIP_LIMITS).toEqual({
      maxEntries: 10000,
      maxEntryBytes: 32 * MIB,
      maxTotalBytes: 128 * MIB,
      maxRatio: 100,
      ratioFromBytes: 64 * 1024,
    });
  });
});

describe("names", () => {
  test.each([
    [["a.txt", "a.txt"], `"a.txt" appears twice`],
    [["Other/Solution.xml", "other/solution.xml"], `"Other/Solution.xml" and "other/solution.xml" differ only in case or Unicode form`],
    [["WebResources/caf\u00e9.js", "WebResources/cafe\u0301.js"], "differ only in case or Unicode form"],
    [["a", "a/b.txt"], `"a" is a file, but "a/b.txt" needs it to be a folder`],
    [["C:/Windows/evil.dll"], "it starts with a drive letter (C:)"],
    [["c:evil.txt"], "it starts with a drive letter (C:)"],
    [["/etc/cron.d/evil"], "it is an absolute path"],
    [["../../evil.sh"], "it has a '..' part that climbs out of the folder"],
    [["Controls/../../evil.sh"], "it has a '..' part that climbs out of the folder"],
    [["a\u0000b.txt"], "it contains a NUL character"],
    [["Controls\\evil.txt"], "it contains a backslash"],
    [["file.txt:stream"], "it contains ':'"],
  ])("%j is refused: %s", (names, reason) => {
    expect(refused(rawZip(names.map((name, i) => deflated(name, `content ${i}`))))).toContain(reason);
  });

  test("a local header naming another file than the central directory is refused", () => {
    const zip = rawZip([deflated("solution.xml", "<x/>")]);
    zip[30] = "S".charCodeAt(0); // the first byte of the local header's name
    expect(refused(zip)).toContain('entry "solution.xml" has another name in its local header ("Solution.xml")');
  });
});

describe("damaged or unusual archives", () => {
  test.each([
    [Buffer.from("not a zip at all"), "it is not a zip (no end-of-central-directory record)"],
    [Buffer.concat([rawZip([deflated("a.txt", "a")]), Buffer.from("trailing")]), "it has bytes after the zip's end record"],
    [rawZip([{ ...deflated("a.txt", "a"), flags: 0x0801 }]), 'entry "a.txt" is encrypted'],
    [rawZip([{ ...deflated("a.txt", "a"), method: 12 as 8 }]), 'entry "a.txt" uses compression method 12'],
    [rawZip([{ name: "a.txt", data: Buffer.from([0xff, 0xff, 0xff]), crc: 0, size: 3 }]), 'entry "a.txt" is not valid deflate data'],
  ])("%#: %s", (zip, reason) => {
    expect(refused(zip)).toContain(reason);
  });
});

test("unpack writes into a temporary folder and renames it only on success: a failure half-way leaves nothing", () => {
  const parent = tempDir();
  const target = join(parent, "unpacked");
  const entries = new Map<string, Uint8Array>([
    ["a.txt", Buffer.from("first")],
    [`z${"x".repeat(300)}.txt`, Buffer.from("a name longer than any file system allows")],
  ]);
  expect(() => writeTree(target, entries)).toThrow(/ENAMETOOLONG/);
  expect(readdirSync(parent)).toEqual([]);
});

test("unpacking into an empty folder that exists works, and the folder then holds the files", () => {
  const target = join(tempDir(), "empty");
  mkdirSync(target);
  writeTree(target, new Map([["a/b.txt", Buffer.from("b")]]));
  expect(readdirSync(join(target, "a"))).toEqual(["b.txt"]);
});
