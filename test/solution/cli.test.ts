/** The solution CLI through real child processes (dist/solution/cli.js, built by `npm run build`). */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeProject, runCli, tempDir } from "./helpers";

const ZIPS = ["OmnichannelConversationState_1_0_0_0.zip", "OmnichannelConversationState_1_0_0_0_managed.zip"];

test("--help lists every command and the exit codes", () => {
  const r = runCli(["--help"]);
  expect(r.code).toBe(0);
  for (const text of ["build [--root <dir>]", "pack <dir> <zip>", "unpack <zip> <dir>", "release [--root <dir>]", "Exit codes: 0 done, 1"])
    expect(r.stdout).toContain(text);
});

test.each([
  [[], /A command is required/],
  [["publish"], /Unknown command "publish"/],
  [["pack", "only-one"], /Usage: pack <dir> <zip> \(got 1 argument\)/],
  [["unpack"], /Usage: unpack <zip> <dir> \(got 0 arguments\)/],
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
  expect(r.stdout).toContain("Languages: 1025, 1033, 1036");
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

test("unpack then pack gives the same bytes, for both zips", () => {
  const root = makeProject();
  expect(runCli(["build", "--root", root]).code).toBe(0);
  for (const zip of ZIPS) {
    const original = join(root, "out/solution", zip);
    const dir = join(tempDir(), "unpacked");
    const repacked = join(tempDir(), zip);
    const unpack = runCli(["unpack", original, dir]);
    expect([unpack.code, unpack.stderr]).toEqual([0, ""]);
    expect(existsSync(join(dir, "[Content_Types].xml"))).toBe(true);
    const pack = runCli(["pack", dir, repacked]);
    expect([pack.code, pack.stderr]).toEqual([0, ""]);
    expect(pack.stdout).toMatch(/Packed 13 files .* \(OmnichannelConversationState 1\.0\.0\.0, (un)?managed/);
    expect(readFileSync(repacked).equals(readFileSync(original))).toBe(true);
  }
});

test("pack checks the folder: a renamed control without the prefix and a deleted bundle are refused", () => {
  const root = makeProject();
  runCli(["build", "--root", root]);
  const dir = join(tempDir(), "unpacked");
  runCli(["unpack", join(root, "out/solution", ZIPS[0]!), dir]);
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
  const r = runCli(["pack", dir, join(dir, "x.zip")]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("has no solution.xml, customizations.xml, [Content_Types].xml at its root, so it is not a solution");
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
  expect(r.stderr).toMatch(/fake\.zip is not a readable zip/);
});

test("release records the version; a later build below it fails, and release never goes back", () => {
  const root = makeProject({ version: "1.3.0" });
  const r = runCli(["release", "--root", root]);
  expect([r.code, r.stdout]).toEqual([0, "Recorded 1.3.0.0 as the last released version in solution/released.json. Commit it.\n"]);
  expect(JSON.parse(readFileSync(join(root, "solution/released.json"), "utf8")).version).toBe("1.3.0.0");
  writeFileSync(join(root, "package.json"), JSON.stringify({ version: "1.2.9" }));
  expect(runCli(["build", "--root", root]).stderr).toContain("lower than the last released version 1.3.0.0");
  const back = runCli(["release", "--root", root]);
  expect(back.code).toBe(1);
  expect(back.stderr).toContain("lower than the last released version 1.3.0.0");
});

test("a missing release record is explained", () => {
  const root = makeProject();
  rmSync(join(root, "solution/released.json"));
  mkdirSync(join(root, "solution"), { recursive: true });
  const r = runCli(["build", "--root", root]);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/release record .*released\.json is missing/);
});
