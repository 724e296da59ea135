/** Broken inputs fail the build with every problem named and a fix for each; nothing is written. */
import { cpSync, existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSolution } from "../../solution/build";
import { loadConfig, PUBLISHER, solutionConfig, type SolutionConfig } from "../../solution/config";
import { SolutionCheckError, type ProblemCode } from "../../solution/problems";
import { makeProject } from "./helpers";

function failure(root: string, config: SolutionConfig = loadConfig(root)): SolutionCheckError {
  try {
    buildSolution(root, config);
  } catch (error) {
    if (error instanceof SolutionCheckError) return error;
    throw error;
  }
  throw new Error("the build passed");
}

const codes = (error: SolutionCheckError): ProblemCode[] => error.problems.map((p) => p.code);

test("a web resource without the publisher prefix is refused, and no zip is written", () => {
  const root = makeProject();
  const config = solutionConfig("1.0.0.0");
  config.webResources[0]!.name = "new_/conversationstate/form.js";
  config.strings.usedBy = "new_/conversationstate/form.js"; // the strings follow the form script
  const error = failure(root, config);
  expect(codes(error)).toEqual(["wrong-prefix"]);
  expect(error.message).toContain(`Web resource "new_/conversationstate/form.js" does not start with the publisher prefix "ocs_".`);
  expect(error.message).toContain("Fix:");
  expect(existsSync(join(root, "out/solution"))).toBe(false);
});

test("a malformed publisher prefix or option value prefix is refused", () => {
  const root = makeProject();
  const error = failure(root, solutionConfig("1.0.0.0", { ...PUBLISHER, prefix: "o", optionValuePrefix: 5 }));
  // The strings' base name is the one the form script asks for (plugins/form/resources.ts, "ocs_…"),
  // so another prefix is refused for them until the form script's name changes too.
  expect(codes(error)).toEqual(["bad-prefix", "bad-prefix", "wrong-prefix", "wrong-prefix", "wrong-prefix"]);
  expect(error.message).toMatch(/Publisher prefix "o" is not valid/);
  expect(error.message).toContain(`Web resource "ocs_/conversationstate/strings.1033.resx" does not start with the publisher prefix "o_"`);
  expect(error.message).toMatch(/Option value prefix 5 is outside 10000–99999/);
});

test("a version lower than the last release is refused, with how to fix it", () => {
  const root = makeProject({ version: "1.0.0", released: "1.2.0.0" });
  const error = failure(root);
  expect(codes(error)).toEqual(["version-downgrade"]);
  expect(error.message).toContain("Solution version 1.0.0.0 is lower than the last released version 1.2.0.0");
  expect(error.message).toContain("Run `npm run release -- patch` (or minor, major)");
});

test("the released version itself builds (a rebuild of a release)", () => {
  const root = makeProject({ version: "1.2.0", released: "1.2.0.0" });
  expect(buildSolution(root, loadConfig(root)).version).toBe("1.2.0.0");
});

test("a missing bundle.js is named with the manifest that references it", () => {
  const root = makeProject();
  rmSync(join(root, "out/controls/bundle.js"));
  const error = failure(root);
  expect(codes(error)).toEqual(["missing-file"]);
  expect(error.message).toContain(`${join(root, "out/controls")}/bundle.js is referenced by ControlManifest.xml but missing.`);
  expect(error.message).toContain("npm run build:control");
});

test("a missing resx and a missing form script are both reported in one run", () => {
  const root = makeProject();
  rmSync(join(root, "out/controls/components/ConversationState/strings/ConversationState.1036.resx"));
  rmSync(join(root, "out/webresources/conversationstate.form.js"));
  const error = failure(root);
  expect(codes(error).sort()).toEqual(["missing-file", "missing-file"]);
  expect(error.message).toContain("ConversationState.1036.resx is referenced by ControlManifest.xml but missing.");
  expect(error.message).toContain("out/webresources/conversationstate.form.js does not exist.");
  expect(error.message).toContain("npm run build:form");
});

test("no built control at all says to run build:control", () => {
  const root = makeProject();
  rmSync(join(root, "out/controls"), { recursive: true });
  const error = failure(root);
  expect(codes(error)).toEqual(["no-control"]);
  expect(error.message).toContain("npm run build:control");
});

test("controls in sub-folders: one is used, two are refused", () => {
  const one = makeProject({ controlFolder: "ConversationState" });
  expect(buildSolution(one, loadConfig(one)).components[0]!.name).toBe("ocs_OmnichannelLifecycle.ConversationState");
  const two = makeProject({ controlFolder: "A" });
  makeProjectInto(two, "B");
  expect(codes(failure(two))).toEqual(["many-controls"]);
});

test("a manifest that is not XML is reported as such", () => {
  const root = makeProject();
  writeFileSync(join(root, "out/controls/ControlManifest.xml"), "<manifest><control");
  const error = failure(root);
  expect(codes(error)).toEqual(["bad-manifest"]);
  expect(error.message).toMatch(/ControlManifest.xml is not well-formed XML/);
});

test.each([
  ["ocs_/conversationstate//form.js", 3, /consecutive slashes/],
  ["ocs_/conversation state/form.js", 3, /characters Dataverse refuses/],
  ["ocs_/conversationstate/form.ts", 3, /is a Script \(JScript\) but its name does not end in \.js/],
  ["ocs_/conversationstate/form.js", 42, /type 42, which is not a web resource type/],
  ["ocs_/conversationstate/", 3, /ends with "\/"/],
])("web resource name %j (type %d) is refused", (name, type, message) => {
  const root = makeProject();
  const config = solutionConfig("1.0.0.0");
  config.webResources[0] = { ...config.webResources[0]!, name, type };
  const error = failure(root, config);
  expect(codes(error)).toContain("bad-web-resource-name");
  expect(error.message).toMatch(message);
});

function makeProjectInto(root: string, folder: string): void {
  const other = makeProject({ controlFolder: folder });
  cpSync(join(other, "out/controls", folder), join(root, "out/controls", folder), { recursive: true });
}

describe("one version everywhere", () => {
  test("a manifest version other than package.json's fails the build, saying what to run", () => {
    const root = makeProject({ version: "1.1.0", manifestVersion: "1.0.0" });
    const error = failure(root);
    expect(codes(error)).toEqual(["version-mismatch"]);
    expect(error.message).toContain(`package.json says 1.1.0 but ControlManifest.Input.xml says version="1.0.0"`);
    expect(error.message).toContain("Run `npm run release -- patch` (or minor, major)");
    expect(existsSync(join(root, "out/solution"))).toBe(false);
  });

  test("a control built before the manifest's version changed is stale", () => {
    const root = makeProject({ version: "1.1.0", builtManifestVersion: "1.0.0" });
    const error = failure(root);
    expect(codes(error)).toEqual(["version-mismatch"]);
    expect(error.message).toContain(`The built control says version="1.0.0" but ControlManifest.Input.xml says "1.1.0"`);
    expect(error.message).toContain("npm run build:control");
  });

  test("a solution version that is not package.json's plus .0 is refused", () => {
    const root = makeProject({ version: "1.1.0" });
    const error = failure(root, { ...loadConfig(root), version: "1.1.0.7" });
    expect(codes(error)).toEqual(["version-mismatch"]);
    expect(error.message).toContain("The solution version 1.1.0.7 is not package.json's 1.1.0 (as 1.1.0.0)");
  });

  test("a missing ControlManifest.Input.xml is named", () => {
    const root = makeProject();
    rmSync(join(root, "ControlManifest.Input.xml"));
    expect(failure(root).message).toContain("ControlManifest.Input.xml does not exist");
  });

  test("package.json 1.2.0-beta.1, manifest 1.2.0: they agree (the pre-release tag is package.json's only)", () => {
    const root = makeProject({ version: "1.2.0-beta.1" });
    expect(buildSolution(root, loadConfig(root)).version).toBe("1.2.0.0");
  });
});
