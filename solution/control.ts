/**
 * The built PCF control as pcf-scripts leaves it: `<controlsDir>/<folder>/ControlManifest.xml`
 * next to bundle.js, css and resx at the paths the manifest names.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { create } from "xmlbuilder2";
import { controlSchemaName } from "./config";
import type { ControlPart } from "./pack";
import { problem, type Problem } from "./problems";
import { readTree } from "./zip";

export interface ControlIdentity {
  namespace: string;
  constructor: string;
  /** Every file the manifest's <resources> names (code, css, resx, img, html…), relative to the control folder. */
  references: string[];
}

type XmlObject = { [key: string]: unknown };
const asObject = (value: unknown): XmlObject | undefined =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as XmlObject) : undefined;

/** Paths named by `path` attributes anywhere under <resources>, except platform libraries (the host provides those). */
function resourcePaths(node: unknown, into: string[]): void {
  if (Array.isArray(node)) return node.forEach((child) => resourcePaths(child, into));
  const object = asObject(node);
  if (!object) return;
  for (const [key, value] of Object.entries(object)) {
    if (key === "@path" && typeof value === "string") into.push(value.replace(/\\/g, "/"));
    else if (key !== "platform-library" && !key.startsWith("@")) resourcePaths(value, into);
  }
}

/** Reads namespace, constructor and referenced files from a built ControlManifest.xml. */
export function parseManifest(xml: string, label: string): ControlIdentity {
  let doc: XmlObject;
  try {
    doc = create(xml.replace(/^\uFEFF/, "")).end({ format: "object" }) as XmlObject;
  } catch (error) {
    throw new Error(`${label} is not well-formed XML: ${(error as Error).message}`);
  }
  const control = asObject(asObject(doc.manifest)?.control);
  const namespace = control?.["@namespace"];
  const constructor = control?.["@constructor"];
  if (typeof namespace !== "string" || typeof constructor !== "string") {
    throw new Error(`${label} has no <manifest><control namespace="…" constructor="…">.`);
  }
  const references: string[] = [];
  resourcePaths(control?.resources, references);
  return { namespace, constructor, references };
}

/** The control's manifest path checks: each referenced file must be among `files`. */
export function missingReferences(
  identity: ControlIdentity,
  files: ReadonlyMap<string, Uint8Array>,
  where: string,
  fix: string,
): Problem[] {
  return identity.references
    .filter((path) => !files.has(path))
    .map((path) => problem("missing-file", `${where}/${path} is referenced by ControlManifest.xml but missing.`, fix));
}

const REBUILD = 'Run `npm run build:control` and check its output for "[build] Failed".';

/**
 * Finds the one built control and loads it, or explains what is missing. With the manifest at the
 * project root pcf-scripts writes straight into `controlsDir`; with controls in sub-folders it
 * writes one folder per control.
 */
export function loadBuiltControl(
  controlsDir: string,
  prefix: string,
): { control?: ControlPart; identity?: ControlIdentity; problems: Problem[] } {
  const hasManifest = (dir: string) => existsSync(join(dir, "ControlManifest.xml"));
  const folders = hasManifest(controlsDir)
    ? ["."]
    : existsSync(controlsDir)
      ? readdirSync(controlsDir).filter((name) => statSync(join(controlsDir, name)).isDirectory() && hasManifest(join(controlsDir, name)))
      : [];
  if (folders.length === 0) {
    return {
      problems: [
        problem(
          "no-control",
          `No built control: neither ${controlsDir}/ControlManifest.xml nor ${controlsDir}/*/ControlManifest.xml exists.`,
          REBUILD,
        ),
      ],
    };
  }
  if (folders.length > 1) {
    return {
      problems: [
        problem(
          "many-controls",
          `${controlsDir} holds ${folders.length} built controls (${folders.sort().join(", ")}); the solution ships exactly one.`,
          `Delete ${controlsDir} and run \`npm run build:control\` again.`,
        ),
      ],
    };
  }
  const dir = join(controlsDir, folders[0]!);
  const files = readTree(dir);
  let identity: ControlIdentity;
  try {
    identity = parseManifest(Buffer.from(files.get("ControlManifest.xml")!).toString("utf8"), `${dir}/ControlManifest.xml`);
  } catch (error) {
    return { problems: [problem("bad-manifest", (error as Error).message, REBUILD)] };
  }
  const problems = missingReferences(identity, files, dir, REBUILD);
  const control: ControlPart = { schemaName: controlSchemaName(prefix, identity.namespace, identity.constructor), files };
  return { control, identity, problems };
}
