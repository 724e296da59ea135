/**
 * Budgets of the ConversationState control, measured (run: npm run bench:control):
 *   production bundle.js ≤ 8 KB; badge and actions painted ≤ 100 ms after the bundle loads in
 *   headless Chromium; median re-render after updateView ≤ 2 ms.
 * Builds the control first (production) unless --no-build. Prints figures; it is not a test.
 */
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { CHANNELS, Status, statusOf } from "../plugins/lifecycle";
import { launch, ROOT } from "./browser/chromium";
import { openStandalone, mount, type HostValues } from "./browser/standalone";

const BUDGET = { bundleBytes: 8 * 1024, paintMs: 100, rerenderMs: 2 };
const LOADS = 9;
const RENDERS = 300;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const verdict = (ok: boolean): string => (ok ? "met" : "NOT MET");

const LIVE_CHAT = (CHANNELS.find((c) => c.name === "live-chat") as (typeof CHANNELS)[number]).value;
const ACTIVE_LIVE_CHAT: HostValues = { status: Status.Active, channel: [LIVE_CHAT], secondsInStatus: 754, changeReason: "InConversation" };

async function main(): Promise<void> {
  if (!process.argv.includes("--no-build")) {
    const build = spawnSync(process.execPath, [join(ROOT, "scripts/build-control.js")], { cwd: ROOT, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`npm run build:control failed:\n${build.stdout}${build.stderr}`);
  }
  const bundleBytes = statSync(join(ROOT, "out/controls/bundle.js")).size;

  const browser = await launch();
  try {
    const paints: number[] = [];
    const withFetch: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const page = await browser.newPage();
      await openStandalone(page, 1033, ACTIVE_LIVE_CHAT);
      await page.waitForFunction("host.marks.painted !== undefined");
      const marks = await page.evaluate<Record<string, number>>("host.marks");
      const shown = await page.evaluate<{ badge: number; buttons: number }>("host.shown()");
      if (shown.badge !== 1 || shown.buttons === 0)
        throw new Error(`The control did not paint its badge and actions: ${JSON.stringify(shown)}`);
      paints.push(marks.painted - marks.bundleLoaded);
      withFetch.push(marks.painted - marks.bundleStart);
      await page.close();
    }

    const page = await browser.newPage();
    await openStandalone(page);
    await mount(page, ACTIVE_LIVE_CHAT);
    const rerender = await page.evaluate<{ changed: number[]; same: number[]; lastStatus: number; tone: string }>(
      `host.rerender(${RENDERS})`,
    );
    // The badge must show the last status set, or the timing measured nothing.
    if (rerender.tone !== statusOf(rerender.lastStatus)?.name)
      throw new Error(`After the re-renders the badge shows "${rerender.tone}", not status ${rerender.lastStatus}.`);
    const version = browser.version();
    const changedMs = median(rerender.changed);
    const sameMs = median(rerender.same);
    const paintMs = median(paints);

    console.log(`ConversationState control budgets — headless Chromium ${version}, ${new Date().toISOString()}`);
    console.log(
      `  bundle.js (production)       ${bundleBytes} B = ${(bundleBytes / 1024).toFixed(1)} KB   budget ≤ ${BUDGET.bundleBytes / 1024} KB   ${verdict(bundleBytes <= BUDGET.bundleBytes)}`,
    );
    console.log(
      `  paint after bundle load      ${paintMs.toFixed(1)} ms median of ${LOADS} loads   budget ≤ ${BUDGET.paintMs} ms   ${verdict(paintMs <= BUDGET.paintMs)}`,
    );
    console.log(`    (from bundle request: ${median(withFetch).toFixed(1)} ms median, including fetch, parse and run)`);
    console.log(
      `  re-render after updateView   ${changedMs.toFixed(2)} ms median of ${RENDERS} status changes (batches of 10)   budget ≤ ${BUDGET.rerenderMs} ms   ${verdict(changedMs <= BUDGET.rerenderMs)}`,
    );
    console.log(`    (same values again: ${sameMs.toFixed(3)} ms median: React renders again but changes nothing on the page)`);
    console.log("  Setup: production React 16.14.0 UMD, pcf-start's Fluent 9 platform library, page served from disk.");
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:control failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
