/**
 * The zips `npm run build` made from the real control and form script (npm test builds first).
 * Run `npm run build` before running this file alone.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { unzipSync } from "fflate";
import { buildSolution } from "../../solution/build";
import { loadConfig, zipFileName } from "../../solution/config";
import { parseManifest } from "../../solution/control";
import { webResourceFileName, webResourceId } from "../../solution/names";
import { dependencyNames } from "../../solution/verify";
import { fileReferenceProblems } from "./fileReference";
import { ROOT, runCli, tempDir, textOf, validateXsd } from "./helpers";
import { readTree } from "../../solution/zip";

const config = loadConfig(ROOT);
const paths = [false, true].map((managed) => join(ROOT, config.outDir, zipFileName(config, managed)));

beforeAll(() => {
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length > 0) throw new Error(`${missing.join(", ")} not built: run \`npm run build\` first.`);
});

const read = (path: string) => unzipSync(readFileSync(path));
const SCHEMA = "ocs_OmnichannelLifecycle.ConversationState";

test("both real zips validate against the XSD", () => {
  const dir = tempDir();
  const files = paths.map((path, i) => {
    const file = join(dir, `customizations-${i}.xml`);
    writeFileSync(file, read(path)["customizations.xml"]!);
    return file;
  });
  expect(validateXsd(...files).map((r) => [r.valid, r.errors])).toEqual([
    [true, []],
    [true, []],
  ]);
});

test("the real control: built manifest, bundle and every file it references are in the zip, byte for byte", () => {
  const files = read(paths[0]!);
  const manifest = readFileSync(join(ROOT, "out/controls/ControlManifest.xml"));
  expect(Buffer.from(files[`Controls/${SCHEMA}/ControlManifest.xml`]!).equals(manifest)).toBe(true);
  const identity = parseManifest(manifest.toString("utf8"), "out/controls/ControlManifest.xml");
  expect(identity).toMatchObject({ namespace: "OmnichannelLifecycle", constructor: "ConversationState" });
  expect(identity.references).toContain("bundle.js");
  for (const path of identity.references) {
    expect(Buffer.from(files[`Controls/${SCHEMA}/${path}`]!).equals(readFileSync(join(ROOT, "out/controls", path)))).toBe(true);
  }
});

const entryOf = (name: string) => webResourceFileName(name, webResourceId(name));

test("the real form script is the JScript web resource", () => {
  const files = read(paths[0]!);
  const entry = entryOf("ocs_/conversationstate/form.js");
  expect(Buffer.from(files[entry]!).equals(readFileSync(join(ROOT, "out/webresources/conversationstate.form.js")))).toBe(true);
  expect(textOf(files[entry])).toContain("ConversationState");
});

test("the real strings: one RESX web resource per resx file of components/ConversationState/strings, byte for byte, all the form script's dependencies", () => {
  const dir = join(ROOT, "components/ConversationState/strings");
  const lcids = readdirSync(dir)
    .map((name) => /\.(\d+)\.resx$/.exec(name)?.[1])
    .filter((lcid) => lcid !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  expect(lcids).toEqual([1025, 1033, 1036]);
  for (const path of paths) {
    const files = read(path);
    const customizations = textOf(files["customizations.xml"]);
    for (const lcid of lcids) {
      const name = `ocs_/conversationstate/strings.${lcid}.resx`;
      expect(Buffer.from(files[entryOf(name)]!).equals(readFileSync(join(dir, `ConversationState.${lcid}.resx`)))).toBe(true);
      expect(customizations).toContain(`<Name>${name}</Name>`);
      expect(textOf(files["solution.xml"])).toContain(`<RootComponent type="61" schemaName="${name}" behavior="0"/>`);
    }
    const escaped = /<DependencyXml>(.*)<\/DependencyXml>/.exec(customizations)![1]!;
    const inner = escaped
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
    expect(dependencyNames(inner)).toEqual(lcids.map((lcid) => `ocs_/conversationstate/strings.${lcid}.resx`));
  }
});

test("solution.xml carries package.json's version and the managed flag", () => {
  const version = `${JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version}.0`;
  expect(
    paths.map((path) => /<Version>(.*)<\/Version>[\s\S]*<Managed>(\d)<\/Managed>/.exec(textOf(read(path)["solution.xml"]))!.slice(1)),
  ).toEqual([
    [version, "0"],
    [version, "1"],
  ]);
});

test("rebuilding from the same real outputs gives byte-identical zips", () => {
  const again = buildSolution(ROOT, { ...config, outDir: relative(ROOT, tempDir()) });
  expect(again.zips.map((z, i) => readFileSync(z.path).equals(readFileSync(paths[i]!)))).toEqual([true, true]);
});

test.each([0, 1])(
  "the real zip %i: unpack to the SolutionPackager layout matches the file reference, and packs back byte for byte",
  (i) => {
    const dir = join(tempDir(), "unpacked");
    const zip = join(tempDir(), "repacked.zip");
    const unpack = runCli(["unpack", paths[i]!, dir]);
    expect([unpack.code, unpack.stderr]).toEqual([0, ""]);
    expect(fileReferenceProblems(readTree(dir))).toEqual([]);
    const pack = runCli(["pack", dir, zip]);
    expect([pack.code, pack.stderr]).toEqual([0, ""]);
    expect(readFileSync(zip).equals(readFileSync(paths[i]!))).toBe(true);
  },
);
