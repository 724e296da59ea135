/** Shared by the solution tests: temporary project roots built from fixtures, the CLI, the XSD check. */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create } from "xmlbuilder2";
import { setControlVersion } from "../../solution/manifestVersion";

export const ROOT = join(__dirname, "../..");
export const FIXTURES = join(ROOT, "test/fixtures/solution");
export const CLI = join(ROOT, "dist/solution/cli.js");

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "solution-test-"));
  made.push(dir);
  return dir;
}

export interface ProjectOptions {
  version?: string;
  released?: string;
  /** Where the built control sits under out/controls: "." (manifest at the root, as here) or a sub-folder. */
  controlFolder?: string;
  /** Copy the control from here instead of the fixture. */
  controlSource?: string;
  /** The control's version in ControlManifest.Input.xml; package.json's version by default. */
  manifestVersion?: string;
  /** The version in the built out/controls manifest; the input manifest's by default. */
  builtManifestVersion?: string;
}

/** The fixture control's resx files: in a fixture project they are also the strings folder, as in ours. */
export const FIXTURE_STRINGS = join(FIXTURES, "control/components/ConversationState/strings");

/** A project root shaped like ours after build:control and build:form, made from the fixtures. */
export function makeProject(options: ProjectOptions = {}): string {
  const root = tempDir();
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "fixture", version: options.version ?? "1.0.0" }));
  mkdirSync(join(root, "solution"));
  writeFileSync(join(root, "solution/released.json"), JSON.stringify({ version: options.released ?? "0.0.0.0" }));
  const controlDir = join(root, "out/controls", options.controlFolder ?? ".");
  cpSync(options.controlSource ?? join(FIXTURES, "control"), controlDir, { recursive: true });
  // The source manifest at the project root, and the built one, carry the release version (solution/release.ts).
  const version = (options.version ?? "1.0.0").replace(/[-+].*$/, "");
  const manifest = readFileSync(join(FIXTURES, "control/ControlManifest.xml"), "utf8");
  const manifestVersion = options.manifestVersion ?? version;
  writeFileSync(join(root, "ControlManifest.Input.xml"), setControlVersion(manifest, manifestVersion, "fixture manifest"));
  if (!options.controlSource) {
    const built = options.builtManifestVersion ?? manifestVersion;
    writeFileSync(join(controlDir, "ControlManifest.xml"), setControlVersion(manifest, built, "fixture manifest"));
  }
  cpSync(join(FIXTURES, "webresources"), join(root, "out/webresources"), { recursive: true });
  cpSync(FIXTURE_STRINGS, join(root, "components/ConversationState/strings"), { recursive: true });
  return root;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface XsdResult {
  file: string;
  valid: boolean;
  errors: { line: number; message: string }[];
}

/** Validates files against CustomizationsSolution.xsd with libxml2-wasm (see validate-xsd.mjs). */
export function validateXsd(...files: string[]): XsdResult[] {
  const result = spawnSync(process.execPath, [join(__dirname, "validate-xsd.mjs"), ...files], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`validate-xsd.mjs failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as XsdResult[];
}

const decoder = new TextDecoder();
export const textOf = (bytes: Uint8Array | undefined): string => {
  if (!bytes) throw new Error("entry missing");
  return decoder.decode(bytes);
};

/** Element names of a node's element children, in document order. */
export function childNames(xml: string, path: string[]): string[] {
  let node = create(xml.replace(/^\uFEFF/, "")).root().node as unknown as Element;
  for (const name of path) {
    const next = Array.from(node.childNodes).find((c) => c.nodeType === 1 && c.nodeName === name);
    if (!next) throw new Error(`no <${name}> under <${node.nodeName}>`);
    node = next as Element;
  }
  return Array.from(node.childNodes)
    .filter((c) => c.nodeType === 1)
    .map((c) => c.nodeName);
}

/** Attribute names of the element at `path` (the root's attributes for an empty path). */
export function attributeNames(xml: string, path: string[]): string[] {
  let node = create(xml.replace(/^\uFEFF/, "")).root().node as unknown as Element;
  for (const name of path) node = Array.from(node.childNodes).find((c) => c.nodeType === 1 && c.nodeName === name) as Element;
  return Array.from(node.attributes).map((a) => a.name);
}
