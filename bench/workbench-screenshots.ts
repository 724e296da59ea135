/**
 * Regenerates the screenshots in docs/images/workbench/ from a real run: the workbench started in this
 * process on a fresh data file, walked through the page as a person would (a live chat assigned by
 * routing, a move refused by the form library in French, an API write refused by the webhook), in
 * light and dark. Builds first unless --no-build. Run: npm run docs:workbench
 */
import { mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import type { Page } from "playwright-core";
import { launch, ROOT } from "./browser/chromium";
import { buildUnlessTold, startBenchWorkbench } from "./browser/workbench";

const OUT = join(ROOT, "docs/images/workbench");

async function main(): Promise<void> {
  buildUnlessTold();
  mkdirSync(OUT, { recursive: true });
  const workbench = await startBenchWorkbench("docs-workbench");
  const browser = await launch();
  const shot = async (page: Page, name: string): Promise<void> => {
    const file = join(OUT, `${name}.png`);
    await page.waitForTimeout(300); // let the clock's second tick settle into one frame
    await page.screenshot({ path: file });
    console.log(`wrote ${relative(ROOT, file)}`);
  };
  const tone = (page: Page, name: string) => page.locator(`[data-panel="form"] [data-tone="${name}"]`).waitFor();
  const advance = () => workbench.post("/clock", { advance: "754s" });
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 980 }, deviceScaleFactor: 1 });
    await page.goto(`${workbench.url}/`);
    await page.locator('[data-panel="platform"]').waitFor();
    await page.click('[data-new="live-chat"]');
    await tone(page, "open");
    await advance();
    await page.click('[data-trigger="routing-assigns"]');
    await tone(page, "active");
    await advance();
    await shot(page, "active-live-chat");

    await page.selectOption('[data-switch="language"]', "1036");
    await page.selectOption('[data-maker="conversationMode"]', "persistent");
    await tone(page, "active");
    await page.locator('[data-panel="form"] button[data-to="3"]').click();
    await page.locator('[data-panel="form"] [data-notice]').waitFor();
    await shot(page, "refused-in-french");

    await page.selectOption('[data-switch="language"]', "1033");
    await page.selectOption('[data-maker="conversationMode"]', "auto");
    await tone(page, "active");
    await page.selectOption("[data-write-status]", "3");
    await page.click('[data-command="api-write"]');
    await page.locator('[data-panel="decisions"] [data-callout="refused"]').first().waitFor();
    await shot(page, "webhook-refuses-api-write");

    await page.selectOption('[data-switch="theme"]', "dark");
    await page.click('[data-new="sms"]');
    await tone(page, "open");
    await page.locator('[data-panel="form"]').getByRole("button", { name: "Pick", exact: true }).click();
    await tone(page, "active");
    await page.locator('[data-panel="form"]').getByRole("button", { name: "End conversation", exact: true }).click();
    await tone(page, "wrap-up");
    await shot(page, "dark-sms-wrap-up");
    await page.close();
  } finally {
    await browser.close();
    await workbench.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`workbench screenshots failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
