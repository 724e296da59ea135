/**
 * The English strings of the webhook's answers. The resx files are their one source: here they are
 * read from components/ConversationState/strings at start-up; `npm run package:webhook` compiles
 * this module into a table of the same strings (plugins/webhook/deploy/strings.ts), so the package
 * runs without the repository.
 */
import { DEFAULT_LANGUAGE, loadStrings } from "../strings/resx";

export function englishStrings(): Readonly<Record<string, string>> {
  return loadStrings(DEFAULT_LANGUAGE);
}
