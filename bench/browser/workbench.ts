/**
 * The benches' workbench: built first unless --no-build, then started as `npm start` starts it (the
 * local Dataverse in a fresh data file, the webhook registered), quiet, with a helper for the
 * workbench API's POSTs (/workbench/api/…).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startWorkbench, type Running } from "../../workbench/start";
import { ROOT } from "./chromium";

/** `npm run build`, unless the command line says --no-build. */
export function buildUnlessTold(argv: readonly string[] = process.argv): void {
  if (argv.includes("--no-build")) return;
  const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
}

export interface BenchWorkbench extends Running {
  /** POSTs JSON to the workbench API and returns its answer. */
  post<T = { id: string }>(path: string, body?: unknown): Promise<T>;
}

export async function startBenchWorkbench(name: string): Promise<BenchWorkbench> {
  const workbench = await startWorkbench({
    port: 0,
    dataFile: join(mkdtempSync(join(tmpdir(), `${name}-`)), "dataverse.json"),
    reset: true,
    out: () => undefined,
    log: () => undefined,
  });
  const post = async <T>(path: string, body: unknown = {}): Promise<T> => {
    const response = await fetch(`${workbench.url}/workbench/api${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST /workbench/api${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  return { ...workbench, post };
}
