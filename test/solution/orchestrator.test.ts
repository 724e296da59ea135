/** scripts/build.js (npm run build) in a scratch project whose step scripts are stand-ins. */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, tempDir } from "./helpers";

function project(scripts: Record<string, string>): string {
  const root = tempDir();
  mkdirSync(join(root, "scripts"));
  cpSync(join(ROOT, "scripts/build.js"), join(root, "scripts/build.js"));
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "scratch", version: "1.0.0", scripts }));
  return root;
}

const run = (root: string) => spawnSync(process.execPath, [join(root, "scripts/build.js")], { cwd: root, encoding: "utf8" });
const ok = {
  "build:node": "echo node-ok",
  "compile:lifecycle": "echo lifecycle-ok",
  "build:control": "echo control-ok",
  "build:form": "echo form-ok",
  "build:workbench": "echo workbench-ok",
  "build:solution": "echo solution-ok",
};

test("runs the six steps in order, with progress, then each step's time and the total against 20 s", () => {
  const r = run(project(ok));
  expect(r.status).toBe(0);
  const order = [
    "1/6 build:node",
    "node-ok",
    "2/6 compile:lifecycle",
    "lifecycle-ok",
    "3/6 build:control",
    "control-ok",
    "4/6 build:form",
    "form-ok",
    "5/6 build:workbench",
    "workbench-ok",
    "6/6 build:solution",
    "solution-ok",
    "[build] Done:",
  ];
  const positions = order.map((text) => r.stdout.indexOf(text));
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  expect(r.stdout).toMatch(/total +\d+\.\d\d s \(within the 20\.00 s budget\)/);
});

test("a failing step stops the build with exit 1, its name and exit code; later steps do not run", () => {
  const root = project({ ...ok, "build:control": "echo boom >&2; exit 3", "build:form": "touch form-ran" });
  const r = run(root);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("[build] FAILED at build:control (exit code 3)");
  expect(r.stderr).toContain("run `npm run build:control` to repeat just that step");
  expect(existsSync(join(root, "form-ran"))).toBe(false);
});

test("a missing step script is named", () => {
  const withoutForm: Record<string, string> = { ...ok };
  delete withoutForm["build:form"];
  const r = run(project(withoutForm));
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(`package.json has no "build:form" script`);
});
