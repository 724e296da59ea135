/**
 * A bare host page for the built control, without the harness around it: production React 16.14,
 * the Fluent 9 platform library that pcf-start ships, out/controls/bundle.js and a small PCF context.
 * The bench measures on it and the docs screenshots are taken from it. Everything is served from
 * disk through page.route, so nothing leaves the machine.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { CHANNELS, Status } from "../../plugins/lifecycle";
import { loadStrings } from "../../plugins/strings/resx";
import { ROOT } from "./chromium";

export const ORIGIN = "http://control.test";

/** What the host page sets on the context; values as the platform hands them over. */
export interface HostValues {
  readonly status: number | null;
  readonly channel?: readonly number[];
  /** Seconds since the status changed (msdyn_statusupdatedon = now - this). */
  readonly secondsInStatus?: number;
  readonly changeReason?: string;
  readonly conversationMode?: "auto" | "live" | "persistent";
  readonly wrapUpBlock?: "always" | "never" | "custom";
  readonly wrapUpMinutes?: number;
  readonly unavailableActions?: "hide" | "disable";
  readonly disabled?: boolean;
  readonly rtl?: boolean;
  readonly dark?: boolean;
}

// Runs in the page. The bundle calls ComponentFramework.registerControl when it loads.
const HOST = `
window.Reactv16 = window.React;
window.host = { strings: {}, marks: {} };
window.ComponentFramework = { registerControl: function (name, ctor) { host.Control = ctor; host.marks.registered = performance.now(); } };
host.context = function (v) {
  var reason = v.changeReason === undefined ? null : 192350003;
  return {
    parameters: {
      statusReason: { raw: v.status, attributes: { Options: [] }, security: { readable: true, editable: true, secured: false } },
      channel: { raw: v.channel || null },
      statusUpdatedOn: { raw: v.secondsInStatus === undefined ? null : new Date(Date.now() - v.secondsInStatus * 1000) },
      statusChangeReason: { raw: reason, attributes: { Options: reason === null ? [] : [{ Value: reason, Label: v.changeReason }] } },
      conversationMode: { raw: v.conversationMode || "auto" },
      wrapUpBlock: { raw: v.wrapUpBlock || "always" },
      wrapUpMinutes: { raw: v.wrapUpMinutes === undefined ? null : v.wrapUpMinutes },
      unavailableActions: { raw: v.unavailableActions || "hide" }
    },
    mode: { isControlDisabled: !!v.disabled },
    userSettings: { isRTL: !!v.rtl, languageId: 1033 },
    fluentDesignLanguage: { isDarkTheme: !!v.dark },
    resources: { getString: function (key) { return host.strings[key] === undefined ? key : host.strings[key]; } }
  };
};
host.afterPaint = function (done) { requestAnimationFrame(function () { requestAnimationFrame(done); }); };
// With initial values in the URL hash, the control is shown as soon as the bundle has loaded.
host.bundleLoaded = function () {
  host.marks.bundleLoaded = performance.now();
  if (!location.hash) return;
  host.mount(JSON.parse(decodeURIComponent(location.hash.slice(1))));
  host.marks.rendered = performance.now();
  host.afterPaint(function () { host.marks.painted = performance.now(); });
};
host.shown = function () {
  return { badge: document.querySelectorAll("[data-tone]").length, buttons: document.querySelectorAll("button[data-to]").length };
};
// Times updateView + React's synchronous commit, in batches of 10 (performance.now is coarse
// in Chromium): n status changes, then n updates with the same values. Returns ms per render.
host.rerender = function (n) {
  var root = document.getElementById("root");
  var context = host.context({ status: ${Status.Active}, channel: [${(CHANNELS.find((c) => c.name === "live-chat") as (typeof CHANNELS)[number]).value}], secondsInStatus: 754 });
  var statuses = [${[Status.Active, Status.WrapUp, Status.Closed, Status.Open, Status.Waiting].join(", ")}], k = 0;
  var batch = function (change) {
    var start = performance.now();
    for (var i = 0; i < 10; i++) {
      if (change) context.parameters.statusReason.raw = statuses[k++ % statuses.length];
      ReactDOM.render(host.control.updateView(context), root);
    }
    return (performance.now() - start) / 10;
  };
  var changed = [], same = [];
  for (var i = 0; i < n / 10; i++) changed.push(batch(true));
  var tone = document.querySelector("[data-tone]").getAttribute("data-tone");
  for (var j = 0; j < n / 10; j++) same.push(batch(false));
  return { changed: changed, same: same, lastStatus: statuses[(k - 1) % statuses.length], tone: tone };
};
host.mount = function (v) {
  var root = document.getElementById("root");
  document.body.style.background = v.dark ? "#292929" : "#ffffff";
  ReactDOM.unmountComponentAtNode(root);
  host.outputs = [];
  host.control = new host.Control();
  host.control.init(host.context(v), function () { host.outputs.push(host.control.getOutputs()); });
  ReactDOM.render(host.control.updateView(host.context(v)), root);
};
`;

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>ConversationState</title>
<style>body{margin:0;font-family:"Segoe UI",sans-serif} #root{display:inline-block;padding:12px;min-width:320px}</style>
<script src="/react.js"></script><script src="/react-dom.js"></script><script src="/fluent.js"></script><script src="/host.js"></script>
</head><body><div id="root"></div>
<script>host.marks.bundleStart = performance.now();</script>
<script src="/bundle.js" onload="host.bundleLoaded()"></script>
</body></html>`;

const FILES: Record<string, () => { type: string; body: string | Buffer }> = {
  "/": () => ({ type: "text/html", body: PAGE }),
  "/react.js": () => ({ type: "application/javascript", body: readFileSync(join(ROOT, "node_modules/react/umd/react.production.min.js")) }),
  "/react-dom.js": () => ({
    type: "application/javascript",
    body: readFileSync(join(ROOT, "node_modules/react-dom/umd/react-dom.production.min.js")),
  }),
  "/fluent.js": () => ({ type: "application/javascript", body: readFileSync(join(ROOT, "node_modules/pcf-start/lib/fluent_9_4_0.js")) }),
  "/bundle.js": () => ({ type: "application/javascript", body: readFileSync(join(ROOT, "out/controls/bundle.js")) }),
};

/**
 * Opens the host page with the strings of one language. With `initial`, the control is shown as
 * soon as its bundle loads (host.marks then times it); without, call mount().
 */
export async function openStandalone(page: Page, lcid = 1033, initial?: HostValues): Promise<void> {
  const host = `${HOST}\nhost.strings = ${JSON.stringify(loadStrings(lcid))};`;
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = path === "/host.js" ? () => ({ type: "application/javascript", body: host }) : FILES[path];
    if (file) {
      const { type, body } = file();
      await route.fulfill({ status: 200, contentType: type, body });
    } else await route.fulfill({ status: 404, body: "not found" });
  });
  await page.goto(`${ORIGIN}/${initial ? `#${encodeURIComponent(JSON.stringify(initial))}` : ""}`, { waitUntil: "load" });
}

/** Shows the control with these values and waits until the badge is on screen. */
export async function mount(page: Page, values: HostValues): Promise<void> {
  await page.evaluate(`host.mount(${JSON.stringify(values)})`);
  await page.waitForSelector("[data-tone]");
}
