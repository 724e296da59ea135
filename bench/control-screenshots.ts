/**
 * Regenerates the screenshots in docs/images/control/: the badge for Open, Active, Waiting, Wrap-up
 * and Closed, in light, dark and right-to-left (Arabic). Builds the control first unless --no-build.
 * Run: npm run build:node && node dist/bench/control-screenshots.js
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { CHANNELS, Status, statusOf } from "../plugins/lifecycle";
import { launch, ROOT } from "./browser/chromium";
import { mount, openStandalone, type HostValues } from "./browser/standalone";

const LIVE_CHAT = (CHANNELS.find((c) => c.name === "live-chat") as (typeof CHANNELS)[number]).value;

const OUT = join(ROOT, "docs/images/control");
// Persistent chat shows every move an agent has (Waiting exists for it), with a running clock.
const STATUSES = [Status.Open, Status.Active, Status.Waiting, Status.WrapUp, Status.Closed];
const LOOKS: { name: string; lcid: number; values: Partial<HostValues> }[] = [
  { name: "light", lcid: 1033, values: {} },
  { name: "dark", lcid: 1033, values: { dark: true } },
  { name: "rtl", lcid: 1025, values: { rtl: true } },
];

async function main(): Promise<void> {
  if (!process.argv.includes("--no-build")) {
    const build = spawnSync(process.execPath, [join(ROOT, "scripts/build-control.js")], { cwd: ROOT, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`npm run build:control failed:\n${build.stdout}${build.stderr}`);
  }
  mkdirSync(OUT, { recursive: true });
  const browser = await launch();
  try {
    for (const look of LOOKS) {
      const page = await browser.newPage({ viewport: { width: 760, height: 200 }, deviceScaleFactor: 1 });
      await openStandalone(page, look.lcid);
      for (const status of STATUSES) {
        await mount(page, {
          status,
          channel: [LIVE_CHAT],
          conversationMode: "persistent",
          secondsInStatus: 754,
          wrapUpBlock: "custom",
          wrapUpMinutes: 15,
          ...look.values,
        });
        const file = join(OUT, `${look.name}-${statusOf(status)?.name}.png`);
        await page.locator("#root").screenshot({ path: file });
        console.log(`wrote ${relative(ROOT, file)}`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`control screenshots failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
