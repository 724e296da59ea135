#!/usr/bin/env node
/**
 * The samples docs/solution.md shows, made from the real build (out/controls, out/webresources):
 * the build summary and the files `solution:unpack` writes. `npm run docs:solution` rewrites the
 * marked blocks; test/solution/docs.test.ts fails when they drift.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { projectRoot } from "../plugins/strings/resx";
import { buildSolution } from "./build";
import { buildSummary } from "./cli";
import { loadConfig } from "./config";
import { toPackagerLayout } from "./layout";
import { sortedPaths, unzipEntries } from "./zip";

export type SampleName = "build-summary" | "unpacked-tree";

/** The build summary (written to a scratch folder, shown as out/solution) and the unpacked file list with sizes. */
export function docSamples(root: string): Record<SampleName, string> {
  const config = loadConfig(root);
  const scratch = mkdtempSync(join(tmpdir(), "solution-doc-"));
  try {
    const result = buildSolution(root, { ...config, outDir: relative(root, scratch) });
    const summary = buildSummary(result, root).split(relative(root, scratch)).join(config.outDir);
    const files = toPackagerLayout(unzipEntries(readFileSync(result.zips[0]!.path)), "unmanaged zip");
    const width = Math.max(...[...files.keys()].map((path) => path.length));
    const tree = sortedPaths(files)
      .map((path) => `${path.padEnd(width)}  ${files.get(path)!.length.toLocaleString("en-US").padStart(7)} B`)
      .join("\n");
    return { "build-summary": summary, "unpacked-tree": `${tree}\n` };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The doc with each marked block's code replaced by `samples`. */
export function withSamples(doc: string, samples: Record<string, string>): string {
  let next = doc;
  for (const [name, text] of Object.entries(samples)) {
    const block = new RegExp(`(<!-- ${name}:begin -->\\s*\`\`\`\\w*\\n)[\\s\\S]*?(\`\`\`\\s*<!-- ${name}:end -->)`);
    if (!block.test(next)) throw new Error(`docs/solution.md has no <!-- ${name}:begin --> … <!-- ${name}:end --> block.`);
    next = next.replace(block, (_, open: string, close: string) => `${open}${text}${close}`);
  }
  return next;
}

if (require.main === module) {
  const root = projectRoot(__dirname);
  const file = join(root, "docs/solution.md");
  writeFileSync(file, withSamples(readFileSync(file, "utf8"), docSamples(root)));
  process.stdout.write("docs/solution.md: samples regenerated from the real build.\n");
}
