/** Four-part solution versions and the record of the last released one. */
import { existsSync, readFileSync } from "node:fs";
import { problem, type Problem } from "./problems";

const FOUR_PARTS = /^\d+\.\d+\.\d+\.\d+$/;

export function parseVersion(version: string): number[] | undefined {
  return FOUR_PARTS.test(version) ? version.split(".").map(Number) : undefined;
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (!pa || !pb) throw new Error(`Cannot compare "${a}" with "${b}": versions have four numeric parts.`);
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

export interface ReleaseRecord {
  /** The last version handed to customers; "0.0.0.0" until the first release. */
  version: string;
}

const HOW_TO_RECORD = "Releases are recorded by `npm run release -- <major|minor|patch>` (it writes solution/released.json).";

export function readRelease(file: string): ReleaseRecord {
  if (!existsSync(file)) throw new Error(`The release record ${file} is missing. Restore it from git. ${HOW_TO_RECORD}`);
  const record = JSON.parse(readFileSync(file, "utf8")) as Partial<ReleaseRecord>;
  if (typeof record.version !== "string" || !parseVersion(record.version)) {
    throw new Error(`${file} has no valid "version" (four numeric parts, e.g. "1.0.0.0").`);
  }
  return { version: record.version };
}

/** A version may equal the last release (a rebuild gives the same bytes) but never go below it. */
export function checkVersion(version: string, released: string): Problem[] {
  if (!parseVersion(version)) {
    return [
      problem(
        "bad-version",
        `Solution version "${version}" does not have four numeric parts.`,
        `Fix "version" in package.json (major.minor.patch).`,
      ),
    ];
  }
  if (compareVersions(version, released) < 0) {
    return [
      problem(
        "version-downgrade",
        `Solution version ${version} is lower than the last released version ${released}: Dataverse refuses to import a lower version over a higher one.`,
        `Run \`npm run release -- patch\` (or minor, major): it raises package.json, ControlManifest.Input.xml and the solution version together, above ${released}.`,
      ),
    ];
  }
  return [];
}

/** The text of the release record for `version`. */
export const releaseRecord = (version: string): string =>
  `${JSON.stringify(
    {
      $comment:
        "The last released solution version. Builds refuse a lower version. Written by `npm run release -- <major|minor|patch>`; see docs/solution.md.",
      version,
    },
    null,
    2,
  )}\n`;

/** `1.2.3` (a pre-release tag such as `-beta.1` dropped): the part package.json, the manifest and the solution share. */
export const releaseCore = (version: string): string | undefined => /^(\d+\.\d+\.\d+)(?:[-+].*)?$/.exec(version.trim())?.[1];

const RUN_RELEASE =
  "Run `npm run release -- patch` (or minor, major): it moves package.json, ControlManifest.Input.xml and the solution version together.";

/**
 * One version everywhere: package.json `1.2.3`, ControlManifest.Input.xml `version="1.2.3"`, the
 * built ControlManifest.xml the same (else the control build is stale), and the solution `1.2.3.0`.
 */
export function checkVersionsAgree(versions: {
  packageJson: string;
  manifest: string;
  builtManifest?: string;
  solution: string;
  manifestFile: string;
}): Problem[] {
  const core = releaseCore(versions.packageJson);
  const problems: Problem[] = [];
  if (versions.manifest !== core) {
    problems.push(
      problem(
        "version-mismatch",
        `package.json says ${versions.packageJson} but ${versions.manifestFile} says version="${versions.manifest}": the control and the solution would ship different versions, and model-driven apps load a control's new bundle only when its version goes up.`,
        RUN_RELEASE,
      ),
    );
  }
  if (versions.solution !== `${core}.0`) {
    problems.push(
      problem(
        "version-mismatch",
        `The solution version ${versions.solution} is not package.json's ${versions.packageJson} (as ${core}.0).`,
        RUN_RELEASE,
      ),
    );
  }
  if (versions.builtManifest !== undefined && versions.builtManifest !== versions.manifest) {
    problems.push(
      problem(
        "version-mismatch",
        `The built control says version="${versions.builtManifest}" but ${versions.manifestFile} says "${versions.manifest}": out/controls is older than the manifest.`,
        "Run `npm run build:control` (or `npm run build`).",
      ),
    );
  }
  return problems;
}

export type ReleaseLevel = "major" | "minor" | "patch";
export const RELEASE_LEVELS: readonly ReleaseLevel[] = ["major", "minor", "patch"];

/** The next version, as `npm version <level>` computes it (a pre-release `1.2.3-beta.1` → patch releases `1.2.3`). */
export function nextVersion(current: string, level: ReleaseLevel): string {
  const match = /^(\d+)\.(\d+)\.(\d+)(-[^+]*)?(?:\+.*)?$/.exec(current.trim());
  if (!match)
    throw new Error(`package.json version "${current}" is not semver (major.minor.patch). Fix the "version" field in package.json.`);
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const preRelease = match[4] !== undefined;
  if (level === "major") return preRelease && minor === 0 && patch === 0 ? `${major}.0.0` : `${major + 1}.0.0`;
  if (level === "minor") return preRelease && patch === 0 ? `${major}.${minor}.0` : `${major}.${minor + 1}.0`;
  return preRelease ? `${major}.${minor}.${patch}` : `${major}.${minor}.${patch + 1}`;
}

export { HOW_TO_RECORD };
