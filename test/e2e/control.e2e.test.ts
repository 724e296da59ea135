/**
 * End to end in real headless Chromium: the production control bundle and the built form script on
 * one page, over the host's form (Client API) and PCF context, the Web API answered by a local
 * responder. The control shows the status it read through context.webAPI; a button raises
 * transitionRequested; the form script, subscribed through addEventHandler, changes the form's
 * status reason and saves, or refuses with the localised reason, which done reports to the control.
 * And the pcf-start harness still loads the control, showing its "not set up" state.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Browser, ConsoleMessage, Page } from "playwright-core";
import { launch, ROOT } from "../../bench/browser/chromium";
import { openHarness, startHarness } from "../../bench/browser/harness";
import { openHostPage } from "../../bench/browser/hostPage";
import { createResponder, type Responder } from "../../bench/browser/responder";
import { agentVerdict } from "../../plugins/lifecycle/agent";
import { formatVerdict } from "../../plugins/lifecycle";
import { loadStrings } from "../../plugins/strings/resx";

jest.setTimeout(120_000);

const ID = "0a1b2c3d-0000-4000-8000-000000000001";
const WORKSTREAM = "0a1b2c3d-0000-4000-8000-0000000000aa";
let browser: Browser;

beforeAll(async () => {
  const built = ["out/controls/bundle.js", "out/webresources/conversationstate.form.js", "out/workbench/host.js"].every((f) =>
    existsSync(join(ROOT, f)),
  );
  if (!built) {
    const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  }
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const liveChat = (statuscode: number): Responder =>
  createResponder(
    {
      [ID]: {
        statuscode,
        statecode: statuscode === 4 ? 1 : 0,
        msdyn_channel: "192360000",
        msdyn_statuschangereason: 192350003,
        _msdyn_liveworkstreamid_value: WORKSTREAM,
        msdyn_statusupdatedon: new Date(Date.now() - 95_000).toISOString(),
        subject: "Order 1042",
      },
    },
    { [WORKSTREAM]: { msdyn_conversationmode: 192350000 } },
  );

function collectErrors(page: Page, ignore: (m: ConsoleMessage) => boolean = () => false): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !ignore(m)) errors.push(m.text());
  });
  page.on("dialog", (d) => {
    errors.push(`unexpected dialog: ${d.message()}`);
    void d.dismiss();
  });
  return errors;
}

async function open(responder: Responder, options: Parameters<typeof openHostPage>[2]): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors = collectErrors(page);
  await openHostPage(page, responder, options);
  return { page, errors };
}

const tone = (page: Page) => page.locator("[data-tone]").getAttribute("data-tone");
const formStatus = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { conversation: { form: { values: Record<string, unknown> } } }).conversation.form.values.statuscode,
  );

test("the status read through context.webAPI, an allowed move carried out by the form script, and read again", async () => {
  const responder = liveChat(2);
  const { page, errors } = await open(responder, { id: ID });
  await page.waitForSelector('[data-tone="active"]');
  expect(await page.locator("[data-tone]").textContent()).toBe("Active");
  expect(await page.getByText("Reason: In conversation").count()).toBe(1);
  expect(responder.log).toContain(
    `GET /msdyn_ocliveworkitems(${ID})?$select=statuscode,statecode,msdyn_channel,msdyn_statuschangereason,_msdyn_liveworkstreamid_value,msdyn_statusupdatedon`,
  );

  await page.getByRole("button", { name: "End conversation" }).click();
  await page.waitForSelector('[data-tone="wrap-up"]');
  expect(await formStatus(page)).toBe(5);
  expect(responder.log).toContain(`PATCH /msdyn_ocliveworkitems(${ID})`);
  expect(responder.rows.get(ID)?.statuscode).toBe(5);
  expect(await page.locator("button[data-to]").allTextContents()).toEqual(["Close"]);
  expect(errors).toEqual([]);
  await page.close();
});

test("a denied move (Active → Waiting on live chat) is refused by the form script in the user's language; nothing is saved", async () => {
  const responder = liveChat(2);
  // The maker set the control to persistent chat, but the form library judges live chat (its onLoad parameter).
  const { page, errors } = await open(responder, { id: ID, lcid: 1036, inputs: { conversationMode: "persistent" }, parameter: "live" });
  await page.waitForSelector('[data-tone="active"]');
  const fr = loadStrings(1036);
  await page.getByRole("button", { name: fr["action.active-waiting"] }).click();
  const refusal = formatVerdict(agentVerdict(2, 3, "live-chat"), (key) => fr[key]);
  await page.getByText(refusal).waitFor();
  expect(await tone(page)).toBe("active");
  expect(await formStatus(page)).toBe(2);
  expect(responder.log.filter((l) => l.startsWith("PATCH"))).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

test("Close asks first, then sets status and state together", async () => {
  const responder = liveChat(5);
  const { page, errors } = await open(responder, { id: ID });
  await page.waitForSelector('[data-tone="wrap-up"]');
  await page.getByRole("button", { name: "Close" }).click();
  await page.getByRole("alertdialog").waitFor();
  await page.getByRole("button", { name: "Close conversation" }).click();
  await page.waitForSelector('[data-tone="closed"]');
  expect(responder.rows.get(ID)).toMatchObject({ statuscode: 4, statecode: 1 });
  expect(errors).toEqual([]);
  await page.close();
});

test("the pcf-start harness loads the control without page errors, showing that it has no record (not set up)", async () => {
  const harness = await startHarness();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    // The harness's own noise, not the control's: its layout's NaN width warning, and the Office CDN fonts (closed network).
    const errors = collectErrors(
      page,
      (m) => /`NaN` is an invalid value for the `%s` css style property/.test(m.text()) || /res-1\.cdn\.office\.net/.test(m.location().url),
    );
    await openHarness(page, harness.url);
    // The harness types "val" into every text input: Entity Name "val" is not the conversation table, and nothing is read.
    expect(await tone(page)).toBe("setup");
    expect(await page.locator("[data-notice]").textContent()).toContain("Entity Name is val");
    expect(errors).toEqual([]);
    await page.close();
  } finally {
    await harness.stop();
  }
});
