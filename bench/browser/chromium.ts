/**
 * Headless Debian Chromium through playwright-core, offline: the React UMD files that pages load
 * from unpkg.com are answered from node_modules (the network is closed on these machines).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { projectRoot } from "../../plugins/strings/resx";

export const ROOT = projectRoot(__dirname);
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--headless",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** node_modules/react/umd/react.development.js for "https://unpkg.com/react@16.14.0/umd/react.development.js". */
export function umdFile(url: string): string | undefined {
  const match = /\/(react|react-dom)@[^/]+\/umd\/([\w.-]+\.js)$/.exec(url);
  return match ? join(ROOT, "node_modules", match[1], "umd", match[2]) : undefined;
}

/** Serves the CDN's React from disk; anything else on the internet fails fast rather than hanging. */
export async function serveCdnFromDisk(page: Page): Promise<void> {
  await page.route(/^https?:\/\/(?!localhost|127\.0\.0\.1)/, async (route) => {
    const file = umdFile(route.request().url());
    if (file) await route.fulfill({ status: 200, contentType: "application/javascript", body: readFileSync(file) });
    else await route.abort("internetdisconnected");
  });
}
