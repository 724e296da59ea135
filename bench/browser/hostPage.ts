/**
 * A host page for the production control and the shipped form script, run together: React 16.14 and
 * ReactDOM from their UMD files, the Fluent 9 platform library that pcf-start ships, out/controls/bundle.js,
 * out/webresources/conversationstate.form.js and out/workbench/host.js. The Web API goes to a responder
 * (page.route), so everything is served from this machine. The bench and the browser tests use it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { availableLanguages, parseResx, resxPath } from "../../plugins/strings/resx";
import { ROOT } from "./chromium";
import type { Responder } from "./responder";

export const ORIGIN = "http://workbench.test";

const FILES: Record<string, string> = {
  "/react.js": "node_modules/react/umd/react.production.min.js",
  "/react-dom.js": "node_modules/react-dom/umd/react-dom.production.min.js",
  "/fluent.js": "node_modules/pcf-start/lib/fluent_9_4_0.js",
  "/bundle.js": "out/controls/bundle.js",
  "/form.js": "out/webresources/conversationstate.form.js",
  "/host.js": "out/workbench/host.js",
};

const RESX = Object.fromEntries(availableLanguages().map((lcid) => [lcid, parseResx(readFileSync(resxPath(lcid), "utf8"))]));

// React's production UMD, then the platform's globals as a model-driven page names them (Reactv16, the control's
// registerControl), then the control and the form script as the platform loads them.
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Conversation</title>
<style>body{margin:0;font-family:"Segoe UI",sans-serif} #control{padding:12px;min-width:360px}</style>
<script src="/react.js"></script><script src="/react-dom.js"></script>
<script>
window.Reactv16 = window.React; window.marks = {};
// The platform calls init once the bundle is loaded; the bench times from there.
window.ComponentFramework = { registerControl: function (name, ctor) {
  window.ControlClass = class extends ctor { init() { marks.init = performance.now(); return super.init.apply(this, arguments); } };
} };
</script>
<script src="/fluent.js"></script><script src="/host.js"></script><script src="/form.js"></script>
</head><body><div id="control"></div>
<script>marks.bundleStart = performance.now();</script>
<script src="/bundle.js" onload="marks.bundleLoaded = performance.now()"></script>
</body></html>`;

export interface OpenOptions {
  /** The record to mount, or nothing to mount it later. */
  readonly id?: string;
  readonly lcid?: number;
  readonly inputs?: Record<string, unknown>;
  /** The onLoad handler's parameter, as a maker types it. */
  readonly parameter?: string;
  readonly dark?: boolean;
}

/** Opens the host page with the Web API answered by `responder`; mounts the record when `id` is given. */
export async function openHostPage(page: Page, responder: Responder, options: OpenOptions = {}): Promise<void> {
  const lcid = options.lcid ?? 1033;
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === "/") return route.fulfill({ status: 200, contentType: "text/html", body: PAGE });
    if (url.pathname.startsWith("/api/data/v9.2/")) {
      const answer = responder.answer(
        route.request().method(),
        url.pathname.slice("/api/data/v9.2".length) + url.search,
        route.request().postData(),
        lcid,
      );
      return route.fulfill({ status: answer.status, contentType: "application/json; odata.metadata=minimal", body: answer.body });
    }
    const file = FILES[url.pathname];
    if (!file) return route.fulfill({ status: 404, body: "not found" });
    return route.fulfill({ status: 200, contentType: "application/javascript", body: readFileSync(join(ROOT, file)) });
  });
  await page.goto(`${ORIGIN}/`, { waitUntil: "load" });
  if (options.id) await mountOnPage(page, options.id, options);
}

/** Mounts a conversation: the form over the record, the form script on its events, the control on Status updated on. */
export async function mountOnPage(page: Page, id: string, options: OpenOptions = {}): Promise<void> {
  const lcid = options.lcid ?? 1033;
  const strings = RESX[lcid] ?? RESX[1033];
  await page.evaluate(
    async ({ id, lcid, strings, resx, inputs, parameter, dark }) => {
      const w = globalThis as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      w.workbenchHost.installXrm(resx, () => lcid);
      const fluent = w.FluentUIReactv940;
      const statusOptions = [1, 2, 3, 4, 5, 6, 7].map((value) => ({
        value,
        text: strings[`status.${["open", "active", "waiting", "closed", "wrap-up", "resolved", "scheduled"][value - 1]}`],
      }));
      w.conversation = await w.workbenchHost.mountConversation({
        id,
        container: w.document.getElementById("control"),
        Control: w.ControlClass,
        formScript: w.ConversationState.Form,
        formScriptParameter: parameter,
        inputs,
        statusOptions,
        look: {
          languageId: lcid,
          strings,
          theme: dark ? fluent.webDarkTheme : fluent.webLightTheme,
          dark: !!dark,
          readOnly: false,
          masked: false,
          offline: false,
        },
      });
    },
    { id, lcid, strings, resx: RESX, inputs: options.inputs ?? {}, parameter: options.parameter, dark: options.dark },
  );
}
