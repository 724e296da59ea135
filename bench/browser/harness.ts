/**
 * Drives the pcf-start harness: starts it on a free port (it tries 8181 and moves up when taken),
 * and sets property values through the inputs its "Data Inputs" panel shows for each property.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { ROOT, serveCdnFromDisk } from "./chromium";

export interface Harness {
  readonly url: string;
  readonly stop: () => Promise<void>;
}

/** Starts pcf-start on out/controls (build first) and resolves with its URL once it serves. */
export function startHarness(timeoutMs = 30_000): Promise<Harness> {
  const bin = join(ROOT, "node_modules/pcf-start/bin/pcf-start.js");
  const child: ChildProcess = spawn(process.execPath, [bin, "--codePath", join(ROOT, "out/controls")], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`pcf-start did not start within ${timeoutMs} ms. Output:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Local: (http:\/\/localhost:\d+)/.exec(output);
      if (match && /Serving files from/.test(output)) {
        clearTimeout(timer);
        resolve({ url: match[1], stop });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`pcf-start exited with code ${code}. Output:\n${output}`));
    });
  });
}

export interface HarnessLook {
  /** userSettings.isRTL: the harness has no switch for it, so its default is replaced when served. */
  readonly rtl?: boolean;
  /** fluentDesignLanguage.isDarkTheme: likewise not settable in the harness UI. */
  readonly dark?: boolean;
  /** The user's language (default 1033). The harness loads every resx the manifest lists and merges them, last
   *  wins; the platform loads the user's one. So this language's file is served under every listed name. */
  readonly lcid?: number;
}

const HARNESS_JS = "node_modules/pcf-start/harness.js";

/**
 * Opens the harness page. RTL, dark theme and language are host settings the harness cannot
 * change, so its own defaults are swapped in the files it serves, as a host would set them.
 */
export async function openHarness(page: Page, url: string, look: HarnessLook = {}): Promise<void> {
  await serveCdnFromDisk(page);
  if (look.rtl || look.dark) {
    let source = readFileSync(join(ROOT, HARNESS_JS), "utf8");
    const rtl = "languageCode:1033,isRTL:!1";
    const design = "fluentDesignLanguage:e.fluentDesignLanguage,";
    if (!source.includes(rtl) || !source.includes(design))
      throw new Error(`${HARNESS_JS} changed: the RTL/theme defaults this test swaps were not found.`);
    if (look.rtl) source = source.replace(rtl, "languageCode:1033,isRTL:!0");
    if (look.dark) source = source.replace(design, "fluentDesignLanguage:{isDarkTheme:!0},");
    await page.route(/\/harness\.js$/, (route) => route.fulfill({ status: 200, contentType: "application/javascript", body: source }));
  }
  const strings = readFileSync(join(ROOT, `components/ConversationState/strings/ConversationState.${look.lcid ?? 1033}.resx`));
  await page.route(/ConversationState\.\d+\.resx$/, (route) => route.fulfill({ status: 200, contentType: "text/xml", body: strings }));
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("[data-tone]");
}

/** The value input (or select) the harness shows for a property. */
export function propertyInput(page: Page, name: string): Locator {
  const item = page.locator(".property-inputs .io-item", {
    has: page.locator(".key-value-pair-value > span", { hasText: new RegExp(`^${name}$`) }),
  });
  return item.locator("input, select").first();
}

/** Types a value into the harness and commits it (the harness applies a value when the input loses focus). */
export async function setProperty(page: Page, name: string, value: string): Promise<void> {
  const input = propertyInput(page, name);
  if ((await input.evaluate((el) => el.tagName)) === "SELECT") {
    await input.selectOption(value);
  } else {
    await input.fill(value);
    await input.press("Tab");
  }
}
