/**
 * The form script's strings at run time: the RESX web resources the solution ships as dependencies
 * of the library, which the platform answers in the user's language (else the organisation's base language).
 */
import type { Strings } from "../lifecycle/format";
import { STRINGS_WEB_RESOURCE } from "./resources";

/**
 * getResourceString throws "<name> does not exist." when no RESX matches the user's language (or the
 * web resources were not deployed) and answers null for a key neither that language nor the base one has:
 * both read as "no answer" (undefined), which messages.ts turns into plain English.
 */
export const platformStrings: Strings = (key) => {
  try {
    return Xrm.Utility.getResourceString(STRINGS_WEB_RESOURCE, key) || undefined;
  } catch {
    return undefined;
  }
};
