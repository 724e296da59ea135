/** Four-part solution versions and the record of the last released one. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
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

const HOW_TO_RECORD = "After shipping a release, record it with `node dist/solution/cli.js release` (writes solution/released.json).";

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
        `Raise "version" in package.json above ${released} (npm version patch|minor|major).`,
      ),
    ];
  }
  return [];
}

/** Records `version` as released; refuses to go backwards. */
export function recordRelease(file: string, version: string): void {
  const previous = existsSync(file) ? readRelease(file).version : "0.0.0.0";
  const problems = checkVersion(version, previous);
  if (problems.length > 0) throw new Error(problems[0]!.message);
  const body = {
    $comment:
      "The last released solution version. Builds refuse a lower version. Update with `node dist/solution/cli.js release` after shipping; see docs/solution.md.",
    version,
  };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
}

export { HOW_TO_RECORD };
