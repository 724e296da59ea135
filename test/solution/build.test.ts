/** Builds from the fixture control and form script, then reads back what was written. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { create } from "xmlbuilder2";
import { buildSolution } from "../../solution/build";
import { loadConfig } from "../../solution/config";
import { makeProject, tempDir, textOf, validateXsd } from "./helpers";

const root = makeProject();
const result = buildSolution(root, loadConfig(root));
const [unmanagedZip, managedZip] = result.zips.map((z) => readFileSync(z.path));
const unmanaged = unzipSync(unmanagedZip!);
const managed = unzipSync(managedZip!);

type Xml = Record<string, unknown>;
const parse = (bytes: Uint8Array | undefined) => create(textOf(bytes).replace(/^\uFEFF/, "")).end({ format: "object" }) as Xml;
const manifestOf = (files: Record<string, Uint8Array>) => (parse(files["solution.xml"]).ImportExportXml as Xml).SolutionManifest as Xml;

const CONTROL = "Controls/ocs_OmnichannelLifecycle.ConversationState";

test("both zips are named <UniqueName>_<version with underscores>[_managed].zip in out/solution", () => {
  expect(result.zips.map((z) => z.path)).toEqual([
    join(root, "out/solution/OmnichannelConversationState_1_0_0_0.zip"),
    join(root, "out/solution/OmnichannelConversationState_1_0_0_0_managed.zip"),
  ]);
  expect(result.zips.map((z) => z.bytes)).toEqual([unmanagedZip!.length, managedZip!.length]);
});

test("the zip holds the three root files, the control folder as the manifest names it, the form script and its strings", () => {
  const [webResource, ...strings] = Object.keys(unmanaged)
    .filter((p) => p.startsWith("WebResources/"))
    .sort();
  expect(strings.map((p) => p.replace(/[0-9A-F-]{36}$/, "<ID>"))).toEqual(
    [1025, 1033, 1036].map((lcid) => `WebResources/ocs_conversationstatestrings${lcid}resx<ID>`),
  );
  expect(Object.keys(unmanaged).sort()).toEqual([
    `${CONTROL}/ControlManifest.xml`,
    `${CONTROL}/bundle.js`,
    `${CONTROL}/components/ConversationState/strings/ConversationState.1025.resx`,
    `${CONTROL}/components/ConversationState/strings/ConversationState.1033.resx`,
    `${CONTROL}/components/ConversationState/strings/ConversationState.1036.resx`,
    `${CONTROL}/css/ConversationState.css`,
    webResource,
    ...strings,
    "[Content_Types].xml",
    "customizations.xml",
    "solution.xml",
  ]);
  expect(webResource).toMatch(
    /^WebResources\/ocs_conversationstateformjs[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/,
  );
  expect(textOf(unmanaged[webResource!])).toBe(readFileSync(join(root, "out/webresources/conversationstate.form.js"), "utf8"));
  expect(textOf(unmanaged[`${CONTROL}/bundle.js`])).toBe(readFileSync(join(root, "out/controls/bundle.js"), "utf8"));
  expect(Object.keys(managed).sort()).toEqual(Object.keys(unmanaged).sort());
});

test("solution.xml, field by field", () => {
  const manifest = manifestOf(unmanaged);
  expect(manifest.UniqueName).toBe("OmnichannelConversationState");
  expect(manifest.LocalizedNames).toEqual({ LocalizedName: { "@description": "Omnichannel Conversation State", "@languagecode": "1033" } });
  expect((manifest.Descriptions as Xml).Description).toMatchObject({ "@languagecode": "1033" });
  expect(manifest.Version).toBe("1.0.0.0");
  expect(manifest.Managed).toBe("0");
  const publisher = manifest.Publisher as Xml;
  expect(publisher.UniqueName).toBe("omnichannelstate");
  expect(publisher.LocalizedNames).toEqual({ LocalizedName: { "@description": "Omnichannel State", "@languagecode": "1033" } });
  expect(publisher.CustomizationPrefix).toBe("ocs");
  expect(publisher.CustomizationOptionValuePrefix).toBe("57150");
  expect(publisher.EMailAddress).toEqual({ "@xsi:nil": "true" });
  expect((manifest.RootComponents as Xml).RootComponent).toEqual([
    { "@type": "61", "@schemaName": "ocs_/conversationstate/form.js", "@behavior": "0" },
    ...[1025, 1033, 1036].map((lcid) => ({
      "@type": "61",
      "@schemaName": `ocs_/conversationstate/strings.${lcid}.resx`,
      "@behavior": "0",
    })),
    { "@type": "66", "@schemaName": "ocs_OmnichannelLifecycle.ConversationState", "@behavior": "0" },
  ]);
  expect(manifest.MissingDependencies).toEqual({});
  const root = parse(unmanaged["solution.xml"]).ImportExportXml as Xml;
  expect(root["@languagecode"]).toBe("1033");
});

test("the managed zip differs from the unmanaged one only by <Managed>1</Managed>", () => {
  expect(manifestOf(managed).Managed).toBe("1");
  for (const path of Object.keys(unmanaged)) {
    const expected =
      path === "solution.xml" ? textOf(unmanaged[path]).replace("<Managed>0</Managed>", "<Managed>1</Managed>") : textOf(unmanaged[path]);
    expect([path, textOf(managed[path])]).toEqual([path, expected]);
  }
});

test("customizations.xml of both zips validates against CustomizationsSolution.xsd", () => {
  const dir = tempDir();
  const files = [unmanaged, managed].map((zip, i) => {
    const file = join(dir, `customizations-${i}.xml`);
    writeFileSync(file, zip["customizations.xml"]!);
    return file;
  });
  expect(validateXsd(...files)).toEqual(files.map((file) => ({ file, valid: true, errors: [] })));
});

test("the XSD check can fail: a misplaced element is reported with its line", () => {
  const file = join(tempDir(), "broken.xml");
  writeFileSync(file, textOf(unmanaged["customizations.xml"]).replace("<Languages>", "<Bogus/><Languages>"));
  const [result] = validateXsd(file);
  expect(result!.valid).toBe(false);
  expect(result!.errors[0]!.message).toMatch(/Element 'Bogus': This element is not expected/);
});

test("customizations.xml: the form script, the control, and only the base language in <Languages>", () => {
  const xml = parse(unmanaged["customizations.xml"]).ImportExportXml as Xml;
  const resource = ((xml.WebResources as Xml).WebResource as Xml[])[0]!;
  expect(resource).toMatchObject({
    Name: "ocs_/conversationstate/form.js",
    WebResourceType: "3",
    IntroducedVersion: "1.0.0.0",
    IsCustomizable: "1",
  });
  const id = String(resource.WebResourceId);
  expect(id).toMatch(/^\{[0-9a-f-]{36}\}$/);
  expect(resource.FileName).toBe(`/WebResources/ocs_conversationstateformjs${id.slice(1, -1).toUpperCase()}`);
  expect(unmanaged[String(resource.FileName).slice(1)]).toBeDefined();
  expect((xml.CustomControls as Xml).CustomControl).toEqual({
    Name: "ocs_OmnichannelLifecycle.ConversationState",
    FileName: `/${CONTROL}/ControlManifest.xml`,
  });
  expect((xml.Languages as Xml).Language).toBe("1033");
  expect(result.languages).toEqual([1033]);
  expect(result.stringLanguages).toEqual([1025, 1033, 1036]);
});

test("no dependency on Omnichannel: no table, form or msdyn_ name anywhere in the solution's XML", () => {
  const xml = parse(unmanaged["customizations.xml"]).ImportExportXml as Xml;
  expect(xml.Entities).toEqual({});
  for (const path of ["solution.xml", "customizations.xml", "[Content_Types].xml"])
    expect(textOf(unmanaged[path])).not.toMatch(/msdyn_|ocliveworkitem/i);
});

test("[Content_Types].xml declares every extension and overrides the manifest and every extension-less web resource", () => {
  const types = textOf(unmanaged["[Content_Types].xml"]);
  for (const extension of ["xml", "js", "resx", "css"]) expect(types).toContain(`<Default Extension="${extension}"`);
  expect(types).toContain(`<Override PartName="/${CONTROL}/ControlManifest.xml" ContentType="application/octet-stream"/>`);
  const webResources = Object.keys(unmanaged).filter((p) => p.startsWith("WebResources/"));
  expect(webResources).toHaveLength(4);
  for (const path of webResources) expect(types).toContain(`<Override PartName="/${path}" ContentType="application/octet-stream"/>`);
});

test("deterministic: a second build, in another folder, gives the same bytes", () => {
  const other = makeProject();
  const again = buildSolution(other, loadConfig(other));
  expect(again.zips.map((z) => readFileSync(z.path).equals(readFileSync(result.zips[again.zips.indexOf(z)]!.path)))).toEqual([true, true]);
});

test("the summary lists every component with its size", () => {
  expect(result.components).toEqual([
    { type: 66, name: "ocs_OmnichannelLifecycle.ConversationState", bytes: expect.any(Number) },
    {
      type: 61,
      name: "ocs_/conversationstate/form.js",
      bytes: readFileSync(join(root, "out/webresources/conversationstate.form.js")).length,
    },
    ...[1025, 1033, 1036].map((lcid) => ({
      type: 61,
      name: `ocs_/conversationstate/strings.${lcid}.resx`,
      bytes: readFileSync(join(root, `components/ConversationState/strings/ConversationState.${lcid}.resx`)).length,
    })),
  ]);
  expect(result.packMs).toBeGreaterThan(0);
});
