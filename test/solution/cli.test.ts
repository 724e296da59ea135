/** The solution CLI through real child processes (dist/solution/cli.js, built by `npm run build`). */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeProject, runCli, tempDir } from "./helpers";

const ZIPS = ["OmnichannelConversationState_1_0_0_0.zip", "OmnichannelConversationState_1_0_0_0_managed.zip"];

test("--help lists every command and the exit codes", () => {
  const r = runCli(["--help"]);
  expect(r.code).toBe(0);
  for (const text of [
    "build [--root <dir>]",
    "pack <dir> <zip>",
    "unpack <zip> <dir> [--layout packager|zip]",
    "release <major|minor|patch> [--root <dir>]",
    "Exit codes: 0 done, 1",
  ])
    expect(r.stdout).toContain(text);
});

test.each([
  [[], /A command is required/],
  [["publish"], /Unknown command "publish"/],
  [["pack", "only-one"], /Usage: pack <dir> <zip> \(got 1 argument\)/],
  [["unpack"], /Usage: unpack <zip> <dir> \[--layout packager\|zip\] \(got 0 arguments\)/],
  [["unpack", "a.zip", "dir", "--layout", "flat"], /--layout must be packager or zip \(got "flat"\)/],
  [["pack", "dir", "a.zip", "--layout", "zip"], /--layout applies to unpack only/],
  [["release"], /Usage: release <major\|minor\|patch> \[--root <dir>\] \(got 0 arguments\)/],
  [["release", "huge"], /release needs major, minor or patch \(got "huge"\)/],
  [["build", "--fast"], /Unknown option '--fast'/],
  [["pack", "a", "b", "--root", "x"], /--root applies to build and release only/],
])("usage error %j exits 2", (args, message) => {
  const r = runCli(args);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
});

test("build prints components, sizes, languages, zip paths and the pack time against its budget", () => {
  const root = makeProject();
  const r = runCli(["build", "--root", root]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/66 +custom control +ocs_OmnichannelLifecycle\.ConversationState \(\d+\.\d KB\)/);
  expect(r.stdout).toMatch(/61 +web resource +ocs_\/conversationstate\/form\.js \(\d+\.\d KB\)/);
  for (const lcid of [1025, 1033, 1036])
    expect(r.stdout).toMatch(new RegExp(`61 +web resource +ocs_/conversationstate/strings\\.${lcid}\\.resx \\(\\d+\\.\\d KB\\)`));
  expect(r.stdout).toContain("Languages: 1033 (base); strings: 1025, 1033, 1036");
  for (const zip of ZIPS) expect(r.stdout).toContain(`out/solution/${zip}`);
  expect(r.stdout).toMatch(/Pack: \d\.\d{3} s \((within|OVER) the 0\.500 s budget\)/);
});

test("the bytes do not depend on the time zone of the machine that builds", () => {
  const [a, b] = ["UTC", "Pacific/Kiritimati"].map((TZ) => {
    const root = makeProject();
    expect(runCli(["build", "--root", root], { TZ }).code).toBe(0);
    return readFileSync(join(root, "out/solution", ZIPS[0]!));
  });
  expect(a!.equals(b!)).toBe(true);
});

test("a version downgrade fails the build with exit 1 and a fix", () => {
  const root = makeProject({ version: "0.9.0", released: "1.0.0.0" });
  const r = runCli(["build", "--root", root]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("[version-downgrade] Solution version 0.9.0.0 is lower than the last released version 1.0.0.0");
  expect(existsSync(join(root, "out/solution"))).toBe(false);
});

test.each([
  ["packager", 17, "SolutionPackager layout", "Other/Solution.xml"],
  ["zip", 13, "zip layout", "[Content_Types].xml"],
])("unpack --layout %s then pack gives the same bytes, for both zips", (layout, files, name, marker) => {
  const root = makeProject();
  expect(runCli(["build", "--root", root]).code).toBe(0);
  for (const zip of ZIPS) {
    const original = join(root, "out/solution", zip);
    const dir = join(tempDir(), "unpacked");
    const repacked = join(tempDir(), zip);
    const unpack = runCli(["unpack", original, dir, "--layout", layout]);
    expect([unpack.code, unpack.stderr]).toEqual([0, ""]);
    expect(unpack.stdout).toContain(`(${name}, ${files} files)`);
    expect(existsSync(join(dir, marker))).toBe(true);
    const pack = runCli(["pack", dir, repacked]);
    expect([pack.code, pack.stderr]).toEqual([0, ""]);
    expect(pack.stdout).toMatch(
      new RegExp(`Packed ${files} files \\(${name}\\) .* \\(OmnichannelConversationState 1\\.0\\.0\\.0, (un)?managed, 13 entries`),
    );
    expect(readFileSync(repacked).equals(readFileSync(original))).toBe(true);
  }
});

test("unpack writes the SolutionPackager layout by default", () => {
  const root = makeProject();
  runCli(["build", "--root", root]);
  const dir = join(tempDir(), "unpacked");
  expect(runCli(["unpack", join(root, "out/solution", ZIPS[0]!), dir]).code).toBe(0);
  expect(existsSync(join(dir, "Other/Solution.xml"))).toBe(true);
  expect(existsSync(join(dir, "[Content_Types].xml"))).toBe(false);
});

test("pack checks the folder: a renamed control without the prefix and a deleted bundle are refused", () => {
  const root = makeProject();
  runCli(["build", "--root", root]);
  const dir = join(tempDir(), "unpacked");
  runCli(["unpack", join(root, "out/solution", ZIPS[0]!), dir, "--layout", "zip"]);
  const customizations = join(dir, "customizations.xml");
  writeFileSync(
    customizations,
    readFileSync(customizations, "utf8").replace("<Name>ocs_OmnichannelLifecycle", "<Name>new_OmnichannelLifecycle"),
  );
  rmSync(join(dir, "Controls/ocs_OmnichannelLifecycle.ConversationState/bundle.js"));
  const zip = join(tempDir(), "out.zip");
  const r = runCli(["pack", dir, zip]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`Custom control "new_OmnichannelLifecycle.ConversationState" does not start with the publisher prefix "ocs_"`);
  expect(r.stderr).toContain(
    "Controls/ocs_OmnichannelLifecycle.ConversationState/bundle.js is referenced by ControlManifest.xml but missing",
  );
  expect(existsSync(zip)).toBe(false);
});

test("pack refuses a folder that is not a solution", () => {
  const dir = tempDir();
  writeFileSync(join(dir, "readme.txt"), "hello");
  const r = runCli(["pack", dir, join(tempDir(), "x.zip")]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(
    "has neither Other/Solution.xml (SolutionPackager layout) nor solution.xml (zip layout), so it is not a solution",
  );
});

test("unpack never overwrites: a non-empty folder is refused and left as it was", () => {
  const root = makeProject();
  runCli(["build", "--root", root]);
  const dir = tempDir();
  writeFileSync(join(dir, "solution.xml"), "mine");
  const r = runCli(["unpack", join(root, "out/solution", ZIPS[0]!), dir]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("already exists and is not an empty folder");
  expect(readFileSync(join(dir, "solution.xml"), "utf8")).toBe("mine");
});

test("unpack of something that is not a zip says so", () => {
  const file = join(tempDir(), "fake.zip");
  writeFileSync(file, "not a zip");
  const r = runCli(["unpack", file, join(tempDir(), "out")]);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/fake\.zip was refused: it is not a zip \(no end-of-central-directory record\)\. Nothing was written\./);
});

test("a missing release record is explained", () => {
  const root = makeProject();
  rmSync(join(root, "solution/released.json"));
  mkdirSync(join(root, "solution"), { recursive: true });
  const r = runCli(["build", "--root", root]);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/release record .*released\.json is missing/);
});
