/**
 * The workbench end to end, in real headless Chromium, through the page only: the local Dataverse,
 * the webhook registered with register-webhook, the production control and the built form script,
 * started as npm start starts them (in this process, on free ports, in a temporary data file).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launch } from "../../bench/browser/chromium";
import { agentVerdict } from "../../plugins/lifecycle/agent";
import { formatVerdict } from "../../plugins/lifecycle";
import { loadStrings } from "../../plugins/strings/resx";
import { startWorkbench, type Running } from "../../workbench/start";

jest.setTimeout(180_000);

let browser: Browser;
let workbench: Running;
const dataFile = join(mkdtempSync(join(tmpdir(), "workbench-")), "dataverse.json");
const webhookLog: string[] = [];

const start = (reset: boolean) => startWorkbench({ port: 0, dataFile, reset, out: () => undefined, log: (line) => webhookLog.push(line) });

beforeAll(async () => {
  workbench = await start(true);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await workbench?.stop();
});

async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    // A refused save is the browser's own "Failed to load resource" line for the 400: expected where the test asks for it.
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  await page.goto(`${workbench.url}/`);
  await page.getByText("Conversation workbench").waitFor();
  await page.locator('[data-panel="platform"]').waitFor();
  return { page, errors };
}

const tone = (page: Page, name: string) => page.locator(`[data-panel="form"] [data-tone="${name}"]`).waitFor();

async function newConversation(page: Page, kind: string, first: string): Promise<string> {
  await page.click(`[data-new="${kind}"]`);
  await tone(page, first);
  return page.evaluate(() => document.querySelector("[data-conversation][aria-selected=true]")?.getAttribute("data-conversation") ?? "");
}

/**
 * The platform's move. Status updated on keeps seconds, as Dataverse's date and time columns do, and
 * the control reads again when it changes: the simulated clock moves a second first, as it would
 * between a person's clicks, so two changes never share one second.
 */
async function platform(page: Page, trigger: string, then: string): Promise<void> {
  await fetch(`${workbench.url}/workbench/api/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: '{"advance":"1s"}',
  });
  await page.click(`[data-panel="platform"] [data-trigger="${trigger}"]`);
  await tone(page, then);
}

async function agent(page: Page, button: string, then: string): Promise<void> {
  await page.locator('[data-panel="form"]').getByRole("button", { name: button, exact: true }).click();
  if (button === "Close") await page.getByRole("alertdialog").getByRole("button", { name: "Close conversation" }).click();
  await tone(page, then);
}

const row = async (id: string) => {
  const answer = await fetch(`${workbench.url}/api/data/v9.2/msdyn_ocliveworkitems(${id})?$select=statuscode,statecode`);
  return (await answer.json()) as { statuscode: number; statecode: number };
};
const audits = async (id: string) =>
  ((await (await fetch(`${workbench.url}/workbench/api/audits?recordId=${id}`)).json()) as unknown[]).length;

describe("every channel kind walked through the seed's scenarios, from the page", () => {
  test("live chat: routing assigns, the agent ends, the agent closes", async () => {
    const { page, errors } = await openPage();
    const id = await newConversation(page, "live-chat", "open");
    await platform(page, "routing-assigns", "active");
    await agent(page, "End conversation", "wrap-up");
    await agent(page, "Close", "closed");
    expect(await row(id)).toMatchObject({ statuscode: 4, statecode: 1 });
    expect(await audits(id)).toBe(4);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("persistent chat: keep waiting, the customer revives, routing assigns, the platform closes after wrap-up", async () => {
    const { page, errors } = await openPage();
    // The form library is told the form is for persistent chat (its On Load parameter), as a maker sets it.
    await page.selectOption('[data-maker="formParameter"]', "persistent");
    const id = await newConversation(page, "persistent-chat", "open");
    await platform(page, "routing-assigns", "active");
    await agent(page, "Close session and keep waiting", "waiting");
    await platform(page, "customer-revives", "open");
    await platform(page, "routing-assigns", "active");
    await agent(page, "End conversation", "wrap-up");
    await platform(page, "auto-close-timeout", "closed");
    expect((await row(id)).statuscode).toBe(4);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("SMS: the agent picks, keeps waiting, resumes, ends and closes", async () => {
    const { page, errors } = await openPage();
    const id = await newConversation(page, "sms", "open");
    await agent(page, "Pick", "active");
    await agent(page, "Close session and keep waiting", "waiting");
    await agent(page, "Resume", "active");
    await agent(page, "End conversation", "wrap-up");
    await agent(page, "Close", "closed");
    expect((await row(id)).statuscode).toBe(4);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("voice: routing assigns, the two-hour timeout moves it to wrap-up, the agent closes", async () => {
    const { page, errors } = await openPage();
    const id = await newConversation(page, "voice", "open");
    expect(await page.locator('[data-panel="form"] button[data-to]').count()).toBe(0); // voice is push only
    await platform(page, "routing-assigns", "active");
    await platform(page, "active-timeout", "wrap-up");
    await agent(page, "Close", "closed");
    expect((await row(id)).statuscode).toBe(4);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a case (record): the agent resolves it and closes", async () => {
    const { page, errors } = await openPage();
    const id = await newConversation(page, "record", "active");
    await agent(page, "Close", "closed");
    expect((await row(id)).statuscode).toBe(4);
    expect(errors).toEqual([]);
    await page.close();
  });
});

test("a move the form script denies, explained in French; nothing is saved", async () => {
  const { page, errors } = await openPage();
  const id = await newConversation(page, "live-chat", "open");
  await platform(page, "routing-assigns", "active");
  await page.selectOption('[data-switch="language"]', "1036");
  // A maker's mismatch: the control set to persistent chat, the form library left on live chat.
  await page.selectOption('[data-maker="conversationMode"]', "persistent");
  await tone(page, "active");
  const fr = loadStrings(1036);
  await page.locator('[data-panel="form"]').getByRole("button", { name: fr["action.active-waiting"] }).click();
  await page.getByText(formatVerdict(agentVerdict(2, 3, "live-chat"), (key) => fr[key])).waitFor();
  expect((await row(id)).statuscode).toBe(2);
  expect(errors).toEqual([]);
  await page.close();
});

test("a user's API write of a denied move is refused by the webhook: the record and the audit trail are unchanged", async () => {
  const { page } = await openPage();
  const id = await newConversation(page, "live-chat", "open");
  await platform(page, "routing-assigns", "active");
  const before = await audits(id);
  await page.selectOption("[data-write-status]", "3");
  await page.click('[data-command="api-write"]');
  await page
    .locator("[data-api-answer]")
    .getByText(/Refused \(HTTP 400\)/)
    .waitFor();
  expect((await row(id)).statuscode).toBe(2);
  expect(await audits(id)).toBe(before);
  const decision = page.locator('[data-panel="decisions"] [data-callout="refused"]').first();
  await decision.waitFor();
  expect(await decision.textContent()).toContain("422");
  await page.close();
});

test("the platform's move is accepted, and the webhook's decision is shown", async () => {
  const { page, errors } = await openPage();
  const id = await newConversation(page, "sms", "open");
  await platform(page, "routing-assigns", "active");
  const decision = page.locator('[data-panel="decisions"] [data-callout="passed"]').first();
  await decision.waitFor();
  expect(await decision.textContent()).toContain("200");
  expect((await row(id)).statuscode).toBe(2);
  expect(errors).toEqual([]);
  await page.close();
});

test("a restart keeps the data", async () => {
  const { page } = await openPage();
  const id = await newConversation(page, "voice", "open");
  await platform(page, "routing-assigns", "active");
  await page.close();
  await workbench.stop();
  workbench = await start(false);
  const again = await openPage();
  await again.page.click(`[data-conversation="${id}"]`);
  await tone(again.page, "active");
  expect((await row(id)).statuscode).toBe(2);
  await again.page.close();
});
