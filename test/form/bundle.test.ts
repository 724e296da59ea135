/**
 * The web resource as shipped: out/webresources/conversationstate.form.js loaded into a fresh
 * V8 context whose only globals are an xrm-mock Xrm and console, driven through ConversationState.Form.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vm from "node:vm";
import { createForm, type ConversationForm } from "../../plugins/form/conversationForm";
import { STRINGS_WEB_RESOURCE } from "../../plugins/form/resources";
import { ALL_CHANNEL_KINDS, Status, STATUSES } from "../../plugins/lifecycle";
import { BUDGET_BYTES, OUTPUT, buildForm, gzippedBytes } from "../../scripts/build-form";
import { KIND_SETUPS, makeForm } from "./harness";

let code = "";
let bundled: ConversationForm;
const source = createForm();

beforeAll(async () => {
  if (!existsSync(OUTPUT)) await buildForm(OUTPUT);
  code = readFileSync(OUTPUT, "utf8");
  const sandbox = { console };
  // Each test form replaces the global Xrm (XrmMockGenerator.initialise): read it through.
  Object.defineProperty(sandbox, "Xrm", { get: () => (globalThis as unknown as { Xrm: unknown }).Xrm, enumerable: true });
  const context = vm.createContext(sandbox);
  vm.runInContext(code, context, { filename: "conversationstate.form.js" });
  bundled = vm.runInContext("ConversationState.Form", context) as ConversationForm;
}, 60000);

describe("the built web resource", () => {
  test("is what the source builds to now (not a stale file)", async () => {
    const fresh = await buildForm(join(mkdtempSync(join(tmpdir(), "form-")), "form.js"));
    expect(readFileSync(fresh.file, "utf8")).toBe(code);
  });

  test(`fits the budget: at most ${BUDGET_BYTES} bytes gzipped`, () => {
    expect(gzippedBytes(code)).toBeLessThanOrEqual(BUDGET_BYTES);
    expect(gzippedBytes(code)).toBeLessThan(Buffer.byteLength(code, "utf8"));
  });

  test("a bundle over budget fails the build, and no file (not even an older one) is left to package", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "form-")), "form.js");
    writeFileSync(file, "an older build");
    await expect(buildForm(file, 1024)).rejects.toThrow(
      /bytes gzipped \(\d+ minified\), over the 1024-byte budget; it was not written\. Bytes per source:\n.*plugins\/form\/conversationForm\.ts/s,
    );
    expect(existsSync(file)).toBe(false);
  });

  test("embeds no strings: every text comes from the RESX web resources or the model", () => {
    expect(code).toContain(STRINGS_WEB_RESOURCE);
    for (const text of ["can't be saved", "usage interne", "for internal use only"]) expect(code).not.toContain(text);
  });

  test("needs no eval and loads nothing else", () => {
    expect(code).not.toMatch(/\beval\s*\(/);
    expect(code).not.toMatch(/new\s+Function\b/);
    expect(code).not.toMatch(/\brequire\(|\bimport\(|importScripts/);
  });

  test("exposes exactly the three documented entry points", () => {
    expect(Object.keys(bundled).sort()).toEqual(["onLoad", "onSave", "onStatusChange"]);
    for (const name of ["onLoad", "onSave", "onStatusChange"] as const) expect(typeof bundled[name]).toBe("function");
  });
});

/** One agent session on a form: load, pick a status, save in a mode; everything observable. */
function session(
  handlers: ConversationForm,
  kind: (typeof ALL_CHANNEL_KINDS)[number],
  from: number,
  to: number,
  mode: number,
  lcid: number,
) {
  const form = makeForm(handlers, { status: from, channels: KIND_SETUPS[kind].channels, lcid, header: true });
  form.load(KIND_SETUPS[kind].parameter);
  const shown = form.shown();
  form.pick(to);
  const afterPick = { value: form.status.getValue(), notes: form.notifications(), shown: form.shown() };
  const saved = form.save(mode);
  return { shown, afterPick, saved, notes: form.notifications() };
}

describe("the bundle behaves exactly like the source", () => {
  for (const kind of ALL_CHANNEL_KINDS) {
    test(`${kind}: every status → every status, every save mode, in all three languages and one we do not ship`, () => {
      for (const [i, from] of STATUSES.entries()) {
        for (const [j, to] of STATUSES.entries()) {
          const mode = [1, 5, 6][(i + j) % 3];
          const lcid = [1033, 1025, 1036, 1031][(i + 2 * j) % 4];
          const expected = session(source, kind, from.value, to.value, mode, lcid);
          expect({ kind, from: from.label, to: to.label, ...session(bundled, kind, from.value, to.value, mode, lcid) }).toEqual({
            kind,
            from: from.label,
            to: to.label,
            ...expected,
          });
        }
      }
    });
  }

  test("a denied change in Arabic, end to end", () => {
    const result = session(bundled, "live-chat", Status.Active, Status.Waiting, 1, 1025);
    expect(result.afterPick.value).toBe(Status.Active);
    expect(result.afterPick.notes[0].message).toMatch(/[\u0600-\u06FF]/);
    expect(result.shown.statuscode).toEqual([Status.Open, Status.Active, Status.WrapUp]);
  });

  test("Reactivate from Closed is blocked, in English", () => {
    const form = makeForm(bundled, { status: Status.Closed, channels: KIND_SETUPS.voice.channels });
    form.load();
    expect(form.save(6)).toBe(false);
    expect(form.notifications()[0].message).toBe(
      "Closed conversations can't be reopened: Closed is final. “Agents can't reactivate or reopen closed conversations.”",
    );
  });
});
