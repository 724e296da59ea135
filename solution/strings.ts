/**
 * The form script's String (RESX) web resources: one per resx file in the control's strings folder,
 * the very bytes the control ships, so the control and the form script read one source of text.
 * The form script declares them as dependencies: the platform then loads them with it and
 * Xrm.Utility.getResourceString(baseName, key) finds the user's language.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { SolutionConfig, WebResourceSpec } from "./config";
import type { WebResourcePart } from "./pack";
import { problem, type Problem } from "./problems";

/** `ConversationState.1033.resx` → 1033: the LCID is the last dotted part before `.resx`. */
export const lcidOfResx = (fileName: string): number | undefined => {
  const match = /\.(\d{4,5})\.resx$/i.exec(fileName);
  return match ? Number(match[1]) : undefined;
};

export const stringResourceName = (baseName: string, lcid: number): string => `${baseName}.${lcid}.resx`;

export interface StringFile {
  lcid: number;
  fileName: string;
  content: Uint8Array;
}

const REBUILD_CONTROL = "Run `npm run build:control` (or `npm run build`), so the control ships the same resx files.";

/** The web resource for one language. */
export function stringResourceSpec(config: SolutionConfig, file: Pick<StringFile, "lcid" | "fileName">): WebResourceSpec {
  const { strings } = config;
  return {
    name: stringResourceName(strings.baseName, file.lcid),
    displayName: `${strings.displayName} (${file.lcid})`,
    description: strings.description,
    type: 12,
    source: `${strings.dir}/${file.fileName}`,
    introducedVersion: strings.introducedVersion,
    languageCode: file.lcid,
  };
}

/** The resx files of `dir`, by LCID ascending; a missing or empty folder is a problem. */
export function readStringFiles(dir: string, label: string): { files: StringFile[]; problems: Problem[] } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return {
      files: [],
      problems: [
        problem(
          "missing-file",
          `The strings folder ${label} does not exist, so there is no text for the form script's RESX web resources.`,
          `Restore ${label} from git (it holds the control's <name>.<lcid>.resx files).`,
        ),
      ],
    };
  }
  const files = readdirSync(dir)
    .filter((name) => lcidOfResx(name) !== undefined)
    .sort()
    .map((fileName) => ({ lcid: lcidOfResx(fileName)!, fileName, content: readFileSync(join(dir, fileName)) }))
    .sort((a, b) => a.lcid - b.lcid);
  const problems: Problem[] = [];
  if (files.length === 0) {
    problems.push(
      problem(
        "missing-file",
        `The strings folder ${label} holds no <name>.<lcid>.resx file.`,
        `Restore the resx files in ${label} from git.`,
      ),
    );
  }
  for (let i = 1; i < files.length; i++) {
    if (files[i]!.lcid === files[i - 1]!.lcid) {
      problems.push(
        problem(
          "strings-mismatch",
          `${label} has two resx files for language ${files[i]!.lcid} (${files[i - 1]!.fileName}, ${files[i]!.fileName}); a web resource holds one file per language.`,
          "Keep one resx file per language.",
        ),
      );
    }
  }
  return { files, problems };
}

const fileNameOf = (path: string) => path.slice(path.lastIndexOf("/") + 1);
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** What the built control ships: every file of its folder (all go into the zip), and the files its manifest names. */
export interface ShippedControl {
  files: ReadonlyMap<string, Uint8Array>;
  references: readonly string[];
}

/**
 * The control must ship exactly these resx files, byte for byte; otherwise its build is stale. A
 * file the manifest names but the build lacks is the control's own missing-file problem.
 */
export function checkAgainstControl(files: readonly StringFile[], control: ShippedControl, label: string): Problem[] {
  const paths = new Set([...control.references, ...control.files.keys()].filter((path) => lcidOfResx(path) !== undefined));
  const shipped = new Map([...paths].map((path) => [fileNameOf(path), control.files.get(path)]));
  const problems: Problem[] = [];
  for (const file of files) {
    const copy = shipped.get(file.fileName);
    if (!shipped.has(file.fileName))
      problems.push(
        problem(
          "strings-mismatch",
          `${label}/${file.fileName} is not shipped by the built control: the form script would have a language the control lacks.`,
          REBUILD_CONTROL,
        ),
      );
    else if (copy && !sameBytes(copy, file.content))
      problems.push(
        problem(
          "strings-mismatch",
          `${label}/${file.fileName} differs from the copy in the built control: the control and the form script would show different text.`,
          REBUILD_CONTROL,
        ),
      );
  }
  for (const name of shipped.keys()) {
    if (!files.some((file) => file.fileName === name)) {
      problems.push(problem("strings-mismatch", `The built control ships ${name}, which ${label} no longer has.`, REBUILD_CONTROL));
    }
  }
  return problems;
}

/**
 * The RESX web resources, and the configured web resources with `strings.usedBy` depending on
 * them; checked against the control when it was built.
 */
export function gatherStrings(
  root: string,
  config: SolutionConfig,
  control: ShippedControl | undefined,
): { webResources: WebResourceSpec[]; parts: WebResourcePart[]; problems: Problem[] } {
  const { files, problems } = readStringFiles(join(root, config.strings.dir), config.strings.dir);
  // With no files at all, the missing folder is the one problem to report.
  if (control && files.length > 0) problems.push(...checkAgainstControl(files, control, config.strings.dir));
  const parts = files.map((file) => ({ spec: stringResourceSpec(config, file), content: file.content }));
  const names = parts.map((part) => part.spec.name);
  if (!config.webResources.some((spec) => spec.name === config.strings.usedBy)) {
    problems.push(
      problem(
        "missing-dependency",
        `strings.usedBy names "${config.strings.usedBy}", which is not one of the solution's web resources, so no script would load the strings.`,
        "Set strings.usedBy in solution/config.ts to the form script's web resource name.",
      ),
    );
  }
  const webResources = config.webResources.map((spec) =>
    spec.name === config.strings.usedBy ? { ...spec, dependencies: [...(spec.dependencies ?? []), ...names] } : spec,
  );
  return { webResources, parts, problems };
}
