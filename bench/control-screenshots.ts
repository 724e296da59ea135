/**
 * Regenerates the screenshots in docs/images/control/: the control on a conversation for Open,
 * Active, Waiting, Wrap-up and Closed, in light, dark and right-to-left (Arabic), from the production
 * bundle on the host page (the record read through context.webAPI from a local responder).
 * Builds first unless --no-build. Run: npm run docs:control
 */
import { mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { CHANNELS, stateOf, Status, StatusChangeReason, statusOf } from "../plugins/lifecycle";
import { launch, ROOT } from "./browser/chromium";
import { openHostPage } from "./browser/hostPage";
import { createResponder } from "./browser/responder";
import { buildUnlessTold } from "./browser/workbench";

const OUT = join(ROOT, "docs/images/control");
const ID = "0a1b2c3d-0000-4000-8000-000000000001";
const LIVE_CHAT = (CHANNELS.find((c) => c.name === "live-chat") as (typeof CHANNELS)[number]).value;
// Persistent chat shows every move an agent has (Waiting exists for it); a custom wrap-up block counts down.
const STATUSES = [Status.Open, Status.Active, Status.Waiting, Status.WrapUp, Status.Closed];
const LOOKS = [
  { name: "light", lcid: 1033, dark: false },
  { name: "dark", lcid: 1033, dark: true },
  { name: "rtl", lcid: 1025, dark: false },
];

async function main(): Promise<void> {
  buildUnlessTold();
  mkdirSync(OUT, { recursive: true });
  const browser = await launch();
  try {
    for (const look of LOOKS) {
      for (const status of STATUSES) {
        const page = await browser.newPage({ viewport: { width: 760, height: 220 }, deviceScaleFactor: 1 });
        const responder = createResponder({
          [ID]: {
            statuscode: status,
            statecode: stateOf(status),
            msdyn_channel: String(LIVE_CHAT),
            msdyn_statuschangereason: StatusChangeReason.InConversation,
            msdyn_statusupdatedon: new Date(Date.now() - 754_000).toISOString(),
          },
        });
        await page.emulateMedia({ colorScheme: look.dark ? "dark" : "light" });
        await openHostPage(page, responder, {
          id: ID,
          lcid: look.lcid,
          dark: look.dark,
          inputs: { conversationMode: "persistent", wrapUpBlock: "custom", wrapUpMinutes: 15 },
        });
        await page.waitForSelector(`[data-tone="${statusOf(status)?.name}"]`);
        await page.evaluate((dark) => {
          (globalThis as unknown as { document: { body: { style: { background: string } } } }).document.body.style.background = dark
            ? "#292929"
            : "#ffffff";
        }, look.dark);
        const file = join(OUT, `${look.name}-${statusOf(status)?.name}.png`);
        await page.locator("#control").screenshot({ path: file });
        console.log(`wrote ${relative(ROOT, file)}`);
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`control screenshots failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
