/**
 * Budgets of the ConversationState control, measured (run: npm run bench:control):
 *   production bundle.js ≤ 6 KB gzipped and ≤ 20 KB raw; badge and actions painted ≤ 100 ms after the
 *   bundle loads in headless Chromium, including the record read from a local responder; median
 *   re-render after updateView ≤ 2 ms; the form script ≤ 12 KB (gzipped; its minified size printed beside).
 * Builds first unless --no-build. Prints figures; it is not a test.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { CHANNELS, Status } from "../plugins/lifecycle";
import { launch, ROOT } from "./browser/chromium";
import { openHostPage } from "./browser/hostPage";
import { createResponder } from "./browser/responder";

const BUDGET = { bundleGzip: 6 * 1024, bundleRaw: 20 * 1024, paintMs: 100, rerenderMs: 2, formGzip: 12 * 1024 };
const LOADS = 9;
const RENDERS = 300;
const ID = "0a1b2c3d-0000-4000-8000-000000000001";

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const met = (ok: boolean): string => (ok ? "met" : "NOT MET");
const sizes = (file: string): { raw: number; gzip: number } => {
  const bytes = readFileSync(join(ROOT, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

const LIVE_CHAT = (CHANNELS.find((c) => c.name === "live-chat") as (typeof CHANNELS)[number]).value;
const activeLiveChat = () =>
  createResponder({
    [ID]: {
      statuscode: Status.Active,
      statecode: 0,
      msdyn_channel: String(LIVE_CHAT),
      msdyn_statusupdatedon: new Date(Date.now() - 754_000).toISOString(),
    },
  });

type Frames = { requestAnimationFrame(run: () => void): void; marks: Record<string, number> };

/**
 * From the platform's init call (the bundle loaded, the form opened) to the badge and buttons on
 * screen, two animation frames after they appear: the record read through context.webAPI included.
 */
async function paint(page: Page): Promise<number> {
  await page.waitForSelector('[data-tone="active"]');
  await page.waitForSelector("button[data-to]");
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const page = globalThis as unknown as Frames;
        page.requestAnimationFrame(() => page.requestAnimationFrame(() => resolve(performance.now() - page.marks.init)));
      }),
  );
}

async function main(): Promise<void> {
  if (!process.argv.includes("--no-build")) {
    const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  }
  const bundle = sizes("out/controls/bundle.js");
  const form = sizes("out/webresources/conversationstate.form.js");
  const browser = await launch();
  try {
    const paints: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const page = await browser.newPage();
      await openHostPage(page, activeLiveChat(), { id: ID });
      paints.push(await paint(page));
      await page.close();
    }

    // updateView + React's synchronous commit, in batches of 10 (performance.now is coarse in Chromium).
    const page = await browser.newPage();
    await openHostPage(page, activeLiveChat(), { id: ID });
    await paint(page);
    const renders = await page.evaluate((n) => {
      const conversation = (globalThis as unknown as { conversation: { update(): void } }).conversation;
      const times: number[] = [];
      for (let i = 0; i < n / 10; i++) {
        const start = performance.now();
        for (let j = 0; j < 10; j++) conversation.update();
        times.push((performance.now() - start) / 10);
      }
      return times;
    }, RENDERS);
    const shown = await page.locator("[data-tone]").getAttribute("data-tone");
    if (shown !== "active") throw new Error(`After the re-renders the badge shows "${shown}", not active: the timing measured nothing.`);

    const paintMs = median(paints);
    const rerenderMs = median(renders);
    console.log(`ConversationState control budgets — headless Chromium ${browser.version()}, ${new Date().toISOString()}`);
    console.log(
      `  bundle.js (production)       ${bundle.gzip} B gzipped (budget ≤ ${BUDGET.bundleGzip}) ${met(bundle.gzip <= BUDGET.bundleGzip)}; ${bundle.raw} B raw (budget ≤ ${BUDGET.bundleRaw}) ${met(bundle.raw <= BUDGET.bundleRaw)}`,
    );
    console.log(
      `  paint after init             ${paintMs.toFixed(1)} ms median of ${LOADS} loads, record read included (min ${Math.min(...paints).toFixed(1)}, max ${Math.max(...paints).toFixed(1)})   budget ≤ ${BUDGET.paintMs} ms   ${met(paintMs <= BUDGET.paintMs)}`,
    );
    console.log(
      `  re-render after updateView   ${rerenderMs.toFixed(3)} ms median of ${RENDERS}   budget ≤ ${BUDGET.rerenderMs} ms   ${met(rerenderMs <= BUDGET.rerenderMs)}`,
    );
    console.log(
      `  form script                  ${form.gzip} B gzipped (budget ≤ ${BUDGET.formGzip}) ${met(form.gzip <= BUDGET.formGzip)}; ${form.raw} B minified`,
    );
    console.log("  Setup: production React 16.14.0 UMD, pcf-start's Fluent 9 platform library, the Web API answered by a local responder.");
    await page.close();
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:control failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
