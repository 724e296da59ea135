/**
 * Reads the control's .resx files, the one source of every localised string (control,
 * form script, CLI and webhook messages). Node only: the browser gets them from PCF or
 * embedded at build time.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { create } from "xmlbuilder2";

/** The project root: the folder that holds package.json, from source (ts-jest) or from dist/. */
export function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "components"))) return dir;
    if (dirname(dir) === dir) throw new Error(`No project root above ${from}: package.json and components/ were not found.`);
  }
}

export const STRINGS_DIR = join(projectRoot(), "components/ConversationState/strings");
export const DEFAULT_LANGUAGE = 1033;

type XmlNode = { "@name"?: string; value?: unknown } | XmlNode[];

/** `<data name="k"><value>v</value></data>` → { k: v }. */
export function parseResx(xml: string): Record<string, string> {
  const doc = create(xml).end({ format: "object" }) as { root?: { data?: XmlNode } };
  const data = doc.root?.data;
  const rows = Array.isArray(data) ? data : data ? [data] : [];
  const strings: Record<string, string> = {};
  for (const row of rows as { "@name"?: string; value?: unknown }[]) {
    if (typeof row["@name"] !== "string") continue;
    strings[row["@name"]] =
      typeof row.value === "string" ? row.value : row.value === undefined ? "" : String((row.value as { "#"?: string })["#"] ?? "");
  }
  return strings;
}

/** The languages we ship, by LCID, read from the resx file names. */
export function availableLanguages(dir: string = STRINGS_DIR): number[] {
  return readdirSync(dir)
    .map((name) => /\.(\d+)\.resx$/.exec(name)?.[1])
    .filter((lcid): lcid is string => lcid !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

export function resxPath(lcid: number, dir: string = STRINGS_DIR): string {
  return join(dir, `ConversationState.${lcid}.resx`);
}

/** Strings for a language, falling back to English key by key. */
export function loadStrings(lcid: number = DEFAULT_LANGUAGE, dir: string = STRINGS_DIR): Record<string, string> {
  const english = parseResx(readFileSync(resxPath(DEFAULT_LANGUAGE, dir), "utf8"));
  if (lcid === DEFAULT_LANGUAGE || !availableLanguages(dir).includes(lcid)) return english;
  return { ...english, ...parseResx(readFileSync(resxPath(lcid, dir), "utf8")) };
}
