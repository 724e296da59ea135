/**
 * bench/bundle-composition.ts's attribution: every output byte goes to the source its source-map
 * segment names, so the rows add up to the bundle, and a module's gzipped cost is what removing it saves.
 */
import { build } from "esbuild";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { EncodedSourceMap } from "@jridgewell/trace-mapping";
import { areaOf, formComposition, piecesOf, tally } from "../../bench/bundle-composition";
import { FORM_BUILD_OPTIONS } from "../../scripts/build-form";

const gz = (text: string) => gzipSync(Buffer.from(text, "utf8"), { level: 9 }).length;

async function bundleOf(files: Record<string, string>): Promise<{ code: string; map: EncodedSourceMap }> {
  const dir = mkdtempSync(join(tmpdir(), "composition-test-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const result = await build({
    entryPoints: [join(dir, "entry.ts")],
    bundle: true,
    minify: true,
    format: "iife",
    sourcemap: "external",
    outfile: join(dir, "out.js"),
    write: false,
    logLevel: "silent",
  });
  const text = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))!.text;
  return { code: text(".js").replace(/\n\/\/# sourceMappingURL=.*\n?$/, "\n"), map: JSON.parse(text(".map")) as EncodedSourceMap };
}

describe("bundle composition", () => {
  it("groups modules by folder, and the bundler's own code apart", () => {
    expect(areaOf("plugins/lifecycle/statuses.ts")).toBe("plugins/lifecycle/");
    expect(areaOf("components/ConversationState/Badge.tsx")).toBe("components/ConversationState/");
    expect(areaOf("webpack/runtime/make namespace object")).toBe("(bundler and pcf-scripts)");
  });

  it("gives each module its own bytes, adding up to the whole bundle, extras included", async () => {
    const { code, map } = await bundleOf({
      "entry.ts":
        'import { big } from "./big";\nimport { small } from "./small";\n(globalThis as Record<string, unknown>).out = [big(), small()];\n',
      "big.ts": 'export const big = () => "a long string that only big.ts has, ".repeat(3) + Math.random();\n',
      "small.ts": "export const small = () => 42;\n",
    });
    const parts = tally(piecesOf(code, map, { "(stub)": "\nconsole.log(1);\n" }));
    const bySource = Object.fromEntries(parts.map((p) => [p.source.replace(/^.*\//, ""), p]));
    expect(Object.keys(bySource)).toEqual(expect.arrayContaining(["big.ts", "small.ts", "entry.ts", "(stub)"]));
    expect(parts.reduce((sum, p) => sum + p.raw, 0)).toBe(Buffer.byteLength(code, "utf8") + "\nconsole.log(1);\n".length);
    expect(bySource["big.ts"].raw).toBeGreaterThan(bySource["small.ts"].raw);
    // Removing big.ts's text saves at least the gzipped bytes of its one unique string.
    expect(bySource["big.ts"].gzIfRemoved).toBeGreaterThan(20);
    expect(bySource["big.ts"].gzIfRemoved).toBeLessThan(gz(code));
  });

  it("measures the form script as build-form writes it", async () => {
    const composition = await formComposition();
    const { outputFiles } = await build({ ...FORM_BUILD_OPTIONS });
    expect(composition.raw).toBe(Buffer.byteLength(outputFiles[0].text, "utf8"));
    expect(composition.parts.reduce((sum, p) => sum + p.raw, 0)).toBe(composition.raw);
    expect(composition.parts.map((p) => p.source)).toContain("plugins/form/conversationForm.ts");
    expect(composition.areas.reduce((sum, p) => sum + p.raw, 0)).toBe(composition.raw);
    expect(composition.areas.map((p) => p.source)).toEqual(expect.arrayContaining(["plugins/form/", "plugins/lifecycle/"]));
  });
});
