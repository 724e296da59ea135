/**
 * `npm run release -- <major|minor|patch>`: one version everywhere, moved together.
 *
 * package.json (and package-lock.json's own two version fields) through `npm version`, the control's
 * `version` attribute in ControlManifest.Input.xml, and the release record solution/released.json,
 * all to the next version; the solution version follows package.json (`1.2.3` → `1.2.3.0`). The
 * build then refuses any disagreement, and any version below the record. Model-driven apps load a
 * control's new bundle only when its manifest version goes up, so every release raises it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SolutionConfig } from "./config";
import { readControlVersion, setControlVersion } from "./manifestVersion";
import { checkVersion, nextVersion, readRelease, releaseCore, releaseRecord, type ReleaseLevel } from "./version";
import { writeFileAtomically } from "./zip";

export interface ReleaseResult {
  from: string;
  to: string;
  solution: string;
  /** The files written, relative to the project root. */
  files: string[];
}

/** npm itself, as the `npm run` that started us (npm_execpath), or the one on PATH. */
function runNpmVersion(root: string, version: string): void {
  const execPath = process.env.npm_execpath;
  const [command, args] =
    execPath && /npm-cli\.js$/.test(execPath) ? [process.execPath, [execPath]] : [process.platform === "win32" ? "npm.cmd" : "npm", []];
  const run = spawnSync(command, [...args, "version", version, "--no-git-tag-version", "--ignore-scripts"], {
    cwd: root,
    encoding: "utf8",
  });
  if (run.error || run.status !== 0) {
    throw new Error(
      `\`npm version ${version}\` failed (${run.error?.message ?? `exit code ${run.status}`}): ${(run.stderr ?? "").trim()} Nothing else was changed.`,
    );
  }
}

export function release(root: string, config: SolutionConfig, level: ReleaseLevel): ReleaseResult {
  const current = config.packageVersion;
  if (current === undefined) throw new Error(`package.json in ${root} has no "version" field.`);
  const manifestPath = join(root, config.manifestFile);
  if (!existsSync(manifestPath)) throw new Error(`${config.manifestFile} does not exist in ${root}; the control's version lives there.`);
  const manifestText = readFileSync(manifestPath, "utf8");
  const manifestVersion = readControlVersion(manifestText, config.manifestFile);
  if (manifestVersion !== releaseCore(current)) {
    throw new Error(
      `package.json says ${current} but ${config.manifestFile} says version="${manifestVersion}". Set both to the version last released (the higher one), then run the release again.`,
    );
  }
  const recordPath = join(root, config.releasedFile);
  const released = readRelease(recordPath).version;
  const to = nextVersion(current, level);
  const solution = `${to}.0`;
  const downgrade = checkVersion(solution, released);
  if (downgrade.length > 0 || solution === released) {
    throw new Error(
      `The next ${level} version ${to} (solution ${solution}) is not above the last release ${released} in ${config.releasedFile}. Choose a larger step (minor or major).`,
    );
  }
  const nextManifest = setControlVersion(manifestText, to, config.manifestFile);

  runNpmVersion(root, to);
  writeFileAtomically(manifestPath, new TextEncoder().encode(nextManifest));
  writeFileAtomically(recordPath, new TextEncoder().encode(releaseRecord(solution)));
  const files = [
    "package.json",
    ...(existsSync(join(root, "package-lock.json")) ? ["package-lock.json"] : []),
    config.manifestFile,
    config.releasedFile,
  ];
  return { from: current, to, solution, files };
}
