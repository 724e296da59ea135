/**
 * The one source of truth for the solution: names, publisher, version, components and where the
 * built parts are. Every component name is derived from the publisher prefix here; the build
 * checks nothing else slipped in.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { STRINGS_WEB_RESOURCE } from "../plugins/form/resources";

export interface Publisher {
  uniqueName: string;
  displayName: string;
  description: string;
  /** CustomizationPrefix: every component name starts with `<prefix>_`. */
  prefix: string;
  /** CustomizationOptionValuePrefix: choice values start with it (10000–99999). */
  optionValuePrefix: number;
}

/** Web resource types by number, with the file extensions Dataverse accepts for each. */
export const WEB_RESOURCE_TYPES: Readonly<Record<number, { label: string; extensions: readonly string[] }>> = {
  1: { label: "Webpage (HTML)", extensions: ["htm", "html"] },
  2: { label: "Style Sheet (CSS)", extensions: ["css"] },
  3: { label: "Script (JScript)", extensions: ["js"] },
  4: { label: "Data (XML)", extensions: ["xml"] },
  5: { label: "PNG format", extensions: ["png"] },
  6: { label: "JPG format", extensions: ["jpg", "jpeg"] },
  7: { label: "GIF format", extensions: ["gif"] },
  8: { label: "Silverlight (XAP)", extensions: ["xap"] },
  9: { label: "Style Sheet (XSL)", extensions: ["xsl", "xslt"] },
  10: { label: "ICO format", extensions: ["ico"] },
  11: { label: "Vector format (SVG)", extensions: ["svg"] },
  12: { label: "String (RESX)", extensions: ["resx"] },
};

export interface WebResourceSpec {
  /** Full Dataverse name, e.g. `ocs_/conversationstate/form.js`. */
  name: string;
  displayName: string;
  description: string;
  type: number;
  /** The built file, relative to the project root. */
  source: string;
  /** The solution version that first shipped it; never changes afterwards. */
  introducedVersion: string;
  /** LanguageCode: the one language of a String (RESX) web resource, also named in its name (`….1033.resx`). */
  languageCode?: number;
  /** Web resources the platform loads with this one (its DependencyXml), e.g. the RESX files getResourceString reads. */
  dependencies?: readonly string[];
}

/**
 * The control's resx files, shipped a second time as String (RESX) web resources so the form script
 * reads the same text through Xrm.Utility.getResourceString(baseName, key).
 */
export interface StringResources {
  /** The control's strings folder, relative to the project root, holding `<name>.<lcid>.resx` files. */
  dir: string;
  /** getResourceString's first argument; each language is the web resource `<baseName>.<lcid>.resx`. */
  baseName: string;
  displayName: string;
  description: string;
  introducedVersion: string;
  /** The web resource that declares every language as a dependency, so the platform loads them with it. */
  usedBy: string;
}

export interface SolutionConfig {
  uniqueName: string;
  displayName: string;
  description: string;
  /** Four parts, e.g. `1.0.0.0`: package.json's version plus `.0`. */
  version: string;
  /** package.json's version when the configuration was loaded from a project (the build checks the manifest against it). */
  packageVersion?: string;
  /**
   * The base language: the language of solution.xml and of every label we write, and the one
   * language customizations.xml `<Languages>` lists. An environment needs only this language enabled
   * for a clean import; the String (RESX) web resources still ship every language of the strings folder.
   */
  languageCode: number;
  publisher: Publisher;
  webResources: WebResourceSpec[];
  strings: StringResources;
  /** The control's source manifest, whose `<control version>` must equal package.json's version, relative to the project root. */
  manifestFile: string;
  /** pcf-scripts' output folder (one sub-folder per control), relative to the project root. */
  controlsDir: string;
  /** Where the zips go, relative to the project root. */
  outDir: string;
  /** The last released version, relative to the project root. */
  releasedFile: string;
}

export const PUBLISHER: Publisher = {
  uniqueName: "omnichannelstate",
  displayName: "Omnichannel State",
  description: "Publisher of the Omnichannel conversation lifecycle components.",
  prefix: "ocs",
  optionValuePrefix: 57150,
};

/** package.json's `1.2.3` (or `1.2.3-beta.1`, whose pre-release tag is dropped) → `1.2.3.0`. */
export function solutionVersion(packageVersion: string): string {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(packageVersion.trim());
  if (!match) {
    throw new Error(`package.json version "${packageVersion}" is not semver (major.minor.patch). Fix the "version" field in package.json.`);
  }
  return `${match[1]}.${match[2]}.${match[3]}.0`;
}

/** The configuration for a version; the version is the only input that changes between releases. */
export function solutionConfig(version: string, publisher: Publisher = PUBLISHER): SolutionConfig {
  const formScript = `${publisher.prefix}_/conversationstate/form.js`;
  return {
    uniqueName: "OmnichannelConversationState",
    displayName: "Omnichannel Conversation State",
    description:
      "Conversation state badge (PCF control) and status-change form script for Omnichannel conversations. Bind them on the form; the solution itself depends on no Omnichannel table.",
    version,
    languageCode: 1033,
    publisher,
    webResources: [
      {
        name: formScript,
        displayName: "Conversation State form script",
        description: "ConversationState.Form.onLoad / onStatusChange / onSave for the conversation form.",
        type: 3,
        source: "out/webresources/conversationstate.form.js",
        introducedVersion: "1.0.0.0",
      },
    ],
    strings: {
      dir: "components/ConversationState/strings",
      // The name the form script passes to getResourceString, written once (plugins/form/resources.ts);
      // the build checks it carries the publisher prefix like every other name.
      baseName: STRINGS_WEB_RESOURCE,
      displayName: "Conversation State strings",
      description: "Localised text of the form script, read with Xrm.Utility.getResourceString: the control's resx file for one language.",
      introducedVersion: "1.0.0.0",
      usedBy: formScript,
    },
    manifestFile: "ControlManifest.Input.xml",
    controlsDir: "out/controls",
    outDir: "out/solution",
    releasedFile: "solution/released.json",
  };
}

/** The project's configuration: version from package.json in `root`. */
export function loadConfig(root: string): SolutionConfig {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version?: unknown };
  if (typeof pkg.version !== "string") throw new Error(`package.json in ${root} has no "version" field.`);
  return { ...solutionConfig(solutionVersion(pkg.version)), packageVersion: pkg.version };
}

/** The control's schema name, the name of its folder in the zip and of its RootComponent. */
export function controlSchemaName(prefix: string, namespace: string, constructor: string): string {
  return `${prefix}_${namespace}.${constructor}`;
}

/** Export-style file name: dots of the version become underscores, as Dataverse names its exports. */
export function zipFileName(config: Pick<SolutionConfig, "uniqueName" | "version">, managed: boolean): string {
  return `${config.uniqueName}_${config.version.replace(/\./g, "_")}${managed ? "_managed" : ""}.zip`;
}
