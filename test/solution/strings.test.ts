/**
 * The form script's String (RESX) web resources: one per resx file of the strings folder, byte for
 * byte, declared as the form script's dependencies so Xrm.Utility.getResourceString finds them.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { create } from "xmlbuilder2";
import { buildSolution } from "../../solution/build";
import { loadConfig, solutionConfig } from "../../solution/config";
import { checkWebResourceName, dependencyId, webResourceFileName, webResourceId } from "../../solution/names";
import { SolutionCheckError, type ProblemCode } from "../../solution/problems";
import { dependencyNames } from "../../solution/verify";
import { FIXTURE_STRINGS, makeProject, runCli, tempDir, textOf } from "./helpers";

const LANGUAGES = [1025, 1033, 1036];
const FORM = "ocs_/conversationstate/form.js";
const resxName = (lcid: number) => `ocs_/conversationstate/strings.${lcid}.resx`;

const root = makeProject();
const result = buildSolution(root, loadConfig(root));
const files = unzipSync(readFileSync(result.zips[0]!.path));
const managed = unzipSync(readFileSync(result.zips[1]!.path));

/** customizations.xml's <WebResource> elements as DOM elements, so text comes back unescaped. */
function webResources(zip: Record<string, Uint8Array>): Map<string, Element> {
  const doc = create(textOf(zip["customizations.xml"]).replace(/^\uFEFF/, "")).root().node as unknown as Element;
  const elements = Array.from(doc.getElementsByTagName("WebResource"));
  return new Map(elements.map((e) => [childText(e, "Name"), e]));
}
const elementsOf = (element: Element): Element[] => Array.from(element.childNodes).filter((c): c is Element => c.nodeType === 1);
const childText = (element: Element, name: string): string => elementsOf(element).find((c) => c.nodeName === name)?.textContent ?? "";
const childNames = (element: Element): string[] => elementsOf(element).map((c) => c.nodeName);

function failure(projectRoot: string, config = loadConfig(projectRoot)): SolutionCheckError {
  try {
    buildSolution(projectRoot, config);
  } catch (error) {
    if (error instanceof SolutionCheckError) return error;
    throw error;
  }
  throw new Error("the build passed");
}
const codes = (error: SolutionCheckError): ProblemCode[] => error.problems.map((p) => p.code);

describe("in both zips", () => {
  test.each([
    ["unmanaged", files],
    ["managed", managed],
  ])("%s: one String (RESX) web resource per language, its file byte-identical to the control's resx", (_, zip) => {
    const resources = webResources(zip);
    for (const lcid of LANGUAGES) {
      const resource = resources.get(resxName(lcid))!;
      expect(resource).toBeDefined();
      const id = webResourceId(resxName(lcid));
      expect({
        id: childText(resource, "WebResourceId"),
        type: childText(resource, "WebResourceType"),
        language: childText(resource, "LanguageCode"),
        display: childText(resource, "DisplayName"),
        file: childText(resource, "FileName"),
      }).toEqual({
        id: `{${id}}`,
        type: "12",
        language: String(lcid),
        display: `Conversation State strings (${lcid})`,
        file: `/${webResourceFileName(resxName(lcid), id)}`,
      });
      const content = zip[childText(resource, "FileName").slice(1)];
      expect(Buffer.from(content!).equals(readFileSync(join(FIXTURE_STRINGS, `ConversationState.${lcid}.resx`)))).toBe(true);
    }
    expect([...resources.keys()].sort()).toEqual([FORM, ...LANGUAGES.map(resxName)]);
  });
});

test("RESX web resources carry their elements in the XSD's order, LanguageCode before WebResourceType", () => {
  const order = [
    "WebResourceId",
    "Name",
    "DisplayName",
    "Description",
    "SilverlightVersion",
    "LanguageCode",
    "WebResourceType",
    "IntroducedVersion",
    "IsEnabledForMobileClient",
    "IsAvailableForMobileOffline",
    "DependencyXml",
    "IsCustomizable",
    "CanBeDeleted",
    "IsHidden",
    "FileName",
  ];
  for (const resource of webResources(files).values()) {
    const names = childNames(resource);
    expect(names.map((n) => order.indexOf(n))).toEqual([...names.map((n) => order.indexOf(n))].sort((a, b) => a - b));
    expect(names).not.toContain("SilverlightVersion");
  }
  expect(childNames(webResources(files).get(resxName(1033))!)).toContain("LanguageCode");
  expect(childNames(webResources(files).get(FORM)!)).not.toContain("LanguageCode");
});

test("the form script's DependencyXml names every language, with each library's name, display name and language", () => {
  const resources = webResources(files);
  const raw = textOf(files["customizations.xml"]);
  // Written as exports write it: XML escaped as text inside <DependencyXml>.
  expect(raw).toContain(
    '<DependencyXml>&lt;Dependencies&gt;&lt;Dependency componentType="WebResource"&gt;&lt;Library name="ocs_/conversationstate/strings.1025.resx" ',
  );
  const inner = childText(resources.get(FORM)!, "DependencyXml");
  const doc = create(inner).root().node as unknown as Element;
  expect(doc.nodeName).toBe("Dependencies");
  const dependencies = elementsOf(doc);
  expect(dependencies.map((d) => [d.nodeName, d.getAttribute("componentType")])).toEqual([["Dependency", "WebResource"]]);
  const libraries = elementsOf(dependencies[0]!);
  expect(libraries.map((l) => l.nodeName)).toEqual(["Library", "Library", "Library"]);
  libraries.forEach((library, i) => {
    const lcid = LANGUAGES[i]!;
    const target = resources.get(resxName(lcid))!;
    expect(Array.from(library.attributes).map((a) => [a.name, a.value])).toEqual([
      ["name", resxName(lcid)],
      ["displayName", childText(target, "DisplayName")],
      ["languagecode", childText(target, "LanguageCode")],
      ["description", ""],
      ["libraryUniqueId", `{${dependencyId(FORM, resxName(lcid))}}`],
    ]);
  });
  expect(new Set(libraries.map((l) => l.getAttribute("libraryUniqueId"))).size).toBe(3);
  expect(dependencyNames(inner)).toEqual(LANGUAGES.map(resxName));
  for (const lcid of LANGUAGES) expect(childNames(resources.get(resxName(lcid))!)).not.toContain("DependencyXml");
});

test("libraryUniqueId is pinned: derived from the two names only", () => {
  // python3 -c 'import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, "urn:dataverse:webresource-dependency:ocs_/conversationstate/form.js:ocs_/conversationstate/strings.1033.resx"))'
  expect(dependencyId(FORM, resxName(1033))).toBe("476b567a-c706-516a-9f76-5d94bea2055d");
  expect(dependencyId(FORM, resxName(1036))).not.toBe(webResourceId(resxName(1036)));
});

test("a new language is one more resx file: web resource, dependency and root component follow", () => {
  const other = makeProject();
  for (const dir of [
    join(other, "components/ConversationState/strings"),
    join(other, "out/controls/components/ConversationState/strings"),
  ]) {
    writeFileSync(join(dir, "ConversationState.1031.resx"), readFileSync(join(FIXTURE_STRINGS, "ConversationState.1033.resx")));
  }
  const manifest = join(other, "out/controls/ControlManifest.xml");
  writeFileSync(
    manifest,
    readFileSync(manifest, "utf8").replace(
      '<resx path="components/ConversationState/strings/ConversationState.1033.resx"',
      '<resx path="components/ConversationState/strings/ConversationState.1031.resx" version="1.0.0" />\n      <resx path="components/ConversationState/strings/ConversationState.1033.resx"',
    ),
  );
  const built = buildSolution(other, loadConfig(other));
  const zip = unzipSync(readFileSync(built.zips[0]!.path));
  expect(built.stringLanguages).toEqual([1025, 1031, 1033, 1036]);
  expect(built.languages).toEqual([1033]);
  expect(dependencyNames(childText(webResources(zip).get(FORM)!, "DependencyXml"))).toEqual([1025, 1031, 1033, 1036].map(resxName));
  expect(textOf(zip["solution.xml"])).toContain(`<RootComponent type="61" schemaName="${resxName(1031)}" behavior="0"/>`);
});

describe("checks", () => {
  test("a missing strings folder is a missing file, with where to restore it", () => {
    const other = makeProject();
    rmSync(join(other, "components"), { recursive: true });
    const error = failure(other);
    expect(codes(error)).toEqual(["missing-file"]);
    expect(error.message).toContain("The strings folder components/ConversationState/strings does not exist");
    expect(error.message).toContain("Restore components/ConversationState/strings from git");
  });

  test("a resx edited after the control was built is refused: the control and the form would disagree", () => {
    const other = makeProject();
    const file = join(other, "components/ConversationState/strings/ConversationState.1036.resx");
    writeFileSync(file, readFileSync(file, "utf8").replace("</root>", "<!-- edited --></root>"));
    const error = failure(other);
    expect(codes(error)).toEqual(["strings-mismatch"]);
    expect(error.message).toContain("ConversationState.1036.resx differs from the copy in the built control");
    expect(error.message).toContain("npm run build:control");
  });

  test("a language the control does not ship, and one the folder lost, are both reported", () => {
    const other = makeProject();
    const dir = join(other, "components/ConversationState/strings");
    writeFileSync(join(dir, "ConversationState.1031.resx"), readFileSync(join(dir, "ConversationState.1033.resx")));
    rmSync(join(dir, "ConversationState.1025.resx"));
    const error = failure(other);
    expect(codes(error)).toEqual(["strings-mismatch", "strings-mismatch"]);
    expect(error.message).toContain("ConversationState.1031.resx is not shipped by the built control");
    expect(error.message).toContain(
      "The built control ships ConversationState.1025.resx, which components/ConversationState/strings no longer has",
    );
  });

  test("a resx the control folder holds counts as shipped even when the manifest names only English (every file goes into the zip)", () => {
    const other = makeProject();
    const manifest = join(other, "out/controls/ControlManifest.xml");
    writeFileSync(manifest, readFileSync(manifest, "utf8").replace(/\s*<resx path="[^"]*\.10(25|36)\.resx"[^>]*\/>/g, ""));
    expect(readFileSync(manifest, "utf8").match(/<resx /g)).toHaveLength(1);
    const built = buildSolution(other, loadConfig(other));
    expect(built.components.map((c) => c.name).filter((name) => name.endsWith(".resx"))).toEqual(LANGUAGES.map(resxName));
  });

  test("strings.usedBy must be one of the solution's web resources", () => {
    const other = makeProject();
    const config = solutionConfig("1.0.0.0");
    config.strings = { ...config.strings, usedBy: "ocs_/elsewhere.js" };
    const error = failure(other, config);
    expect(codes(error)).toEqual(["missing-dependency"]);
    expect(error.message).toContain(`strings.usedBy names "ocs_/elsewhere.js"`);
  });

  test("a strings base name without the prefix is refused for every language", () => {
    const other = makeProject();
    const config = solutionConfig("1.0.0.0");
    config.strings = { ...config.strings, baseName: "new_/conversationstate/strings" };
    const error = failure(other, config);
    expect(codes(error)).toEqual(["wrong-prefix", "wrong-prefix", "wrong-prefix"]);
    expect(error.message).toContain(
      `Web resource "new_/conversationstate/strings.1025.resx" does not start with the publisher prefix "ocs_"`,
    );
  });

  test.each([
    ["ocs_/strings.1033.resx", 12, 1033, []],
    ["ocs_/strings.resx", 12, 1033, [/does not name its language: the name must end in \.<lcid>\.resx/]],
    ["ocs_/strings.1033.resx", 12, undefined, [/has no LanguageCode \(its name says 1033\)/]],
    ["ocs_/strings.1033.resx", 12, 1036, [/has LanguageCode 1036, but its name says 1033/]],
    ["ocs_/strings.1033.js", 12, 1033, [/is a String \(RESX\) but its name does not end in \.resx/, /does not name its language/]],
    ["ocs_/strings.1033.resx", 3, undefined, [/is a Script \(JScript\) but its name does not end in \.js/]],
  ])("web resource name %j, type %d, LanguageCode %j", (name, type, languageCode, messages) => {
    const problems = checkWebResourceName(name, type, "ocs", languageCode);
    expect(problems.map((p) => p.code)).toEqual(messages.map(() => "bad-web-resource-name"));
    messages.forEach((message, i) => expect(problems[i]!.message).toMatch(message));
  });
});

describe("pack checks an unpacked folder's strings (zip layout)", () => {
  function unpacked(): string {
    const dir = join(tempDir(), "unpacked");
    expect(runCli(["unpack", result.zips[0]!.path, dir, "--layout", "zip"]).code).toBe(0);
    return dir;
  }
  const resxFile = (lcid: number) => webResourceFileName(resxName(lcid), webResourceId(resxName(lcid)));

  test("a deleted RESX file is missing", () => {
    const dir = unpacked();
    rmSync(join(dir, resxFile(1025)));
    const r = runCli(["pack", dir, join(tempDir(), "x.zip")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`web resource ${resxName(1025)} names /${resxFile(1025)}, which is not in the solution`);
  });

  test("a RESX web resource removed from customizations.xml is a missing dependency of the form script", () => {
    const dir = unpacked();
    const path = join(dir, "customizations.xml");
    const xml = readFileSync(path, "utf8");
    const start = xml.indexOf("<WebResource>", xml.indexOf(`<Name>${resxName(1036)}</Name>`) - 200);
    writeFileSync(path, xml.slice(0, start) + xml.slice(xml.indexOf("</WebResource>", start) + "</WebResource>".length));
    rmSync(join(dir, resxFile(1036)));
    const r = runCli(["pack", dir, join(tempDir(), "x.zip")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `[missing-dependency] ${dir}: web resource ${FORM} depends on ${resxName(1036)}, which the solution does not define.`,
    );
  });

  test("a RESX web resource whose LanguageCode disagrees with its name is refused", () => {
    const dir = unpacked();
    const path = join(dir, "customizations.xml");
    writeFileSync(path, readFileSync(path, "utf8").replace("<LanguageCode>1036</LanguageCode>", "<LanguageCode>1033</LanguageCode>"));
    const r = runCli(["pack", dir, join(tempDir(), "x.zip")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`"${resxName(1036)}" has LanguageCode 1033, but its name says 1036`);
  });
});
