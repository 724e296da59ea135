/**
 * The manifest keeps to the platform's documented contract: only supported property types
 * (manifest reference, type-table.md), nothing bound to Status or Status Reason, the record id and
 * table name as the PCF FAQ documents them, the transitionRequested event. Also the drift checks:
 * the typed property bag, the resx keys the code uses, and the build script.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALL_CHANNEL_KINDS, STATUSES } from "../../plugins/lifecycle";
import { agentMoves } from "../../plugins/lifecycle/agent";
import { availableLanguages, loadStrings, projectRoot } from "../../plugins/strings/resx";

const ROOT = projectRoot(__dirname);
const manifest = readFileSync(join(ROOT, "ControlManifest.Input.xml"), "utf8");
const COMPONENT = join(ROOT, "components/ConversationState");

/**
 * The of-type values a code component may use, as the manifest reference lists them
 * (powerapps-docs, component-framework/manifest-schema-reference/includes/type-table.md). Status and
 * Status Reason are under "Value elements that are not supported", with Whole.Duration and the others.
 */
const SUPPORTED = [
  "Currency",
  "DateAndTime.DateAndTime",
  "DateAndTime.DateOnly",
  "Decimal",
  "Enum",
  "FP",
  "Lookup.Simple",
  "Multiple",
  "MultiSelectOptionSet",
  "Object",
  "OptionSet",
  "SingleLine.Email",
  "SingleLine.Phone",
  "SingleLine.Text",
  "SingleLine.TextArea",
  "SingleLine.Ticker",
  "SingleLine.URL",
  "TwoOptions",
  "Whole.None",
];

interface Property {
  name: string;
  type: string;
  usage: string;
  required: string;
}

/** Every <property> of a manifest, from its start tags' attributes. */
function propertiesOf(xml: string): Property[] {
  return [...xml.matchAll(/<property\b([^>]*)>/g)].map(([, attributes]) => {
    const a = Object.fromEntries([...attributes.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    return { name: a.name, type: a["of-type"], usage: a.usage, required: a.required ?? "false" };
  });
}

/** The properties whose type the platform does not support: a control with any cannot be configured on a form. */
const unsupported = (xml: string): Property[] => propertiesOf(xml).filter((p) => !SUPPORTED.includes(p.type));

const properties = propertiesOf(manifest);

test("every property has a supported type", () => {
  expect(properties.length).toBeGreaterThan(5);
  expect(unsupported(manifest)).toEqual([]);
});

test("the check catches a Status Reason binding, as the form designer would refuse it", () => {
  const bad = manifest.replace('of-type="DateAndTime.DateAndTime"', 'of-type="Status Reason"');
  expect(unsupported(bad).map((p) => p.name)).toEqual(["statusUpdatedOn"]);
});

test("placed on Status updated on; the record id and table name as the PCF FAQ documents them", () => {
  expect(properties[0]).toEqual({ name: "statusUpdatedOn", type: "DateAndTime.DateAndTime", usage: "bound", required: "true" });
  expect(properties.filter((p) => p.usage === "bound").map((p) => p.name)).toEqual(["statusUpdatedOn"]);
  expect(properties.find((p) => p.name === "entityId")).toEqual({
    name: "entityId",
    type: "SingleLine.Text",
    usage: "input",
    required: "false",
  });
  expect(properties.find((p) => p.name === "entityName")).toEqual({
    name: "entityName",
    type: "SingleLine.Text",
    usage: "input",
    required: "false",
  });
  expect(properties.map((p) => p.name)).not.toContain("statusReason");
});

test("the maker's inputs: mode, wrap-up block and minutes, unavailable actions, actions on or off", () => {
  expect(properties.filter((p) => p.usage === "input").map((p) => [p.name, p.type])).toEqual([
    ["entityId", "SingleLine.Text"],
    ["entityName", "SingleLine.Text"],
    ["conversationMode", "Enum"],
    ["wrapUpBlock", "Enum"],
    ["wrapUpMinutes", "Whole.None"],
    ["unavailableActions", "Enum"],
    ["actions", "Enum"],
  ]);
  expect(manifest).toMatch(/<property name="actions"[^>]*default-value="on"/);
});

test("the transitionRequested event, and the platform's React 16.14.0 and Fluent 9.68.0", () => {
  expect(manifest).toMatch(
    /<event name="transitionRequested" display-name-key="event\.transitionRequested\.name" description-key="event\.transitionRequested\.description" \/>/,
  );
  expect(manifest).toMatch(/namespace="OmnichannelLifecycle" constructor="ConversationState"/);
  expect(manifest).toMatch(/control-type="virtual"/);
  expect(manifest).toMatch(/<platform-library name="React" version="16\.14\.0" \/>/);
  expect(manifest).toMatch(/<platform-library name="Fluent" version="9\.68\.0" \/>/);
});

test("inputs.ts types the same properties as the manifest", () => {
  const TYPE: Record<string, string> = {
    "DateAndTime.DateAndTime": "DateTimeProperty",
    "SingleLine.Text": "StringProperty",
    Enum: "EnumProperty",
    "Whole.None": "WholeNumberProperty",
  };
  const source = readFileSync(join(COMPONENT, "inputs.ts"), "utf8");
  const typed = [...source.matchAll(/^\s+(\w+): ComponentFramework\.PropertyTypes\.(\w+)/gm)].map((m) => ({ name: m[1], type: m[2] }));
  expect(typed).toEqual(properties.map((p) => ({ name: p.name, type: TYPE[p.type] })));
  expect(source).toMatch(/transitionRequested: \(request: TransitionRequest\) => void/);
});

describe.each(availableLanguages())("language %i", (lcid) => {
  const strings = loadStrings(lcid);
  const own = readFileSync(join(COMPONENT, `strings/ConversationState.${lcid}.resx`), "utf8");
  test("has every display-name and description key of the manifest", () => {
    const keys = [...manifest.matchAll(/(?:display-name-key|description-key)="([^"]+)"/g)].map((m) => m[1]);
    expect(keys.length).toBe(30);
    expect(keys.filter((k) => !own.includes(`<data name="${k}"`))).toEqual([]);
  });
  test("has every key the control's code names", () => {
    const code = readdirSync(COMPONENT)
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => readFileSync(join(COMPONENT, f), "utf8"))
      .join("\n");
    const keys = [...new Set([...code.matchAll(/"((?:control|action|capacity)\.[\w.-]+)"/g)].map((m) => m[1]))];
    expect(keys.length).toBeGreaterThan(25);
    expect(keys.filter((k) => !own.includes(`<data name="${k}"`))).toEqual([]);
  });
  test("has every key the control builds from the model's names", () => {
    const keys = STATUSES.flatMap((s) => [`status.${s.name}`, ...(s.capacity === "wrap-up-block" ? [] : [`capacity.${s.capacity}`])]);
    keys.push(...ALL_CHANNEL_KINDS.map((kind) => `channelKind.${kind}`));
    for (const from of STATUSES)
      for (const to of agentMoves(from.value, "unknown")) keys.push(`action.${from.name}-${STATUSES[to - 1].name}`);
    expect(keys.length).toBeGreaterThan(20);
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
