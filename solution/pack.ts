/**
 * Pure packing: configuration + built parts → the zip's entries. XML is written with xmlbuilder2,
 * elements in the order of CustomizationsSolution.xsd and of what pac/msbuild writes.
 */
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";
import type { SolutionConfig, WebResourceSpec } from "./config";
import { dependencyId, webResourceFileName, webResourceId } from "./names";
import { newDocument, serialise, XSI } from "./xml";

export interface ControlPart {
  schemaName: string;
  /** The control's built files, keyed by their path inside the control folder (ControlManifest.xml, bundle.js, …). */
  files: ReadonlyMap<string, Uint8Array>;
}

export interface WebResourcePart {
  spec: WebResourceSpec;
  content: Uint8Array;
}

export interface SolutionParts {
  control: ControlPart;
  webResources: readonly WebResourcePart[];
}

/** Root component types (solutioncomponent.componenttype). */
export const COMPONENT_TYPE = { webResource: 61, customControl: 66 } as const;

export const controlFolder = (schemaName: string) => `Controls/${schemaName}`;

/**
 * customizations.xml `<Languages>`: the solution's base language only, as pac writes it. Dataverse
 * checks at import that every language listed there is enabled in the target environment and ends
 * the import "successfully with warnings" when one is not (Power Platform ALM guide, "Create
 * solutions that support multiple languages"). The RESX web resources still carry every language:
 * each names its own LanguageCode, and getResourceString picks the user's.
 */
export const solutionLanguages = (config: Pick<SolutionConfig, "languageCode">): number[] => [config.languageCode];

/** The languages of the String (RESX) web resources, ascending. */
export const stringLanguages = (parts: SolutionParts): number[] =>
  parts.webResources
    .map((part) => part.spec.languageCode)
    .filter((lcid): lcid is number => lcid !== undefined)
    .sort((a, b) => a - b);

/** The publisher's address block as pac writes it: two addresses with every field nil except the codes. */
const ADDRESS_FIELDS = [
  "City",
  "County",
  "Country",
  "Fax",
  "FreightTermsCode",
  "ImportSequenceNumber",
  "Latitude",
  "Line1",
  "Line2",
  "Line3",
  "Longitude",
  "Name",
  "PostalCode",
  "PostOfficeBox",
  "PrimaryContactName",
  "ShippingMethodCode",
  "StateOrProvince",
  "Telephone1",
  "Telephone2",
  "Telephone3",
  "TimeZoneRuleVersionNumber",
  "UPSZone",
  "UTCOffset",
  "UTCConversionTimeZoneCode",
];

function addAddresses(publisher: XMLBuilder): void {
  const addresses = publisher.ele("Addresses");
  for (const number of [1, 2]) {
    const address = addresses.ele("Address");
    address.ele("AddressNumber").txt(String(number));
    address.ele("AddressTypeCode").txt("1");
    for (const field of ADDRESS_FIELDS) {
      if (field === "ShippingMethodCode") address.ele(field).txt("1");
      else address.ele(field, { "xsi:nil": "true" });
    }
  }
}

export function solutionXml(config: SolutionConfig, parts: SolutionParts, managed: boolean): Uint8Array {
  const lang = String(config.languageCode);
  const doc = newDocument();
  const root = doc.ele("ImportExportXml", {
    version: "9.1.0.643",
    SolutionPackageVersion: "9.1",
    languagecode: lang,
    generatedBy: "CrmLive",
    "xmlns:xsi": XSI,
  });
  const manifest = root.ele("SolutionManifest");
  manifest.ele("UniqueName").txt(config.uniqueName);
  manifest.ele("LocalizedNames").ele("LocalizedName", { description: config.displayName, languagecode: lang });
  manifest.ele("Descriptions").ele("Description", { description: config.description, languagecode: lang });
  manifest.ele("Version").txt(config.version);
  manifest.ele("Managed").txt(managed ? "1" : "0");

  const { publisher } = config;
  const pub = manifest.ele("Publisher");
  pub.ele("UniqueName").txt(publisher.uniqueName);
  pub.ele("LocalizedNames").ele("LocalizedName", { description: publisher.displayName, languagecode: lang });
  pub.ele("Descriptions").ele("Description", { description: publisher.description, languagecode: lang });
  pub.ele("EMailAddress", { "xsi:nil": "true" });
  pub.ele("SupportingWebsiteUrl", { "xsi:nil": "true" });
  pub.ele("CustomizationPrefix").txt(publisher.prefix);
  pub.ele("CustomizationOptionValuePrefix").txt(String(publisher.optionValuePrefix));
  addAddresses(pub);

  const roots = manifest.ele("RootComponents");
  for (const { spec } of parts.webResources)
    roots.ele("RootComponent", { type: String(COMPONENT_TYPE.webResource), schemaName: spec.name, behavior: "0" });
  roots.ele("RootComponent", { type: String(COMPONENT_TYPE.customControl), schemaName: parts.control.schemaName, behavior: "0" });
  // Empty on purpose: the solution names no Omnichannel table, so it imports in any environment.
  manifest.ele("MissingDependencies");
  return serialise(doc, "solution.xml");
}

/**
 * A web resource's DependencyXml, as exports write it (XML as text): one <Library> per dependency
 * with that web resource's name, display name and language, an empty description, and a
 * libraryUniqueId that is stable for the pair of names.
 */
export function dependencyXml(spec: WebResourceSpec, all: readonly WebResourceSpec[]): string {
  const doc = create();
  const dependency = doc.ele("Dependencies").ele("Dependency", { componentType: "WebResource" });
  for (const name of spec.dependencies ?? []) {
    const library = all.find((candidate) => candidate.name === name);
    if (!library) throw new Error(`Web resource ${spec.name} depends on ${name}, which is not in the solution.`);
    dependency.ele("Library", {
      name,
      displayName: library.displayName,
      languagecode: library.languageCode === undefined ? "" : String(library.languageCode),
      description: "",
      libraryUniqueId: `{${dependencyId(spec.name, name)}}`,
    });
  }
  return doc.end({ headless: true });
}

export function customizationsXml(config: SolutionConfig, parts: SolutionParts): Uint8Array {
  const doc = newDocument();
  const root = doc.ele("ImportExportXml", { "xmlns:xsi": XSI });
  for (const name of [
    "Entities",
    "Roles",
    "Workflows",
    "FieldSecurityProfiles",
    "Templates",
    "EntityMaps",
    "EntityRelationships",
    "OrganizationSettings",
    "optionsets",
  ])
    root.ele(name);

  const webResources = root.ele("WebResources");
  const specs = parts.webResources.map((part) => part.spec);
  for (const spec of specs) {
    const id = webResourceId(spec.name);
    const resource = webResources.ele("WebResource");
    resource.ele("WebResourceId").txt(`{${id}}`);
    resource.ele("Name").txt(spec.name);
    resource.ele("DisplayName").txt(spec.displayName);
    resource.ele("Description").txt(spec.description);
    if (spec.languageCode !== undefined) resource.ele("LanguageCode").txt(String(spec.languageCode));
    resource.ele("WebResourceType").txt(String(spec.type));
    resource.ele("IntroducedVersion").txt(spec.introducedVersion);
    resource.ele("IsEnabledForMobileClient").txt("0");
    resource.ele("IsAvailableForMobileOffline").txt("0");
    if (spec.dependencies?.length) resource.ele("DependencyXml").txt(dependencyXml(spec, specs));
    resource.ele("IsCustomizable").txt("1");
    resource.ele("CanBeDeleted").txt("1");
    resource.ele("IsHidden").txt("0");
    resource.ele("FileName").txt(`/${webResourceFileName(spec.name, id)}`);
  }

  const control = root.ele("CustomControls").ele("CustomControl");
  control.ele("Name").txt(parts.control.schemaName);
  control.ele("FileName").txt(`/${controlFolder(parts.control.schemaName)}/ControlManifest.xml`);

  root.ele("SolutionPluginAssemblies");
  // pac writes it; the public XSD predates it (see docs/solution.md, "Validating").
  root.ele("EntityDataProviders");
  const languages = root.ele("Languages");
  for (const lcid of solutionLanguages(config)) languages.ele("Language").txt(String(lcid));
  return serialise(doc, "customizations.xml");
}

/** [Content_Types].xml for the given entry paths: Default per extension, Override for manifests and extension-less parts. */
export function contentTypesXml(paths: readonly string[]): Uint8Array {
  const extensions = new Set<string>(["xml"]);
  const overrides: string[] = [];
  for (const path of paths) {
    const name = path.slice(path.lastIndexOf("/") + 1);
    const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
    if (extension) extensions.add(extension);
    if (!extension || name === "ControlManifest.xml") overrides.push(`/${path}`);
  }
  const doc = newDocument();
  const types = doc.ele("Types", { xmlns: "http://schemas.openxmlformats.org/package/2006/content-types" });
  const ordered = ["xml", ...[...extensions].filter((e) => e !== "xml").sort()];
  for (const extension of ordered)
    types.ele("Default", { Extension: extension, ContentType: extension === "xml" ? "text/xml" : "application/octet-stream" });
  for (const part of overrides.sort()) types.ele("Override", { PartName: part, ContentType: "application/octet-stream" });
  return serialise(doc, "[Content_Types].xml", false);
}

/** Every entry of one zip (managed or not), keyed by its path in the zip. */
export function solutionEntries(config: SolutionConfig, parts: SolutionParts, managed: boolean): Map<string, Uint8Array> {
  const entries = new Map<string, Uint8Array>();
  entries.set("solution.xml", solutionXml(config, parts, managed));
  entries.set("customizations.xml", customizationsXml(config, parts));
  const folder = controlFolder(parts.control.schemaName);
  for (const [path, bytes] of parts.control.files) entries.set(`${folder}/${path}`, bytes);
  for (const { spec, content } of parts.webResources) entries.set(webResourceFileName(spec.name, webResourceId(spec.name)), content);
  entries.set("[Content_Types].xml", contentTypesXml([...entries.keys()].sort()));
  return entries;
}
