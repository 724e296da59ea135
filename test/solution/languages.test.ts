/**
 * `<Languages>` names the base language only, so an environment with just that language imports
 * the solution without warnings; the RESX web resources still ship every language.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { buildSolution } from "../../solution/build";
import { loadConfig } from "../../solution/config";
import { unzipEntries } from "../../solution/zip";
import { simulateImport } from "./importModel";
import { makeProject, textOf } from "./helpers";

const root = makeProject();
const built = buildSolution(root, loadConfig(root));
const ENGLISH_ONLY = { enabledLanguages: [1033] };

/** The zip as the packer wrote it before this change: one <Language> per resx file. */
function withOldLanguages(entries: Map<string, Uint8Array>): Map<string, Uint8Array> {
  const old = new Map(entries);
  const xml = textOf(entries.get("customizations.xml")).replace(
    "<Language>1033</Language>",
    "<Language>1025</Language>\n    <Language>1033</Language>\n    <Language>1036</Language>",
  );
  old.set("customizations.xml", new TextEncoder().encode(xml));
  return old;
}

test.each(built.zips.map((zip) => [basename(zip.path), zip.path]))(
  "%s imports cleanly into an environment with only English",
  (name, path) => {
    const entries = unzipEntries(readFileSync(path));
    expect(textOf(entries.get("customizations.xml"))).toContain("<Languages>\n    <Language>1033</Language>\n  </Languages>");
    expect(simulateImport(name, entries, ENGLISH_ONLY)).toEqual({ result: "succeeded", warnings: [] });
  },
);

test("the old <Languages> (1025, 1033, 1036) would have ended that import with warnings", () => {
  const name = basename(built.zips[1]!.path);
  const outcome = simulateImport(name, withOldLanguages(unzipEntries(readFileSync(built.zips[1]!.path))), ENGLISH_ONLY);
  expect(outcome).toEqual({
    result: "succeeded with warnings",
    warnings: [
      `Customizations from file "${name}" imported successfully with warnings: Translated labels for the following languages could not be imported because they have not been enabled for this organization: 1025, 1036`,
    ],
  });
});

test("the RESX web resources still ship every language of the strings folder", () => {
  const customizations = textOf(unzipEntries(readFileSync(built.zips[0]!.path)).get("customizations.xml"));
  expect([...customizations.matchAll(/<LanguageCode>(\d+)<\/LanguageCode>/g)].map((m) => Number(m[1]))).toEqual([1025, 1033, 1036]);
  expect(built.stringLanguages).toEqual([1025, 1033, 1036]);
});

test("the base language is configurable: a French base builds <Languages>1036 and French labels, clean where French is the one language", () => {
  const project = makeProject();
  const config = { ...loadConfig(project), languageCode: 1036 };
  const french = buildSolution(project, config);
  const entries = unzipEntries(readFileSync(french.zips[0]!.path));
  expect(french.languages).toEqual([1036]);
  expect(textOf(entries.get("customizations.xml"))).toContain("<Language>1036</Language>");
  expect(textOf(entries.get("solution.xml"))).toContain('languagecode="1036"');
  expect(simulateImport("fr.zip", entries, { enabledLanguages: [1036] }).result).toBe("succeeded");
  expect(simulateImport("fr.zip", entries, ENGLISH_ONLY).warnings[0]).toMatch(/not been enabled for this organization: 1036$/);
});
