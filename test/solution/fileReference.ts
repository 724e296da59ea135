/**
 * The SolutionPackager file reference, for the component types our solution holds, as rules a test
 * can check an unpacked folder against. Each rule names its source:
 *
 * - FILE_REFERENCE: "Solution component file reference (SolutionPackager)", Power Apps developer
 *   docs (MicrosoftDocs/powerapps-docs, developer/data-platform/solution-component-file-reference-solutionpackager.md),
 *   section "Web resources": `\WebResources\<name>` and `\WebResources\<name>.data.xml`; folders are
 *   relative to the /folder parameter.
 * - CODE_COMPONENTS_ALM: "Code components application lifecycle management", Power Apps developer
 *   docs (developer/component-framework/code-components-alm.md), "Using Solution Packager with code
 *   components": `Controls/<prefix_namespace.ControlName>/` holding bundle.js, css, ControlManifest.xml
 *   and ControlManifest.xml.data.xml; `Other/Customizations.xml` and `Other/Solution.xml`.
 * - The shapes of the .data.xml files: unpacked solutions Microsoft commits (microsoft/powercat-creator-kit
 *   `src/Controls/cat_PowerCAT.APICaller/ControlManifest.xml.data.xml`, `src/WebResources/cat_DVPageLoc.1033.resx.data.xml`;
 *   microsoft/coe-starter-kit `src/WebResources/cat_/images/aa4pp.png.data.xml`): a `<WebResource>` or
 *   `<CustomControl>` root with xmlns:xsi and the elements customizations.xml holds for it.
 */
import { create } from "xmlbuilder2";

export const SOURCES = {
  FILE_REFERENCE: "Solution component file reference (SolutionPackager), Web resources",
  CODE_COMPONENTS_ALM: "Code components application lifecycle management, Using Solution Packager with code components",
} as const;

export interface FileRule {
  /** What the file is, as the reference names it. */
  what: string;
  source: string;
  /** Matches the path; the groups feed `partner`. */
  pattern: RegExp;
  /** The file that must sit beside this one (the content of a .data.xml, the metadata of a web resource). */
  partner?: (match: RegExpExecArray) => string;
  /** The root element of the file, for the XML files the reference describes. */
  root?: string;
}

export const RULES: readonly FileRule[] = [
  { what: "solution manifest", source: SOURCES.CODE_COMPONENTS_ALM, pattern: /^Other\/Solution\.xml$/, root: "ImportExportXml" },
  {
    what: "customizations, component sections moved out",
    source: SOURCES.CODE_COMPONENTS_ALM,
    pattern: /^Other\/Customizations\.xml$/,
    root: "ImportExportXml",
  },
  {
    what: "web resource metadata",
    source: SOURCES.FILE_REFERENCE,
    pattern: /^WebResources\/(.+)\.data\.xml$/,
    partner: (m) => `WebResources/${m[1]}`,
    root: "WebResource",
  },
  {
    what: "web resource, stored under its name (/ makes folders)",
    source: SOURCES.FILE_REFERENCE,
    pattern: /^WebResources\/(.+)$/,
    partner: (m) => `WebResources/${m[1]}.data.xml`,
  },
  {
    what: "code component metadata",
    source: SOURCES.CODE_COMPONENTS_ALM,
    pattern: /^Controls\/([a-z][a-z0-9]{1,7}_[^/]+\.[^/]+)\/ControlManifest\.xml\.data\.xml$/i,
    partner: (m) => `Controls/${m[1]}/ControlManifest.xml`,
    root: "CustomControl",
  },
  {
    what: "code component manifest",
    source: SOURCES.CODE_COMPONENTS_ALM,
    pattern: /^Controls\/([a-z][a-z0-9]{1,7}_[^/]+\.[^/]+)\/ControlManifest\.xml$/i,
    partner: (m) => `Controls/${m[1]}/ControlManifest.xml.data.xml`,
  },
  {
    what: "code component resource (bundle, css, resx), as the manifest names it",
    source: SOURCES.CODE_COMPONENTS_ALM,
    pattern: /^Controls\/([a-z][a-z0-9]{1,7}_[^/]+\.[^/]+)\/(.+)$/i,
    partner: (m) => `Controls/${m[1]}/ControlManifest.xml`,
  },
];

/** Files a SolutionPackager folder never holds: the zip's own root files. */
export const NEVER = ["[Content_Types].xml", "solution.xml", "customizations.xml"] as const;

/** The first rule a path matches (rules are ordered most specific first), with its match. */
export function ruleFor(path: string): { rule: FileRule; match: RegExpExecArray } | undefined {
  for (const rule of RULES) {
    const match = rule.pattern.exec(path);
    if (match) return { rule, match };
  }
  return undefined;
}

/** Every way a folder departs from the file reference; empty when it matches. */
export function fileReferenceProblems(files: ReadonlyMap<string, Uint8Array>): string[] {
  const problems: string[] = [];
  for (const path of NEVER) if (files.has(path)) problems.push(`${path}: a SolutionPackager folder has no such file`);
  for (const [path, bytes] of files) {
    if ((NEVER as readonly string[]).includes(path)) continue;
    const found = ruleFor(path);
    if (!found) {
      problems.push(`${path}: no rule of the file reference describes it`);
      continue;
    }
    const partner = found.rule.partner?.(found.match);
    if (partner && !files.has(partner)) problems.push(`${path} (${found.rule.what}): ${partner} is missing beside it`);
    if (found.rule.root) {
      const name = (create(new TextDecoder().decode(bytes).replace(/^\uFEFF/, "")).root().node as unknown as Element).nodeName;
      if (name !== found.rule.root) problems.push(`${path}: root <${name}>, the reference has <${found.rule.root}>`);
    }
  }
  return problems;
}
