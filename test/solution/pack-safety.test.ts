/**
 * Pack against hostile folders (links, special files, an output inside the input, dotfiles), and
 * characters XML 1.0 forbids, refused in every value the build, pack and unpack write.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSolution } from "../../solution/build";
import { loadConfig, type SolutionConfig } from "../../solution/config";
import { unzipEntries, zipEntries } from "../../solution/zip";
import { makeProject, runCli, tempDir } from "./helpers";

const root = makeProject();
const built = buildSolution(root, loadConfig(root));
const FORM = "ocs_/conversationstate/form.js";

function unpacked(): string {
  const dir = join(tempDir(), "unpacked");
  expect(runCli(["unpack", built.zips[0]!.path, dir]).code).toBe(0);
  return dir;
}

function packRefused(dir: string, out = join(tempDir(), "out.zip")): string {
  const r = runCli(["pack", dir, out]);
  expect(r.code).toBe(1);
  expect(existsSync(out)).toBe(false);
  return r.stderr;
}

test("a symbolic link is refused, even one to a file that exists", () => {
  const dir = unpacked();
  symlinkSync("/etc/hostname", join(dir, "WebResources/ocs_/conversationstate/link.js"));
  expect(packRefused(dir)).toContain("link.js is a symbolic link; packing refuses links");
});

test("a linked folder is refused too (it could pull in a whole tree from elsewhere)", () => {
  const dir = unpacked();
  symlinkSync(tempDir(), join(dir, "Controls/elsewhere"));
  expect(packRefused(dir)).toContain("Controls/elsewhere is a symbolic link");
});

test("a FIFO is refused without being opened (opening it made pack hang)", () => {
  const dir = unpacked();
  execFileSync("mkfifo", [join(dir, "WebResources/ocs_/conversationstate/pipe.js")]);
  // A pack that opened the FIFO would block here until jest's timeout.
  expect(packRefused(dir)).toContain("pipe.js is not a regular file (a FIFO, socket or device); packing refuses it without opening it");
});

test.each([
  ["inside the folder", (dir: string) => join(dir, "solution.zip")],
  ["inside a sub-folder", (dir: string) => join(dir, "Controls/solution.zip")],
  ["the folder itself", (dir: string) => dir],
])("an output path %s is refused", (_, output) => {
  const dir = unpacked();
  const before = readdirSync(dir).sort();
  const r = runCli(["pack", dir, output(dir)]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("is inside the folder being packed");
  expect(readdirSync(dir).sort()).toEqual(before);
});

test("an output reached through a link into the folder is refused as well", () => {
  const dir = unpacked();
  const alias = join(tempDir(), "alias");
  symlinkSync(dir, alias);
  expect(runCli(["pack", dir, join(alias, "solution.zip")]).stderr).toContain("is inside the folder being packed");
});

test("dotfiles and dot-folders are skipped: the zip is the same as without them", () => {
  const dir = unpacked();
  mkdirSync(join(dir, ".git"));
  writeFileSync(join(dir, ".git/HEAD"), "ref: refs/heads/main\n");
  writeFileSync(join(dir, ".DS_Store"), "\0\0");
  writeFileSync(join(dir, "WebResources/ocs_/.form.js.swp"), "editor swap file");
  const out = join(tempDir(), "out.zip");
  const r = runCli(["pack", dir, out]);
  expect([r.code, r.stderr]).toEqual([0, ""]);
  expect(readFileSync(out).equals(readFileSync(built.zips[0]!.path))).toBe(true);
});

describe("characters XML 1.0 forbids are refused in every value we write", () => {
  function buildFails(change: (config: SolutionConfig) => void): string {
    const project = makeProject();
    const config = loadConfig(project);
    change(config);
    let message = "";
    try {
      buildSolution(project, config);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(existsSync(join(project, "out/solution"))).toBe(false);
    return message;
  }

  test.each([
    [
      "a control character in the solution's display name",
      (c: SolutionConfig) => (c.displayName = "Conversation\u0007State"),
      "solution.xml: ImportExportXml/SolutionManifest/LocalizedNames/LocalizedName/@description contains U+0007",
    ],
    [
      "a lone surrogate in the publisher's description",
      (c: SolutionConfig) => (c.publisher = { ...c.publisher, description: "Publisher \uD800" }),
      "solution.xml: ImportExportXml/SolutionManifest/Publisher/Descriptions/Description/@description contains U+D800",
    ],
    [
      "U+FFFF in a web resource's description",
      (c: SolutionConfig) => (c.webResources[0]!.description = "form\uFFFF"),
      "customizations.xml: ImportExportXml/WebResources/WebResource/Description contains U+FFFF",
    ],
  ])("the build refuses %s, naming the field, and writes no zip", (_, change, message) => {
    const error = buildFails(change);
    expect(error).toContain(message);
    expect(error).toContain("a character XML 1.0 forbids");
    expect(error).toContain("solution/config.ts");
  });

  test("pack refuses a .data.xml value written as a character reference XML 1.0 forbids (&#x1;)", () => {
    const dir = unpacked();
    const path = join(dir, `WebResources/${FORM}.data.xml`);
    writeFileSync(path, readFileSync(path, "utf8").replace("<DisplayName>Conversation", "<DisplayName>&#x1;Conversation"));
    expect(packRefused(dir)).toContain("customizations.xml: ImportExportXml/WebResources/WebResource/DisplayName contains U+0001");
  });

  test("pack refuses the same in a zip-layout folder's customizations.xml", () => {
    const dir = join(tempDir(), "zip-layout");
    expect(runCli(["unpack", built.zips[0]!.path, dir, "--layout", "zip"]).code).toBe(0);
    const path = join(dir, "solution.xml");
    writeFileSync(path, readFileSync(path, "utf8").replace("<UniqueName>Omni", "<UniqueName>&#xFFFE;Omni"));
    expect(packRefused(dir)).toContain("solution.xml: ImportExportXml/SolutionManifest/UniqueName contains U+FFFE");
  });

  test("unpack refuses a zip holding such a character instead of writing it into a .data.xml", () => {
    const entries = unzipEntries(readFileSync(built.zips[0]!.path));
    const xml = new TextDecoder()
      .decode(entries.get("customizations.xml"))
      .replace("<DisplayName>Conversation State form", "<DisplayName>&#x8;form");
    entries.set("customizations.xml", new TextEncoder().encode(xml));
    const zip = join(tempDir(), "bad.zip");
    writeFileSync(zip, zipEntries(entries));
    const target = join(tempDir(), "out");
    const r = runCli(["unpack", zip, target]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bad.zip: customizations.xml: ImportExportXml/WebResources/WebResource/DisplayName contains U+0008");
    expect(existsSync(target)).toBe(false);
  });
});
