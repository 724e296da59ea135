/**
 * The global Xrm the form script reaches for: Xrm.Utility.getResourceString over the RESX web
 * resources (the user's language, else the organisation's base language, else null; it throws
 * "<name> does not exist." when no RESX answers, as documented), getAllowedStatusTransitions (the
 * conversation table has no status-reason transitions configured: PLATFORM.md §4), and Xrm.WebApi.
 */
import { STRINGS_WEB_RESOURCE } from "../../plugins/form/resources";
import { webApi } from "./webApi";

export interface ResxByLanguage {
  readonly [lcid: number]: Readonly<Record<string, string>>;
}

export function installXrm(resx: ResxByLanguage, language: () => number, baseLanguage = 1033): void {
  (globalThis as unknown as { Xrm: unknown }).Xrm = {
    Utility: {
      getResourceString(webResourceName: string, key: string): string | null {
        const own = webResourceName === STRINGS_WEB_RESOURCE ? resx[language()] : undefined;
        const base = webResourceName === STRINGS_WEB_RESOURCE ? resx[baseLanguage] : undefined;
        if (!own && !base) throw new Error(`${webResourceName} does not exist.`);
        return own?.[key] ?? base?.[key] ?? null;
      },
      getAllowedStatusTransitions: () => Promise.resolve([]),
    },
    WebApi: { retrieveRecord: webApi.retrieveRecord, updateRecord: webApi.updateRecord },
  };
}
