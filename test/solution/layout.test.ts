/**
 * The SolutionPackager layout: what `unpack` writes, checked file by file against the file
 * reference (fileReference.ts), and what `pack` accepts or refuses from such a folder.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { create } from "xmlbuilder2";
import { buildSolution } from "../../solution/build";
import { loadConfig } from "../../solution/config";
import { detectLayout, fromPackagerLayout, toPackagerLayout } from "../../solution/layout";
import { readTree, unzipEntries } from "../../solution/zip";
import { fileReferenceProblems, NEVER } from "./fileReference";
import { makeProject, runCli, tempDir, textOf, validateXsd } from "./helpers";

const root = makeProject();
const built = buildSolution(root, loadConfig(root));
const SCHEMA = "ocs_OmnichannelLifecycle.ConversationState";
const FORM = "ocs_/conversationstate/form.js";

function unpack(zip: string): string {
  const dir = join(tempDir(), "unpacked");
  const r = runCli(["unpack", zip, dir]);
  expect([r.code, r.stderr]).toEqual([0, ""]);
  return dir;
}

test("the unpacked folder lists exactly these files, each one described by the SolutionPackager file reference", () => {
  const files = readTree(unpack(built.zips[0]!.path));
  expect([...files.keys()].sort()).toEqual([
    `Controls/${SCHEMA}/ControlManifest.xml`,
    `Controls/${SCHEMA}/ControlManifest.xml.data.xml`,
    `Controls/${SCHEMA}/bundle.js`,
    `Controls/${SCHEMA}/components/ConversationState/strings/ConversationState.1025.resx`,
    `Controls/${SCHEMA}/components/ConversationState/strings/ConversationState.1033.resx`,
    `Controls/${SCHEMA}/components/ConversationState/strings/ConversationState.1036.resx`,
    `Controls/${SCHEMA}/css/ConversationState.css`,
    "Other/Customizations.xml",
    "Other/Solution.xml",
    `WebResources/${FORM}`,
    `WebResources/${FORM}.data.xml`,
    ...[1025, 1033, 1036].flatMap((lcid) => [
      `WebResources/ocs_/conversationstate/strings.${lcid}.resx`,
      `WebResources/ocs_/conversationstate/strings.${lcid}.resx.data.xml`,
    ]),
  ]);
  expect(fileReferenceProblems(files)).toEqual([]);
});

test("the file-reference check can fail: a zip-layout folder breaks it three ways", () => {
  const zipLayout = unzipEntries(readFileSync(built.zips[0]!.path));
  const problems = fileReferenceProblems(zipLayout);
  expect(problems).toEqual(expect.arrayContaining(NEVER.map((path) => `${path}: a SolutionPackager folder has no such file`)));
  expect(
    problems.some((p) => /^WebResources\/ocs_conversationstateformjs.*: WebResources\/.*\.data\.xml is missing beside it$/.test(p)),
  ).toBe(true);
  expect(problems).toContain(
    `Controls/${SCHEMA}/ControlManifest.xml (code component manifest): Controls/${SCHEMA}/ControlManifest.xml.data.xml is missing beside it`,
  );
});

test("Other/Customizations.xml keeps every section, with WebResources and CustomControls emptied; Other/Solution.xml is solution.xml", () => {
  const dir = unpack(built.zips[1]!.path);
  const zip = unzipEntries(readFileSync(built.zips[1]!.path));
  expect(readFileSync(join(dir, "Other/Solution.xml")).equals(Buffer.from(zip.get("solution.xml")!))).toBe(true);
  const customizations = readFileSync(join(dir, "Other/Customizations.xml"), "utf8");
  expect(customizations).toContain("<WebResources/>");
  expect(customizations).toContain("<CustomControls/>");
  expect(customizations).toContain("<Languages>\n    <Language>1033</Language>\n  </Languages>");
  expect(customizations).not.toContain("<WebResource>");
  const file = join(tempDir(), "Customizations.xml");
  writeFileSync(file, customizations);
  expect(validateXsd(file)).toEqual([{ file, valid: true, errors: [] }]);
});

test("each .data.xml holds its component's metadata, as customizations.xml had it", () => {
  const dir = unpack(built.zips[0]!.path);
  const zipCustomizations = textOf(unzipEntries(readFileSync(built.zips[0]!.path)).get("customizations.xml"));
  const form = readFileSync(join(dir, `WebResources/${FORM}.data.xml`), "utf8");
  expect(form).toMatch(
    /^\uFEFF<\?xml version="1\.0" encoding="utf-8"\?>\n<WebResource xmlns:xsi="http:\/\/www\.w3\.org\/2001\/XMLSchema-instance">\n/,
  );
  type Xml = Record<string, unknown>;
  const object = (xml: string) => create(xml.replace(/^\uFEFF/, "")).end({ format: "object" }) as Xml;
  const { "@xmlns:xsi": xsi, ...metadata } = object(form).WebResource as Xml;
  expect(xsi).toBe("http://www.w3.org/2001/XMLSchema-instance");
  const zipResources = ((object(zipCustomizations).ImportExportXml as Xml).WebResources as Xml).WebResource as Xml[];
  expect(metadata).toEqual(zipResources.find((resource) => resource.Name === FORM));
  expect(Object.keys(metadata)).toContain("DependencyXml");
  expect(readFileSync(join(dir, `Controls/${SCHEMA}/ControlManifest.xml.data.xml`), "utf8")).toBe(
    `\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<CustomControl xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n  <Name>${SCHEMA}</Name>\n  <FileName>/Controls/${SCHEMA}/ControlManifest.xml</FileName>\n</CustomControl>\n`,
  );
});

describe("pack reads a SolutionPackager folder, and says what is wrong with one", () => {
  const packFails = (dir: string) => {
    const out = join(tempDir(), "out.zip");
    const r = runCli(["pack", dir, out]);
    expect(r.code).toBe(1);
    return r.stderr;
  };

  test("a web resource whose .data.xml is gone is refused, naming the file", () => {
    const dir = unpack(built.zips[0]!.path);
    rmSync(join(dir, `WebResources/${FORM}.data.xml`));
    expect(packFails(dir)).toContain(`WebResources/${FORM} has no ${FORM}.data.xml beside it`);
  });

  test("a .data.xml whose <Name> disagrees with its file name is refused", () => {
    const dir = unpack(built.zips[0]!.path);
    const path = join(dir, `WebResources/${FORM}.data.xml`);
    writeFileSync(path, readFileSync(path, "utf8").replace(`<Name>${FORM}</Name>`, "<Name>ocs_/other.js</Name>"));
    expect(packFails(dir)).toContain(`must be a <WebResource> whose <Name> is "${FORM}" (it says "ocs_/other.js")`);
  });

  test("a <FileName> pointing anywhere but directly under /WebResources/ is refused (it could replace another file)", () => {
    const dir = unpack(built.zips[0]!.path);
    const path = join(dir, `WebResources/${FORM}.data.xml`);
    writeFileSync(
      path,
      readFileSync(path, "utf8").replace(/<FileName>[^<]*<\/FileName>/, `<FileName>/Controls/${SCHEMA}/bundle.js</FileName>`),
    );
    expect(packFails(dir)).toContain(
      `has <FileName>/Controls/${SCHEMA}/bundle.js</FileName>; a web resource's file goes directly under /WebResources/`,
    );
  });

  test("a .data.xml without its web resource is refused", () => {
    const dir = unpack(built.zips[0]!.path);
    rmSync(join(dir, `WebResources/${FORM}`));
    expect(packFails(dir)).toContain(`describes WebResources/${FORM}, which is missing`);
  });

  test("a control whose ControlManifest.xml.data.xml points elsewhere is refused", () => {
    const dir = unpack(built.zips[0]!.path);
    const path = join(dir, `Controls/${SCHEMA}/ControlManifest.xml.data.xml`);
    writeFileSync(path, readFileSync(path, "utf8").replace("/ControlManifest.xml</FileName>", "/Other.xml</FileName>"));
    expect(packFails(dir)).toContain(`must be a <CustomControl> whose <FileName> is /Controls/${SCHEMA}/ControlManifest.xml`);
  });

  test("a folder unpacked as Both (<Managed>2</Managed>) is refused with what to use instead", () => {
    const dir = unpack(built.zips[0]!.path);
    const path = join(dir, "Other/Solution.xml");
    writeFileSync(path, readFileSync(path, "utf8").replace("<Managed>0</Managed>", "<Managed>2</Managed>"));
    expect(packFails(dir)).toContain("pac solution pack --packagetype Managed");
  });

  test("a renamed control is checked like any other: the prefix must match the publisher's", () => {
    const dir = unpack(built.zips[0]!.path);
    const path = join(dir, "Other/Solution.xml");
    writeFileSync(
      path,
      readFileSync(path, "utf8").replace(
        "<CustomizationPrefix>ocs</CustomizationPrefix>",
        "<CustomizationPrefix>new</CustomizationPrefix>",
      ),
    );
    expect(packFails(dir)).toContain(`Custom control "${SCHEMA}" does not start with the publisher prefix "new_"`);
  });

  test("a folder holding both layouts is refused", () => {
    const dir = unpack(built.zips[0]!.path);
    writeFileSync(join(dir, "solution.xml"), readFileSync(join(dir, "Other/Solution.xml")));
    expect(packFails(dir)).toContain("mixes the zip and SolutionPackager layouts");
  });
});

test("a solution with components this packer does not split (tables) is not unpacked to a half layout", () => {
  const zip = unzipEntries(readFileSync(built.zips[0]!.path));
  const customizations = textOf(zip.get("customizations.xml")).replace(
    "<Entities/>",
    "<Entities><Entity><Name>account</Name></Entity></Entities>",
  );
  zip.set("customizations.xml", new TextEncoder().encode(customizations));
  expect(() => toPackagerLayout(zip, "export.zip")).toThrow(
    "export.zip: customizations.xml has <Entities> content, which this packer does not split into the SolutionPackager layout (it splits web resources and code components). Unpack it with `pac solution unpack`, or with --layout zip.",
  );
});

test("layouts are told apart by their root files", () => {
  expect(detectLayout(["Other/Solution.xml", "Other/Customizations.xml"], "d")).toBe("packager");
  expect(detectLayout(["solution.xml", "customizations.xml", "[Content_Types].xml"], "d")).toBe("zip");
  expect(() => detectLayout(["readme.md"], "d")).toThrow(/has neither Other\/Solution\.xml .* nor solution\.xml/);
});

test("pure round trip: the packager files give back every zip entry byte for byte", () => {
  for (const zip of built.zips) {
    const entries = unzipEntries(readFileSync(zip.path));
    const back = fromPackagerLayout(toPackagerLayout(entries, "zip"), "folder");
    expect([...back.keys()].sort()).toEqual([...entries.keys()].sort());
    for (const [path, bytes] of entries) expect([path, Buffer.from(back.get(path)!).equals(Buffer.from(bytes))]).toEqual([path, true]);
  }
});
