/** Names, ids and versions: the pure rules behind the build checks. */
import { solutionVersion, zipFileName } from "../../solution/config";
import { uuidV5, webResourceFileName, webResourceId } from "../../solution/names";
import { checkVersion, compareVersions } from "../../solution/version";

test("uuidV5 matches the RFC 4122 / Python uuid.uuid5 vector", () => {
  expect(uuidV5("python.org", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("886313e1-3b8a-5372-9b90-0c9aee199e5d");
});

test("the form script's id is pinned: it may never change, or upgrades would meet a second web resource of the same name", () => {
  // Computed independently: python3 -c 'import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, "urn:dataverse:webresource:ocs_/conversationstate/form.js"))'
  expect(webResourceId("ocs_/conversationstate/form.js")).toBe("081464b3-c6a5-5b7c-901a-ba214463d686");
});

test("web resource files are named as Dataverse exports them: no dots or slashes, id in capitals", () => {
  expect(webResourceFileName("ocs_/conversationstate/form.js", "081464b3-c6a5-5b7c-901a-ba214463d686")).toBe(
    "WebResources/ocs_conversationstateformjs081464B3-C6A5-5B7C-901A-BA214463D686",
  );
  expect(webResourceFileName("ocs_/a-b/c.js", "00000000-0000-5000-8000-000000000000")).toBe(
    "WebResources/ocs_a-bcjs00000000-0000-5000-8000-000000000000",
  );
});

test.each([
  ["1.0.0", "1.0.0.0"],
  ["2.13.4", "2.13.4.0"],
  ["1.2.3-beta.1", "1.2.3.0"],
])("package.json %s → solution %s", (pkg, solution) => expect(solutionVersion(pkg)).toBe(solution));

test("a non-semver package.json version is refused with where to fix it", () => {
  expect(() => solutionVersion("1.0")).toThrow(/package.json version "1.0" is not semver.*Fix the "version" field/);
});

test("zip names use underscores for the version, and _managed for the managed one", () => {
  const config = { uniqueName: "OmnichannelConversationState", version: "1.2.3.0" };
  expect([zipFileName(config, false), zipFileName(config, true)]).toEqual([
    "OmnichannelConversationState_1_2_3_0.zip",
    "OmnichannelConversationState_1_2_3_0_managed.zip",
  ]);
});

test("versions compare numerically, part by part", () => {
  expect(compareVersions("1.10.0.0", "1.9.0.0")).toBeGreaterThan(0);
  expect(compareVersions("1.0.0.0", "1.0.0.0")).toBe(0);
  expect(compareVersions("1.0.0.1", "1.0.1.0")).toBeLessThan(0);
  expect(checkVersion("1.9.9.9", "1.10.0.0").map((p) => p.code)).toEqual(["version-downgrade"]);
  expect(checkVersion("1.0", "0.0.0.0").map((p) => p.code)).toEqual(["bad-version"]);
  expect(checkVersion("1.10.0.0", "1.9.0.0")).toEqual([]);
});
