/**
 * The two folder layouts of a solution, as pure functions over `path → bytes` maps:
 *
 * - **zip**: the zip's own entries (solution.xml, customizations.xml, [Content_Types].xml, …).
 * - **packager**: what SolutionPackager and `pac solution unpack` write, the form teams commit.
 *   `Other/Solution.xml`; `Other/Customizations.xml` with the component sections moved out; each
 *   web resource under its name (`/` makes folders) beside `<name>.data.xml` holding its metadata;
 *   each control as `Controls/<prefix_namespace.Control>/ControlManifest.xml` beside
 *   `ControlManifest.xml.data.xml`; no [Content_Types].xml (the packer writes it).
 *
 * Sources: "Solution component file reference (SolutionPackager)" (Power Apps developer docs,
 * Web resources), "Code components application lifecycle management" (Using Solution Packager with
 * code components), and unpacked solutions Microsoft commits (microsoft/powercat-creator-kit,
 * microsoft/coe-starter-kit). `fromPackagerLayout(toPackagerLayout(zip))` gives back the zip's
 * entries byte for byte for the zips `npm run build` writes.
 */
import { builder } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";
import { checkEntryPath } from "./entryNames";
import { contentTypesXml } from "./pack";
import { childText, elementChildren, newDocument, parseXml, serialise, XSI } from "./xml";

export type Layout = "zip" | "packager";

export const ZIP_ROOT = { solution: "solution.xml", customizations: "customizations.xml", contentTypes: "[Content_Types].xml" } as const;
export const PACKAGER = {
  solution: "Other/Solution.xml",
  customizations: "Other/Customizations.xml",
  webResources: "WebResources/",
  controls: "Controls/",
  data: ".data.xml",
} as const;

/** customizations.xml sections this packer moves out to their own files. */
const SPLIT = { webResources: "WebResources", customControls: "CustomControls" } as const;
/** Sections SolutionPackager keeps inside Other/Customizations.xml (seen in unpacked solutions Microsoft commits). */
const INLINE = new Set(["Languages", "connectionreferences"]);

/** Which layout a folder holds; throws a message saying what is missing or ambiguous. */
export function detectLayout(paths: readonly string[], label: string): Layout {
  const has = (path: string) => paths.includes(path);
  const zip = has(ZIP_ROOT.solution) || has(ZIP_ROOT.customizations);
  const packager = has(PACKAGER.solution) || has(PACKAGER.customizations);
  if (zip && packager) {
    throw new Error(
      `${label} holds both solution.xml at its root and Other/Solution.xml: it mixes the zip and SolutionPackager layouts. Keep one.`,
    );
  }
  if (packager) return "packager";
  if (zip) return "zip";
  throw new Error(
    `${label} has neither Other/Solution.xml (SolutionPackager layout) nor solution.xml (zip layout), so it is not a solution. Point at a folder made by \`npm run solution:unpack\` or \`pac solution unpack\`.`,
  );
}

type Files = Map<string, Uint8Array>;

function addOnce(files: Files, path: string, bytes: Uint8Array, label: string): void {
  checkEntryPath(path, `${label}: file`);
  if (files.has(path)) throw new Error(`${label}: two components would both be written as ${path}. Rename one of them.`);
  files.set(path, bytes);
}

/** A new document whose root `name` carries xmlns:xsi and copies of `children`, as SolutionPackager writes a .data.xml. */
function dataDocument(name: string, children: readonly unknown[]): XMLBuilder {
  const doc = newDocument();
  const root = doc.ele(name, { "xmlns:xsi": XSI });
  for (const child of children) root.import(builder(child as never));
  return doc;
}

const sectionOf = (root: unknown, name: string, label: string): unknown => {
  const section = elementChildren(root).find((child) => child.nodeName === name);
  if (!section) throw new Error(`${label} has no <${name}> section. Restore it from a build (\`npm run build\`).`);
  return section;
};

const zipPathOf = (fileName: string) => fileName.replace(/^\//, "");

/** Zip entries → SolutionPackager folder files. */
export function toPackagerLayout(entries: ReadonlyMap<string, Uint8Array>, label: string): Files {
  for (const path of Object.values(ZIP_ROOT)) {
    if (!entries.has(path)) throw new Error(`${label} has no ${path} at its root, so it is not a solution.`);
  }
  const customizations = parseXml(entries.get(ZIP_ROOT.customizations)!, `${label}: customizations.xml`);
  const root = customizations.root().node;
  for (const section of elementChildren(root)) {
    const split = Object.values(SPLIT).includes(section.nodeName as never);
    if (!split && !INLINE.has(section.nodeName) && elementChildren(section).length > 0) {
      throw new Error(
        `${label}: customizations.xml has <${section.nodeName}> content, which this packer does not split into the SolutionPackager layout (it splits web resources and code components). Unpack it with \`pac solution unpack\`, or with --layout zip.`,
      );
    }
  }
  const files: Files = new Map();
  const consumed = new Set<string>(Object.values(ZIP_ROOT));

  for (const resource of elementChildren(sectionOf(root, SPLIT.webResources, `${label}: customizations.xml`))) {
    const name = childText(resource, "Name");
    const zipPath = zipPathOf(childText(resource, "FileName"));
    const content = entries.get(zipPath);
    if (!name || content === undefined) {
      throw new Error(
        `${label}: web resource "${name}" names the file "${zipPath}", which is not in the zip. Rebuild it with \`npm run build\`.`,
      );
    }
    addOnce(files, `${PACKAGER.webResources}${name}`, content, label);
    const data = dataDocument("WebResource", elementChildren(resource));
    addOnce(
      files,
      `${PACKAGER.webResources}${name}${PACKAGER.data}`,
      serialise(data, `${PACKAGER.webResources}${name}${PACKAGER.data}`),
      label,
    );
    consumed.add(zipPath);
    (resource as unknown as { remove(): void }).remove();
  }
  for (const control of elementChildren(sectionOf(root, SPLIT.customControls, `${label}: customizations.xml`))) {
    const manifest = zipPathOf(childText(control, "FileName"));
    if (!entries.has(manifest))
      throw new Error(`${label}: code component "${childText(control, "Name")}" names ${manifest}, which is not in the zip.`);
    const dataPath = `${manifest}${PACKAGER.data}`;
    addOnce(files, dataPath, serialise(dataDocument("CustomControl", elementChildren(control)), dataPath), label);
    (control as unknown as { remove(): void }).remove();
  }

  addOnce(files, PACKAGER.solution, entries.get(ZIP_ROOT.solution)!, label);
  const skeleton = newDocument();
  skeleton.import(builder(root as never));
  addOnce(files, PACKAGER.customizations, serialise(skeleton, PACKAGER.customizations), label);
  for (const [path, bytes] of entries) if (!consumed.has(path)) addOnce(files, path, bytes, label);
  return files;
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** SolutionPackager folder files → zip entries, [Content_Types].xml included. */
export function fromPackagerLayout(files: ReadonlyMap<string, Uint8Array>, label: string): Files {
  for (const path of [PACKAGER.solution, PACKAGER.customizations]) {
    if (!files.has(path)) throw new Error(`${label} has no ${path}, so it is not a SolutionPackager folder.`);
  }
  const solution = files.get(PACKAGER.solution)!;
  if (/<Managed>\s*2\s*<\/Managed>/.test(new TextDecoder().decode(solution))) {
    throw new Error(
      `${label}: Other/Solution.xml says <Managed>2</Managed> (both), as \`pac solution unpack --packagetype Both\` writes. Pack it with \`pac solution pack --packagetype Managed\` or Unmanaged; this packer packs single-type folders.`,
    );
  }
  const consumed = new Set<string>([PACKAGER.solution, PACKAGER.customizations]);
  const entries: Files = new Map();
  const resources: { name: string; children: unknown[] }[] = [];
  const controls: { name: string; children: unknown[] }[] = [];

  for (const path of [...files.keys()].filter((p) => p.startsWith(PACKAGER.webResources) && p.endsWith(PACKAGER.data))) {
    const data = parseXml(files.get(path)!, `${label}: ${path}`).root().node;
    const name = childText(data, "Name");
    const contentPath = path.slice(0, -PACKAGER.data.length);
    if ((data as unknown as { nodeName: string }).nodeName !== "WebResource" || `${PACKAGER.webResources}${name}` !== contentPath) {
      throw new Error(
        `${label}: ${path} must be a <WebResource> whose <Name> is "${contentPath.slice(PACKAGER.webResources.length)}" (it says "${name}"). Rename the file or fix <Name>.`,
      );
    }
    if (!files.has(contentPath))
      throw new Error(
        `${label}: ${path} describes ${contentPath}, which is missing. Add the file back, or rebuild with \`npm run build\`.`,
      );
    const fileName = childText(data, "FileName");
    if (!fileName.startsWith(`/${PACKAGER.webResources}`) || fileName.slice(1 + PACKAGER.webResources.length).includes("/")) {
      throw new Error(
        `${label}: ${path} has <FileName>${fileName}</FileName>; a web resource's file goes directly under /WebResources/ in the zip. Restore the file from \`npm run solution:unpack\`.`,
      );
    }
    addOnce(entries, zipPathOf(fileName), files.get(contentPath)!, label);
    resources.push({ name, children: elementChildren(data) });
    consumed.add(path).add(contentPath);
  }
  for (const path of [...files.keys()].filter(
    (p) => p.startsWith(PACKAGER.controls) && p.endsWith(`/ControlManifest.xml${PACKAGER.data}`),
  )) {
    const data = parseXml(files.get(path)!, `${label}: ${path}`).root().node;
    const manifest = path.slice(0, -PACKAGER.data.length);
    if ((data as unknown as { nodeName: string }).nodeName !== "CustomControl" || zipPathOf(childText(data, "FileName")) !== manifest) {
      throw new Error(
        `${label}: ${path} must be a <CustomControl> whose <FileName> is /${manifest}. Fix <FileName>, or restore the file from \`npm run solution:unpack\`.`,
      );
    }
    if (!files.has(manifest))
      throw new Error(`${label}: ${path} describes ${manifest}, which is missing. Copy the built control there (\`npm run build\`).`);
    controls.push({ name: childText(data, "Name"), children: elementChildren(data) });
    consumed.add(path);
  }
  for (const path of files.keys()) {
    if (consumed.has(path)) continue;
    if (path.startsWith(PACKAGER.webResources))
      throw new Error(
        `${label}: ${path} has no ${path.slice(PACKAGER.webResources.length)}${PACKAGER.data} beside it, so nothing says what web resource it is. Add its metadata or remove the file.`,
      );
    if (path.startsWith("Other/"))
      throw new Error(
        `${label}: ${path} is not read by this packer (it reads Other/Solution.xml and Other/Customizations.xml). Remove it, or pack with \`pac solution pack\`.`,
      );
    if (path === ZIP_ROOT.contentTypes)
      throw new Error(`${label}: [Content_Types].xml does not belong in a SolutionPackager folder (the packer writes it). Remove it.`);
    addOnce(entries, path, files.get(path)!, label);
  }

  const customizations = parseXml(files.get(PACKAGER.customizations)!, `${label}: ${PACKAGER.customizations}`);
  const root = customizations.root().node;
  for (const [section, element, items] of [
    [SPLIT.webResources, "WebResource", resources],
    [SPLIT.customControls, "CustomControl", controls],
  ] as const) {
    const target = builder(sectionOf(root, section, `${label}: ${PACKAGER.customizations}`) as never);
    for (const item of [...items].sort(byName)) {
      const copy = target.ele(element);
      for (const child of item.children) copy.import(builder(child as never));
    }
  }
  const doc = newDocument();
  doc.import(builder(root as never));
  entries.set(ZIP_ROOT.solution, solution);
  entries.set(ZIP_ROOT.customizations, serialise(doc, "customizations.xml"));
  entries.set(ZIP_ROOT.contentTypes, contentTypesXml([...entries.keys()].sort()));
  return entries;
}
