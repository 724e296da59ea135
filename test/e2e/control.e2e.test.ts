/**
 * End to end in real headless Chromium against pcf-start, started here on a free port. The page's
 * CDN React is answered from node_modules. Sets values through the harness's own inputs, clicks and
 * types like an agent, and fails on any console error the control causes. Screenshots: test-results/.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, ConsoleMessage, Page } from "playwright-core";
import { launch, ROOT } from "../../bench/browser/chromium";
import { openHarness, propertyInput, setProperty, startHarness, type Harness, type HarnessLook } from "../../bench/browser/harness";
import { loadStrings } from "../../plugins/strings/resx";
import { ACTIVE, ALL_STATUSES, buttonsFor, CLOSED, LABELS_EN, TONES, WRAP_UP } from "../control/expected";

jest.setTimeout(120_000);

const SHOTS = join(ROOT, "test-results/control");
const LIVE_CHAT = "192360000";
let harness: Harness;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(ROOT, "out/controls/bundle.js"))) {
    const build = spawnSync(process.execPath, [join(ROOT, "scripts/build-control.js")], { cwd: ROOT, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`build:control failed:\n${build.stdout}${build.stderr}`);
  }
  mkdirSync(SHOTS, { recursive: true });
  harness = await startHarness();
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
});

/**
 * Console errors, minus two that are the harness's own and not the control's: its layout's NaN width
 * warning on load, and the Segoe UI fonts it requests from the Office CDN (the network is closed).
 */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  const harnessNoise = (m: ConsoleMessage): boolean =>
    /`NaN` is an invalid value for the `%s` css style property/.test(m.text()) || /res-1\.cdn\.office\.net/.test(m.location().url);
  page.on("console", (m) => {
    if (m.type() === "error" && !harnessNoise(m)) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("dialog", (d) => {
    errors.push(`unexpected dialog: ${d.message()}`);
    void d.dismiss();
  });
  return errors;
}

async function open(look: HarnessLook = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = collectErrors(page);
  await openHarness(page, harness.url, look);
  return { page, errors };
}

const badgeText = (page: Page): Promise<string | null> => page.locator("[data-tone]").textContent();
const buttonTexts = (page: Page): Promise<string[]> => page.locator("button[data-to]").allTextContents();

async function setStatus(page: Page, value: number): Promise<void> {
  await setProperty(page, "statusReason", String(value));
  await page.waitForFunction(
    (v) =>
      document.querySelector("[data-tone]")?.getAttribute("data-tone") !== null &&
      (document.querySelector(".property-inputs input") as HTMLInputElement).value === v,
    String(value),
  );
}

test("every status value set in the harness shows its badge and the agent's buttons (live chat)", async () => {
  const { page, errors } = await open();
  await setProperty(page, "channel", LIVE_CHAT);
  for (const status of ALL_STATUSES) {
    await setStatus(page, status);
    await page.waitForFunction((t) => document.querySelector("[data-tone]")?.getAttribute("data-tone") === t, TONES[status]);
    expect(await badgeText(page)).toBe(LABELS_EN[status]);
    expect(await buttonTexts(page)).toEqual(buttonsFor("live-chat", status));
    await page.locator(".fui-FluentProvider").screenshot({ path: join(SHOTS, `harness-status-${status}.png`) });
  }
  await setStatus(page, 9);
  await page.waitForFunction(() => document.querySelector("[data-tone]")?.getAttribute("data-tone") === "unknown");
  expect(await badgeText(page)).toBe("unknown status (9)");
  expect(await buttonTexts(page)).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

test("clicking an action changes the output: the harness's bound value follows", async () => {
  const { page, errors } = await open();
  await setProperty(page, "channel", LIVE_CHAT);
  await setStatus(page, ACTIVE);
  await page.getByRole("button", { name: "End conversation" }).click();
  await page.waitForFunction(() => document.querySelector("[data-tone]")?.getAttribute("data-tone") === "wrap-up");
  expect(await propertyInput(page, "statusReason").inputValue()).toBe(String(WRAP_UP));
  // The badge is the polite live region: the same element now reads the new status.
  expect(await page.getByRole("status").textContent()).toBe("Wrap-up");
  expect(await page.getByRole("status").getAttribute("data-tone")).toBe("wrap-up");

  // Closed asks first: Escape cancels, confirming closes.
  await page.getByRole("button", { name: "Close", exact: true }).click();
  await page.getByRole("alertdialog").waitFor();
  await page.screenshot({ path: join(SHOTS, "harness-confirm-close.png") });
  await page.keyboard.press("Escape");
  await page.getByRole("alertdialog").waitFor({ state: "detached" });
  expect(await propertyInput(page, "statusReason").inputValue()).toBe(String(WRAP_UP));
  await page.getByRole("button", { name: "Close", exact: true }).click();
  await page.getByRole("button", { name: "Close conversation" }).click();
  await page.waitForFunction(() => document.querySelector("[data-tone]")?.getAttribute("data-tone") === "closed");
  expect(await propertyInput(page, "statusReason").inputValue()).toBe(String(CLOSED));
  expect(await buttonTexts(page)).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

test("keyboard only: Tab reaches the actions with a visible focus ring, Enter and Space act", async () => {
  const { page, errors } = await open();
  await setProperty(page, "channel", "192340000");
  await setStatus(page, ACTIVE);
  // Start sequential navigation at the badge, as a user tabbing through the form would arrive.
  await page.locator("[data-tone]").click();
  await page.keyboard.press("Tab");
  const focused = page.locator("button[data-to]:focus");
  expect(await focused.textContent()).toBe("End conversation");
  expect(await focused.getAttribute("data-fui-focus-visible")).not.toBeNull();
  // Fluent draws the ring as an outline or box-shadow on keyboard focus only.
  const ring = await focused.evaluate((el) => {
    const s = getComputedStyle(el);
    return { outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow !== "none" };
  });
  expect(ring.outline || ring.shadow).toBe(true);
  await page.locator(".fui-FluentProvider").screenshot({ path: join(SHOTS, "harness-focus-ring.png") });
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  expect(await page.locator("button[data-to]:focus").textContent()).toBe("Close session and keep waiting");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("[data-tone]")?.getAttribute("data-tone") === "waiting");
  await page.locator("[data-tone]").click();
  await page.keyboard.press("Tab");
  expect(await page.locator("button[data-to]:focus").textContent()).toBe("Resume");
  await page.keyboard.press("Space");
  await page.waitForFunction(() => document.querySelector("[data-tone]")?.getAttribute("data-tone") === "active");
  expect(await propertyInput(page, "statusReason").inputValue()).toBe(String(ACTIVE));
  expect(errors).toEqual([]);
  await page.close();
});

test("right to left, in Arabic", async () => {
  const ar = loadStrings(1025);
  const { page, errors } = await open({ rtl: true, lcid: 1025 });
  await setProperty(page, "channel", LIVE_CHAT);
  await setStatus(page, ACTIVE);
  await page.waitForFunction(() => document.querySelector("[data-tone]")?.getAttribute("data-tone") === "active");
  expect(await page.locator(".fui-FluentProvider").getAttribute("dir")).toBe("rtl");
  expect(await badgeText(page)).toBe(ar["status.active"]);
  expect(await buttonTexts(page)).toEqual([ar["action.active-wrap-up"], ar["action.active-open"]]);
  // In RTL the badge sits at the right edge of the control.
  const control = await page.locator(".fui-FluentProvider").boundingBox();
  const badge = await page.locator("[data-tone]").boundingBox();
  expect(control && badge && badge.x + badge.width).toBeGreaterThan((control?.x ?? 0) + (control?.width ?? 0) / 2);
  await page.locator(".fui-FluentProvider").screenshot({ path: join(SHOTS, "harness-rtl.png") });
  expect(errors).toEqual([]);
  await page.close();
});

test("dark theme from the host's fluentDesignLanguage", async () => {
  const { page, errors } = await open({ dark: true });
  await setStatus(page, ACTIVE);
  await page.waitForFunction(() => document.querySelector("[data-tone]")?.getAttribute("data-tone") === "active");
  const colour = await page
    .locator(".fui-FluentProvider")
    .evaluate((el) => getComputedStyle(el).getPropertyValue("--colorNeutralForeground1").trim());
  expect(colour.toLowerCase()).toBe("#ffffff");
  await page.locator(".fui-FluentProvider").evaluate((el) => ((el as HTMLElement).style.background = "#292929"));
  await page.locator(".fui-FluentProvider").screenshot({ path: join(SHOTS, "harness-dark.png") });
  expect(errors).toEqual([]);
  await page.close();
});

test("Windows high contrast (forced colours) keeps the badge outlined and the focus ring visible", async () => {
  const page = await browser.newPage();
  const errors = collectErrors(page);
  await page.emulateMedia({ forcedColors: "active" });
  await openHarness(page, harness.url);
  await setStatus(page, ACTIVE);
  await page.waitForFunction(() => document.querySelector("[data-tone]")?.getAttribute("data-tone") === "active");
  // Fluent's badge draws a transparent border (on ::after) that forced colours turn into a visible system colour.
  const border = await page.locator("[data-tone]").evaluate((el) => {
    const s = getComputedStyle(el, "::after");
    return { style: s.borderTopStyle, width: parseFloat(s.borderTopWidth), color: s.borderTopColor, text: getComputedStyle(el).color };
  });
  expect(border.style).toBe("solid");
  expect(border.width).toBeGreaterThan(0);
  // Forced to the system text colour, like the label (the tint's own stroke and text colours differ).
  expect(border.color).toBe(border.text);
  // Fluent's focus outline is transparent (a box-shadow draws the ring), and forced colours drop box-shadows
  // but paint the outline in a system colour: the ring stays visible.
  await page.locator("[data-tone]").click();
  await page.keyboard.press("Tab");
  const ring = await page.locator("button[data-to]:focus").evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor };
  });
  expect(ring.style).toBe("solid");
  expect(ring.width).toBeGreaterThanOrEqual(2);
  expect(ring.color).not.toMatch(/^rgba\(\d+, \d+, \d+, 0\)$|^transparent$/);
  await page.locator(".fui-FluentProvider").screenshot({ path: join(SHOTS, "harness-high-contrast.png") });
  expect(errors).toEqual([]);
  await page.close();
});
