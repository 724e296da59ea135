/**
 * `npm run release -- <major|minor|patch>` on temporary copies of this project's package.json,
 * package-lock.json, ControlManifest.Input.xml and solution/released.json (this repository's own
 * versions are never touched), then a build at the new version.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSolution } from "../../solution/build";
import { loadConfig } from "../../solution/config";
import { readControlVersion, setControlVersion } from "../../solution/manifestVersion";
import { nextVersion, type ReleaseLevel } from "../../solution/version";
import { makeProject, ROOT, runCli, tempDir } from "./helpers";

const FILES = ["package.json", "package-lock.json", "ControlManifest.Input.xml", "solution/released.json"] as const;

function copyOfProject(): string {
  const root = tempDir();
  mkdirSync(join(root, "solution"));
  for (const file of FILES) cpSync(join(ROOT, file), join(root, file));
  return root;
}

const read = (root: string, file: string) => readFileSync(join(root, file), "utf8");
const current = JSON.parse(read(ROOT, "package.json")).version as string;

test.each(["patch", "minor", "major"] as ReleaseLevel[])(
  "release %s moves package.json, the lockfile, the manifest and the record together",
  (level) => {
    const root = copyOfProject();
    const before = Object.fromEntries(FILES.map((file) => [file, read(root, file)]));
    const next = nextVersion(current, level);
    const r = runCli(["release", level, "--root", root]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain(`Released ${next} (was ${current}): solution ${next}.0, control version="${next}".`);
    expect(r.stdout).toContain("Wrote package.json, package-lock.json, ControlManifest.Input.xml, solution/released.json.");

    const pkg = read(root, "package.json");
    expect(JSON.parse(pkg).version).toBe(next);
    expect(pkg.replace(`"version": "${next}"`, `"version": "${current}"`)).toBe(before["package.json"]); // only that line changed

    const lock = JSON.parse(read(root, "package-lock.json"));
    expect([lock.version, lock.packages[""].version]).toEqual([next, next]);
    const [old, now] = [before["package-lock.json"]!, read(root, "package-lock.json")].map((text) => text.split("\n"));
    expect(now).toHaveLength(old!.length);
    const changed = now!.map((line, i) => [old![i], line]).filter(([was, is]) => was !== is);
    expect(changed).toEqual([
      [`  "version": "${current}",`, `  "version": "${next}",`],
      [`      "version": "${current}",`, `      "version": "${next}",`],
    ]); // the lockfile's own two fields, nothing else

    const manifest = read(root, "ControlManifest.Input.xml");
    expect(readControlVersion(manifest, "manifest")).toBe(next);
    expect(setControlVersion(manifest, current, "manifest")).toBe(before["ControlManifest.Input.xml"]); // comments, layout, libraries untouched

    expect(JSON.parse(read(root, "solution/released.json")).version).toBe(`${next}.0`);
  },
);

test("a release is refused, changing nothing, when package.json and the manifest already disagree", () => {
  const root = copyOfProject();
  const manifestPath = join(root, "ControlManifest.Input.xml");
  writeFileSync(manifestPath, setControlVersion(read(root, "ControlManifest.Input.xml"), "0.9.9", "manifest"));
  const before = FILES.map((file) => read(root, file));
  const r = runCli(["release", "patch", "--root", root]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(
    `package.json says ${current} but ControlManifest.Input.xml says version="0.9.9". Set both to the version last released`,
  );
  expect(FILES.map((file) => read(root, file))).toEqual(before);
});

test("a release below the recorded one is refused, changing nothing", () => {
  const root = copyOfProject();
  writeFileSync(join(root, "solution/released.json"), JSON.stringify({ version: "99.0.0.0" }));
  const before = FILES.map((file) => read(root, file));
  const r = runCli(["release", "minor", "--root", root]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("is not above the last release 99.0.0.0 in solution/released.json");
  expect(FILES.map((file) => read(root, file))).toEqual(before);
});

test("after a release the build makes the new version's zips; a package.json raised by hand alone fails it", () => {
  const root = makeProject({ version: "1.0.0" });
  const r = runCli(["release", "minor", "--root", root]);
  expect([r.code, r.stderr]).toEqual([0, ""]);
  // pcf-scripts would rebuild the control from the new manifest; the fixture's built manifest follows it.
  const built = join(root, "out/controls/ControlManifest.xml");
  writeFileSync(built, setControlVersion(readFileSync(built, "utf8"), "1.1.0", "built"));
  expect(buildSolution(root, loadConfig(root)).zips.map((z) => z.path.split("/").pop())).toEqual([
    "OmnichannelConversationState_1_1_0_0.zip",
    "OmnichannelConversationState_1_1_0_0_managed.zip",
  ]);

  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "fixture", version: "1.2.0" }));
  const build = runCli(["build", "--root", root]);
  expect(build.code).toBe(1);
  expect(build.stderr).toContain('[version-mismatch] package.json says 1.2.0 but ControlManifest.Input.xml says version="1.1.0"');
  expect(build.stderr).toContain("Run `npm run release -- patch` (or minor, major)");
});

test.each([
  ["1.2.3", "patch", "1.2.4"],
  ["1.2.3", "minor", "1.3.0"],
  ["1.2.3", "major", "2.0.0"],
  ["1.2.3-beta.1", "patch", "1.2.3"],
  ["1.3.0-rc.1", "minor", "1.3.0"],
  ["2.0.0-alpha", "major", "2.0.0"],
] as [string, ReleaseLevel, string][])("%s + %s → %s (as npm version computes it)", (from, level, to) => {
  expect(nextVersion(from, level)).toBe(to);
});
