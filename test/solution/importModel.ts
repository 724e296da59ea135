/**
 * A model of the language check Dataverse makes when it imports a solution, to test our zips
 * against. What it models, and from where:
 *
 * - "When a solution is imported, labels for languages that aren't available in the target system
 *   are discarded and a warning is logged." (Power Platform ALM guide, "Create solutions that support
 *   multiple languages", Translating labels and display strings.)
 * - The import then ends "successfully with warnings", in these words: `Customizations from file
 *   "PromptBuddy_1_0_1_4.zip" imported successfully with warnings: Translated labels for the following
 *   languages could not be imported because they have not been enabled for this organization: 1036`
 *   (a public project's import log, stuartridout/promptbuddy issue 13).
 *
 * The languages a solution names are those of customizations.xml `<Languages>` and the `languagecode`
 * of every label in solution.xml. A String (RESX) web resource is one component whose LanguageCode
 * says which users getResourceString serves it to; it is not a translated label, so it is not checked.
 */
import { create } from "xmlbuilder2";

export interface Environment {
  /** Languages enabled in the target environment, its base language included. */
  enabledLanguages: readonly number[];
}

export interface ImportOutcome {
  result: "succeeded" | "succeeded with warnings";
  warnings: string[];
}

const decoder = new TextDecoder();

function languagesNamed(entries: ReadonlyMap<string, Uint8Array>): number[] {
  const customizations = decoder.decode(entries.get("customizations.xml"));
  const solution = decoder.decode(entries.get("solution.xml"));
  const languages = (create(customizations).end({ format: "object" }) as { ImportExportXml: { Languages?: { Language?: unknown } } })
    .ImportExportXml.Languages?.Language;
  const listed = (Array.isArray(languages) ? languages : languages === undefined ? [] : [languages]).map(Number);
  const labels = [...solution.matchAll(/<(?:LocalizedName|Description)\b[^>]*\blanguagecode="(\d+)"/g)].map((m) => Number(m[1]));
  return [...new Set([...listed, ...labels])].sort((a, b) => a - b);
}

export function simulateImport(file: string, entries: ReadonlyMap<string, Uint8Array>, environment: Environment): ImportOutcome {
  const missing = languagesNamed(entries).filter((lcid) => !environment.enabledLanguages.includes(lcid));
  if (missing.length === 0) return { result: "succeeded", warnings: [] };
  return {
    result: "succeeded with warnings",
    warnings: [
      `Customizations from file "${file}" imported successfully with warnings: Translated labels for the following languages could not be imported because they have not been enabled for this organization: ${missing.join(", ")}`,
    ],
  };
}
