/**
 * `build`: checks the configuration and the built parts, then writes the unmanaged and managed
 * zips. Reading inputs and writing zips is here; everything in between is pure (pack.ts).
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { zipFileName, type SolutionConfig } from "./config";
import { loadBuiltControl } from "./control";
import { checkPublisher, checkWebResourceName } from "./names";
import { readControlVersion } from "./manifestVersion";
import { solutionEntries, solutionLanguages, stringLanguages, COMPONENT_TYPE, type SolutionParts, type WebResourcePart } from "./pack";
import { problem, throwIfAny, type Problem } from "./problems";
import { gatherStrings } from "./strings";
import { checkEntries } from "./verify";
import { checkVersion, checkVersionsAgree, readRelease } from "./version";
import { writeFileAtomically, zipEntries } from "./zip";

export interface BuiltZip {
  path: string;
  managed: boolean;
  bytes: number;
  entries: number;
}

export interface BuildResult {
  version: string;
  components: { type: number; name: string; bytes: number }[];
  /** customizations.xml `<Languages>`: the base language. */
  languages: number[];
  /** The languages of the String (RESX) web resources. */
  stringLanguages: number[];
  zips: BuiltZip[];
  /** Milliseconds from loaded inputs to both zips on disk. */
  packMs: number;
}

/** Every check that can run before packing, with the parts when they are all there. */
export function gatherParts(root: string, config: SolutionConfig): { parts?: SolutionParts; problems: Problem[] } {
  const problems: Problem[] = [...checkPublisher(config.publisher)];
  problems.push(...checkVersion(config.version, readRelease(join(root, config.releasedFile)).version));

  const { control, identity, problems: controlProblems } = loadBuiltControl(join(root, config.controlsDir), config.publisher.prefix);
  problems.push(...controlProblems);
  problems.push(...checkControlVersions(root, config, control?.files.get("ControlManifest.xml")));

  const strings = gatherStrings(root, config, control && identity ? { files: control.files, references: identity.references } : undefined);
  problems.push(...strings.problems);
  for (const spec of [...strings.webResources, ...strings.parts.map((part) => part.spec)]) {
    problems.push(...checkWebResourceName(spec.name, spec.type, config.publisher.prefix, spec.languageCode));
  }
  const webResources: WebResourcePart[] = [];
  for (const spec of strings.webResources) {
    const source = join(root, spec.source);
    if (!existsSync(source)) {
      problems.push(
        problem(
          "missing-file",
          `Web resource ${spec.name}: ${spec.source} does not exist.`,
          "Run `npm run build:form` (it writes out/webresources/conversationstate.form.js).",
        ),
      );
      continue;
    }
    webResources.push({ spec, content: readFileSync(source) });
  }
  webResources.push(...strings.parts);
  webResources.sort((a, b) => (a.spec.name < b.spec.name ? -1 : a.spec.name > b.spec.name ? 1 : 0));
  return control && problems.length === 0 ? { parts: { control, webResources }, problems } : { problems };
}

/** package.json, ControlManifest.Input.xml, the built manifest and the solution carry one version. */
function checkControlVersions(root: string, config: SolutionConfig, builtManifest: Uint8Array | undefined): Problem[] {
  const manifestPath = join(root, config.manifestFile);
  if (!existsSync(manifestPath)) {
    return [
      problem("missing-file", `${config.manifestFile} does not exist, so the control's version cannot be checked.`, "Restore it from git."),
    ];
  }
  let manifest: string;
  try {
    manifest = readControlVersion(readFileSync(manifestPath), config.manifestFile);
  } catch (error) {
    return [problem("bad-manifest", (error as Error).message, `Fix ${config.manifestFile}, then run \`npm run build\`.`)];
  }
  let built: string | undefined;
  try {
    built = builtManifest && readControlVersion(builtManifest, `${config.controlsDir}/ControlManifest.xml`);
  } catch {
    built = undefined; // an unreadable built manifest is already reported as bad-manifest by loadBuiltControl
  }
  return checkVersionsAgree({
    packageJson: config.packageVersion ?? config.version.replace(/\.0$/, ""),
    manifest,
    builtManifest: built,
    solution: config.version,
    manifestFile: config.manifestFile,
  });
}

export function buildSolution(root: string, config: SolutionConfig): BuildResult {
  const { parts, problems } = gatherParts(root, config);
  throwIfAny(problems);
  const started = performance.now();
  const outDir = join(root, config.outDir);
  // Both zips are made in memory first: a check or an XML error in either leaves nothing written.
  const made = [false, true].map((managed) => {
    const entries = solutionEntries(config, parts!, managed);
    throwIfAny(checkEntries(entries, zipFileName(config, managed)));
    return { managed, entries: entries.size, bytes: zipEntries(entries), path: join(outDir, zipFileName(config, managed)) };
  });
  mkdirSync(outDir, { recursive: true });
  const zips: BuiltZip[] = made.map(({ managed, entries, bytes, path }) => {
    writeFileAtomically(path, bytes);
    return { path, managed, bytes: bytes.length, entries };
  });
  const packMs = performance.now() - started;
  const controlBytes = [...parts!.control.files.values()].reduce((sum, b) => sum + b.length, 0);
  return {
    version: config.version,
    components: [
      { type: COMPONENT_TYPE.customControl, name: parts!.control.schemaName, bytes: controlBytes },
      ...parts!.webResources.map((w) => ({ type: COMPONENT_TYPE.webResource, name: w.spec.name, bytes: w.content.length })),
    ],
    languages: solutionLanguages(config),
    stringLanguages: stringLanguages(parts!),
    zips,
    packMs,
  };
}
