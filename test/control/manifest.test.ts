/** Drift: the manifest, the typed property bag, the resx keys the code uses, and the build script. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALL_CHANNEL_KINDS } from "../../plugins/lifecycle";
import { movesOf } from "../../plugins/lifecycle/agentView";
import { STATUS_ROWS } from "../../plugins/lifecycle/agentView.generated";
import { availableLanguages, loadStrings, projectRoot } from "../../plugins/strings/resx";

const ROOT = projectRoot(__dirname);
const manifest = readFileSync(join(ROOT, "ControlManifest.Input.xml"), "utf8");
const COMPONENT = join(ROOT, "components/ConversationState");

const properties = [...manifest.matchAll(/<property name="(\w+)"[^>]*of-type="([\w.]+)"[^>]*usage="(\w+)"/g)].map((m) => ({
  name: m[1],
  type: m[2],
  usage: m[3],
}));

test("the manifest: virtual control on the platform's React 16.14.0 and Fluent 9.68.0", () => {
  expect(manifest).toMatch(/namespace="OmnichannelLifecycle" constructor="ConversationState"/);
  expect(manifest).toMatch(/control-type="virtual"/);
  expect(manifest).toMatch(/<platform-library name="React" version="16\.14\.0" \/>/);
  expect(manifest).toMatch(/<platform-library name="Fluent" version="9\.68\.0" \/>/);
  expect(properties).toEqual([
    { name: "statusReason", type: "OptionSet", usage: "bound" },
    { name: "channel", type: "MultiSelectOptionSet", usage: "bound" },
    { name: "statusUpdatedOn", type: "DateAndTime.DateAndTime", usage: "bound" },
    { name: "statusChangeReason", type: "OptionSet", usage: "bound" },
    { name: "conversationMode", type: "Enum", usage: "input" },
    { name: "wrapUpBlock", type: "Enum", usage: "input" },
    { name: "wrapUpMinutes", type: "Whole.None", usage: "input" },
    { name: "unavailableActions", type: "Enum", usage: "input" },
  ]);
  expect(manifest).toMatch(/<property name="statusReason"[^>]*required="true"/);
});

test("inputs.ts types the same properties as the manifest", () => {
  const TYPE: Record<string, string> = {
    OptionSet: "OptionSetProperty",
    MultiSelectOptionSet: "MultiSelectOptionSetProperty",
    "DateAndTime.DateAndTime": "DateTimeProperty",
    Enum: "EnumProperty",
    "Whole.None": "WholeNumberProperty",
  };
  const source = readFileSync(join(COMPONENT, "inputs.ts"), "utf8");
  const typed = [...source.matchAll(/^\s+(\w+): ComponentFramework\.PropertyTypes\.(\w+)/gm)].map((m) => ({ name: m[1], type: m[2] }));
  expect(typed).toEqual(properties.map((p) => ({ name: p.name, type: TYPE[p.type] })));
});

describe.each(availableLanguages())("language %i", (lcid) => {
  const strings = loadStrings(lcid);
  const own = readFileSync(join(COMPONENT, `strings/ConversationState.${lcid}.resx`), "utf8");
  test("has every display-name and description key of the manifest", () => {
    const keys = [...manifest.matchAll(/(?:display-name-key|description-key)="([^"]+)"/g)].map((m) => m[1]);
    expect(keys.length).toBe(26);
    expect(keys.filter((k) => !own.includes(`<data name="${k}"`))).toEqual([]);
  });
  test("has every key the control's code names", () => {
    const code = readdirSync(COMPONENT)
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => readFileSync(join(COMPONENT, f), "utf8"))
      .join("\n");
    const keys = [...new Set([...code.matchAll(/"((?:control|action|capacity)\.[\w.-]+)"/g)].map((m) => m[1]))];
    const actionKeys = [
      "open-active",
      "active-open",
      "active-wrap-up",
      "active-waiting",
      "active-closed",
      "waiting-active",
      "wrap-up-closed",
    ].map((k) => `action.${k}`);
    expect(keys.length).toBeGreaterThan(15);
    expect([...keys, ...actionKeys].filter((k) => !own.includes(`<data name="${k}"`))).toEqual([]);
    expect(strings["action.active-waiting"]).toBeTruthy();
  });
  test("has every key the control builds from the model's names", () => {
    const keys = STATUS_ROWS.flatMap(([name, state, capacity]) => [
      `status.${name}`,
      `state.${state}`,
      ...(capacity === "wrap-up-block" ? [] : [`capacity.${capacity}`]),
    ]);
    keys.push(...ALL_CHANNEL_KINDS.map((kind) => `channelKind.${kind}`));
    for (const kind of ALL_CHANNEL_KINDS)
      for (const from of STATUS_ROWS)
        for (const [to] of movesOf(STATUS_ROWS.indexOf(from) + 1, kind)) keys.push(`action.${from[0]}-${STATUS_ROWS[to - 1][0]}`);
    expect(keys.length).toBeGreaterThan(30);
    expect([...new Set(keys)].filter((k) => !strings[k])).toEqual([]);
  });
});

describe("scripts/build-control.js", () => {
  const script = join(ROOT, "scripts/build-control.js");
  const fake = (body: string): string => {
    const file = join(mkdtempSync(join(tmpdir(), "pcf-")), "pcf-scripts.js");
    writeFileSync(file, body);
    return file;
  };
  test('fails when pcf-scripts prints "[build] Failed" but exits 0', () => {
    const bin = fake('console.log("[build] Failed:\\n[pcf-1065] [Error] ESLint validation error"); process.exit(0);');
    const run = spawnSync(process.execPath, [script], { cwd: ROOT, encoding: "utf8", env: { ...process.env, PCF_SCRIPTS_BIN: bin } });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/FAILED: pcf-scripts printed "\[build\] Failed"/);
  });
  test("fails when pcf-scripts exits non-zero", () => {
    const run = spawnSync(process.execPath, [script], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, PCF_SCRIPTS_BIN: fake("process.exit(3);") },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/exited with code 3/);
  });
  test("passes the production build mode and succeeds on a clean build", () => {
    const run = spawnSync(process.execPath, [script], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, PCF_SCRIPTS_BIN: fake('console.log(process.argv.slice(2).join(" ")); console.log("[build] Succeeded");') },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^build --buildMode production$/m);
  });
});
