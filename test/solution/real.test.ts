/**
 * The zips `npm run build` made from the real control and form script (npm test builds first).
 * Run `npm run build` before running this file alone.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { unzipSync } from "fflate";
import { buildSolution } from "../../solution/build";
import { loadConfig, zipFileName } from "../../solution/config";
import { parseManifest } from "../../solution/control";
import { ROOT, tempDir, textOf, validateXsd } from "./helpers";

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
  expect(validateXsd(...files).map((r) => [r.valid, r.errors])).toEqual([[true, []], [true, []]]);
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

test("the real form script is the JScript web resource", () => {
  const files = read(paths[0]!);
  const [entry] = Object.keys(files).filter((p) => p.startsWith("WebResources/"));
  expect(Buffer.from(files[entry!]!).equals(readFileSync(join(ROOT, "out/webresources/conversationstate.form.js")))).toBe(true);
  expect(textOf(files[entry!])).toContain("ConversationState");
});

test("solution.xml carries package.json's version and the managed flag", () => {
  const version = `${JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version}.0`;
  expect(paths.map((path) => /<Version>(.*)<\/Version>[\s\S]*<Managed>(\d)<\/Managed>/.exec(textOf(read(path)["solution.xml"]))!.slice(1))).toEqual([
    [version, "0"],
    [version, "1"],
  ]);
});

test("rebuilding from the same real outputs gives byte-identical zips", () => {
  const again = buildSolution(ROOT, { ...config, outDir: relative(ROOT, tempDir()) });
  expect(again.zips.map((z, i) => readFileSync(z.path).equals(readFileSync(paths[i]!)))).toEqual([true, true]);
});
