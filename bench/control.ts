/**
 * Budgets of the ConversationState control (issue 11; the figures in bench/budgetsDoc.ts), measured
 * (run: npm run bench:control): production bundle.js ≤ 6 KB gzipped and ≤ 20 KB raw; badge and actions
 * painted ≤ 100 ms after the platform's init, including the record read through context.webAPI from the
 * workbench's local Dataverse over real HTTP; median re-render after updateView ≤ 2 ms; the form script
 * ≤ 12 KB minified (the build holds it to 12 KB gzipped). Builds first unless --no-build; --docs writes
 * the Budgets section of docs/control.md from this run. Prints figures; it is not a test.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { Status } from "../plugins/lifecycle";
import { launch, ROOT } from "./browser/chromium";
import { BUDGET, budgetsSection, DOC, writeBudgets } from "./budgetsDoc";
import { BUDGET_BYTES as FORM_BUILD_CHECK } from "../scripts/build-form";
import { controlComposition, formComposition } from "./bundle-composition";
import { format, resolveConfig } from "prettier";
import { mountOnPage, openWorkbenchHost } from "./browser/hostPage";
import { buildUnlessTold, startBenchWorkbench } from "./browser/workbench";

const LOADS = 9;
const RENDERS = 300;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const met = (ok: boolean): string => (ok ? "met" : "NOT MET");
const sizes = (file: string): { raw: number; gzip: number } => {
  const bytes = readFileSync(join(ROOT, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

// The page's globals the watch uses (the bench compiles without the DOM library).
type Watch = {
  painted?: Promise<number>;
  marks: Record<string, number>;
  document: { body: unknown; querySelector(selector: string): unknown };
  requestAnimationFrame(run: () => void): void;
  MutationObserver: new (seen: () => void) => { observe(node: unknown, options: object): void; disconnect(): void };
};

/**
 * Arms an in-page watch before the record is mounted: from the platform's init call (the bundle loaded,
 * the form opened) to the badge and buttons on screen, two animation frames after they appear, the
 * record read through context.webAPI included. It runs in the page, so no DevTools round trip is timed.
 */
async function armPaint(page: Page): Promise<void> {
  await page.evaluate(() => {
    const page = globalThis as unknown as Watch;
    page.painted = new Promise<number>((resolve) => {
      const ready = () => page.document.querySelector('[data-tone="active"]') && page.document.querySelector("button[data-to]");
      const done = () => page.requestAnimationFrame(() => page.requestAnimationFrame(() => resolve(performance.now() - page.marks.init)));
      const observer = new page.MutationObserver(() => {
        if (!ready()) return;
        observer.disconnect();
        done();
      });
      observer.observe(page.document.body, { subtree: true, childList: true, attributes: true });
    });
  });
}

const painted = (page: Page): Promise<number> => page.evaluate(() => (globalThis as unknown as Watch).painted as Promise<number>);

async function main(): Promise<void> {
  buildUnlessTold();
  const bundle = sizes("out/controls/bundle.js");
  const form = sizes("out/webresources/conversationstate.form.js");
  // The Web API is the workbench's local Dataverse, over real HTTP on this machine: an Active live chat.
  const workbench = await startBenchWorkbench("bench-control");
  const { id: ID } = await workbench.post("/platform/conversations", { kind: "live-chat" });
  await workbench.post("/platform/moves", { conversationId: ID, trigger: "routing-assigns", to: Status.Active });
  const browser = await launch();
  try {
    const paints: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const page = await browser.newPage();
      await openWorkbenchHost(page, workbench.url);
      await armPaint(page);
      await mountOnPage(page, ID);
      paints.push(await painted(page));
      await page.close();
    }

    // updateView + React's synchronous commit, in batches of 10 (performance.now is coarse in Chromium).
    const page = await browser.newPage();
    await openWorkbenchHost(page, workbench.url, { id: ID });
    await page.waitForSelector("button[data-to]");
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
      `  form script                  ${form.raw} B minified (budget ≤ ${BUDGET.formMinified}) ${met(form.raw <= BUDGET.formMinified)}; ${form.gzip} B gzipped (the build's check, ≤ ${FORM_BUILD_CHECK}) ${met(form.gzip <= FORM_BUILD_CHECK)}`,
    );
    console.log(
      "  Setup: production React 16.14.0 UMD, pcf-start's Fluent 9 platform library, the workbench's local Dataverse answering the Web API over HTTP.",
    );
    await page.close();
    if (process.argv.includes("--docs")) {
      const section = budgetsSection({
        date: new Date().toISOString().slice(0, 10),
        chromium: browser.version(),
        paintMs,
        loads: LOADS,
        rerenderMs,
        control: await controlComposition(),
        form: await formComposition(),
      });
      const path = join(ROOT, DOC);
      writeBudgets(path, section);
      const options = { ...(await resolveConfig(path)), filepath: path };
      writeFileSync(path, await format(readFileSync(path, "utf8"), options));
      console.log(`${DOC}: the Budgets section written from this run.`);
    }
  } finally {
    await browser.close();
    await workbench.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:control failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
