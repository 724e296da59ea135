/** Our zip against the structure of a real pac/msbuild-built PCF solution (test/fixtures/solution/pac-built.json). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { buildSolution } from "../../solution/build";
import { loadConfig } from "../../solution/config";
import { attributeNames, childNames, FIXTURES, makeProject, textOf } from "./helpers";

const pac = JSON.parse(readFileSync(join(FIXTURES, "pac-built.json"), "utf8"));
const root = makeProject();
const zip = readFileSync(buildSolution(root, loadConfig(root)).zips[1]!.path); // managed, like the pac example
const files = unzipSync(zip);
const SCHEMA = "ocs_OmnichannelLifecycle.ConversationState";
const solution = textOf(files["solution.xml"]);
const customizations = textOf(files["customizations.xml"]);
const contentTypes = textOf(files["[Content_Types].xml"]);

test("every pac root file and control file has its counterpart (ours adds resx, css and the web resource)", () => {
  for (const entry of pac.zip.entries as string[]) {
    if (entry.endsWith("bundle.js.LICENSE.txt")) continue; // written by webpack only when a dependency carries a licence comment
    expect(Object.keys(files)).toContain(entry.replace("<schemaName>", SCHEMA));
  }
});

test("entries are deflated with no directory entries, like pac's", () => {
  expect(pac.zip.methods).toEqual(["defN"]);
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let offset = 0;
  let count = 0;
  while (view.getUint32(offset, true) === 0x04034b50) {
    const nameLength = view.getUint16(offset + 26, true);
    const name = Buffer.from(zip.subarray(offset + 30, offset + 30 + nameLength)).toString("utf8");
    expect([name, view.getUint16(offset + 8, true)]).toEqual([name, 8]); // 8 = deflate
    expect(name.endsWith("/")).toBe(false);
    offset += 30 + nameLength + view.getUint16(offset + 28, true) + view.getUint32(offset + 18, true);
    count++;
  }
  expect(count).toBe(Object.keys(files).length);
});

test("XML files carry a byte-order mark, as pac writes them", () => {
  for (const path of pac.byteOrderMark as string[]) expect([path, ...files[path]!.subarray(0, 3)]).toEqual([path, 0xef, 0xbb, 0xbf]);
});

test("solution.xml: same root attributes and values, same element order at every level", () => {
  expect(attributeNames(solution, [])).toEqual(pac.solutionXml.rootAttributes);
  for (const [name, value] of Object.entries(pac.solutionXml.rootValues)) expect(solution).toContain(`${name}="${value}"`);
  expect(childNames(solution, ["SolutionManifest"])).toEqual(pac.solutionXml.manifestChildren);
  expect(childNames(solution, ["SolutionManifest", "Publisher"])).toEqual(pac.solutionXml.publisherChildren);
  expect(childNames(solution, ["SolutionManifest", "Publisher", "Addresses"])).toEqual(Array(pac.solutionXml.addressCount).fill("Address"));
  expect(childNames(solution, ["SolutionManifest", "Publisher", "Addresses", "Address"])).toEqual(pac.solutionXml.addressChildren);
  expect(attributeNames(solution, ["SolutionManifest", "RootComponents", "RootComponent"])).toEqual(
    pac.solutionXml.rootComponentAttributes,
  );
  expect(solution).toContain(
    `<RootComponent type="${pac.solutionXml.rootComponentValues.type}" schemaName="${SCHEMA}" behavior="${pac.solutionXml.rootComponentValues.behavior}"/>`,
  );
});

test("customizations.xml: pac's elements in pac's order, plus WebResources where the XSD puts it", () => {
  expect(attributeNames(customizations, [])).toEqual(pac.customizationsXml.rootAttributes);
  const ours = childNames(customizations, []);
  expect(ours.filter((name) => name !== "WebResources")).toEqual(pac.customizationsXml.children);
  expect(ours.indexOf("WebResources")).toBe(ours.indexOf("CustomControls") - 1);
  expect(childNames(customizations, ["CustomControls", "CustomControl"])).toEqual(pac.customizationsXml.customControlChildren);
  expect(customizations).toContain(`<FileName>${pac.customizationsXml.customControlFileName.replace("<schemaName>", SCHEMA)}</FileName>`);
});

test("[Content_Types].xml: pac's defaults and manifest override", () => {
  for (const [extension, type] of Object.entries(pac.contentTypes.defaults)) {
    if (extension === "txt") continue; // only for bundle.js.LICENSE.txt, which we do not have
    expect(contentTypes).toContain(`<Default Extension="${extension}" ContentType="${type}"/>`);
  }
  for (const part of pac.contentTypes.overrides as string[])
    expect(contentTypes).toContain(`<Override PartName="${part.replace("<schemaName>", SCHEMA)}" ContentType="application/octet-stream"/>`);
});

test("the built ControlManifest.xml goes in unchanged", () => {
  expect(textOf(files[`Controls/${SCHEMA}/ControlManifest.xml`])).toBe(
    readFileSync(join(root, "out/controls/ControlManifest.xml"), "utf8"),
  );
});
