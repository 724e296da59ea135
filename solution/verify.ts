/**
 * Checks a solution's entries (what goes into, or came out of, a zip): the root files exist, every
 * component carries the publisher prefix, web resource names are valid, and no file that
 * customizations.xml or a control manifest names is missing. Used by `build` and by `pack`.
 */
import { create } from "xmlbuilder2";
import { missingReferences, parseManifest } from "./control";
import { checkPrefixed, checkWebResourceName } from "./names";
import { problem, type Problem } from "./problems";
import { checkXmlDocument } from "./xml";

type XmlObject = { [key: string]: unknown };
const asObject = (value: unknown): XmlObject => (value && typeof value === "object" && !Array.isArray(value) ? (value as XmlObject) : {});
const list = (value: unknown): XmlObject[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(asObject);
const text = (value: unknown): string =>
  typeof value === "string" ? value : typeof asObject(value)["#"] === "string" ? (asObject(value)["#"] as string) : "";

export const ROOT_FILES = ["solution.xml", "customizations.xml", "[Content_Types].xml"] as const;

const decoder = new TextDecoder();

function parse(entries: ReadonlyMap<string, Uint8Array>, path: string): XmlObject {
  try {
    return create(decoder.decode(entries.get(path)!).replace(/^\uFEFF/, "")).end({ format: "object" }) as XmlObject;
  } catch (error) {
    throw new Error(`${path} is not well-formed XML: ${(error as Error).message}`);
  }
}

/** What solution.xml says about the solution; enough for summaries and checks. */
export interface SolutionHeader {
  uniqueName: string;
  version: string;
  managed: boolean;
  prefix: string;
  rootComponents: { type: number; schemaName: string }[];
}

export function readHeader(entries: ReadonlyMap<string, Uint8Array>): SolutionHeader {
  const manifest = asObject(asObject(parse(entries, "solution.xml").ImportExportXml).SolutionManifest);
  return {
    uniqueName: text(manifest.UniqueName),
    version: text(manifest.Version),
    managed: text(manifest.Managed) === "1",
    prefix: text(asObject(manifest.Publisher).CustomizationPrefix),
    rootComponents: list(asObject(manifest.RootComponents).RootComponent).map((c) => ({
      type: Number(c["@type"]),
      schemaName: String(c["@schemaName"] ?? ""),
    })),
  };
}

/** xmlbuilder2's object form keeps text escaped (`&lt;`); the XML parser itself decodes it. */
const unescapeText = (escaped: string): string => create(`<t>${escaped}</t>`).root().node.textContent ?? "";

/** The web resources a DependencyXml names (its <Library name>s); throws when it is not XML. */
export function dependencyNames(xml: string): string[] {
  const root = asObject(create(xml).end({ format: "object" }) as XmlObject).Dependencies;
  return list(asObject(root).Dependency).flatMap((dependency) => list(dependency.Library).map((library) => String(library["@name"] ?? "")));
}

/** Every library a web resource depends on must be in the solution, or the platform cannot load it. */
function checkDependencies(name: string, xml: string, known: ReadonlySet<string>, label: string): Problem[] {
  if (xml.trim() === "") return [];
  let names: string[];
  try {
    names = dependencyNames(xml);
  } catch (error) {
    return [
      problem(
        "missing-dependency",
        `${label}: the DependencyXml of web resource ${name} is not well-formed XML (${(error as Error).message}).`,
        "Restore customizations.xml from a build (`npm run build`).",
      ),
    ];
  }
  return names
    .filter((library) => !known.has(library))
    .map((library) =>
      problem(
        "missing-dependency",
        `${label}: web resource ${name} depends on ${library}, which the solution does not define.`,
        "Add that web resource back to customizations.xml (and its file), or rebuild with `npm run build`.",
      ),
    );
}

export function checkEntries(entries: ReadonlyMap<string, Uint8Array>, label: string): Problem[] {
  const absent = ROOT_FILES.filter((path) => !entries.has(path));
  if (absent.length > 0) {
    return [
      problem(
        "not-a-solution",
        `${label} has no ${absent.join(", ")} at its root, so it is not a solution.`,
        `Point at an unpacked solution folder (made by \`npm run solution:unpack\`) or a zip built by \`npm run build\`.`,
      ),
    ];
  }
  // Character references such as &#x1; parse, but no XML 1.0 reader accepts them: refuse them here.
  for (const path of ["solution.xml", "customizations.xml"]) checkXmlDocument(entries.get(path)!, `${label}: ${path}`);
  const header = readHeader(entries);
  if (!header.prefix)
    return [
      problem("not-a-solution", `${label}: solution.xml has no Publisher/CustomizationPrefix.`, "Restore solution.xml from a build."),
    ];
  const problems: Problem[] = [];
  const customizations = asObject(parse(entries, "customizations.xml").ImportExportXml);
  const needFile = (fileName: string, what: string) => {
    if (!entries.has(fileName.replace(/^\//, ""))) {
      problems.push(
        problem(
          "missing-file",
          `${label}: ${what} names ${fileName}, which is not in the solution.`,
          "Add the file back, or rebuild with `npm run build`.",
        ),
      );
    }
  };

  const webResources = list(asObject(customizations.WebResources).WebResource);
  const webResourceNames = new Set(webResources.map((resource) => text(resource.Name)));
  for (const resource of webResources) {
    const name = text(resource.Name);
    const languageCode = text(resource.LanguageCode);
    problems.push(
      ...checkWebResourceName(
        name,
        Number(text(resource.WebResourceType)),
        header.prefix,
        languageCode === "" ? undefined : Number(languageCode),
      ),
    );
    needFile(text(resource.FileName), `web resource ${name}`);
    problems.push(...checkDependencies(name, unescapeText(text(resource.DependencyXml)), webResourceNames, label));
  }

  const controlNames = new Set<string>();
  for (const control of list(asObject(customizations.CustomControls).CustomControl)) {
    const name = text(control.Name);
    const fileName = text(control.FileName);
    controlNames.add(name);
    problems.push(...checkPrefixed("Custom control", name, header.prefix));
    needFile(fileName, `custom control ${name}`);
    const path = fileName.replace(/^\//, "");
    if (!entries.has(path)) continue;
    const folder = path.slice(0, path.lastIndexOf("/"));
    const identity = parseManifest(decoder.decode(entries.get(path)!), `${label}: ${path}`);
    const files = new Map([...entries].filter(([p]) => p.startsWith(`${folder}/`)).map(([p, b]) => [p.slice(folder.length + 1), b]));
    problems.push(...missingReferences(identity, files, `${label}: ${folder}`, "Add the file back, or rebuild with `npm run build`."));
  }

  for (const component of header.rootComponents) {
    problems.push(...checkPrefixed(`Root component (type ${component.type})`, component.schemaName, header.prefix));
    const known = component.type === 61 ? webResourceNames : component.type === 66 ? controlNames : undefined;
    if (known && !known.has(component.schemaName)) {
      problems.push(
        problem(
          "missing-file",
          `${label}: solution.xml lists root component ${component.schemaName} (type ${component.type}), but customizations.xml does not define it.`,
          "Make solution.xml and customizations.xml agree, or rebuild with `npm run build`.",
        ),
      );
    }
  }
  return problems;
}
