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
import { hostPageHtml, PAGE_FILES } from "../../workbench/server";
import { STATUSES } from "../../plugins/lifecycle/statuses";
import { ROOT } from "./chromium";
import type { Responder } from "./responder";

export const ORIGIN = "http://workbench.test";

const RESX = Object.fromEntries(availableLanguages().map((lcid) => [lcid, parseResx(readFileSync(resxPath(lcid), "utf8"))]));

const PAGE = hostPageHtml("/");

export interface OpenOptions {
  /** The record to mount, or nothing to mount it later. */
  readonly id?: string;
  readonly lcid?: number;
  readonly inputs?: Record<string, unknown>;
  /** The onLoad handler's parameter, as a maker types it. */
  readonly parameter?: string;
  readonly dark?: boolean;
}

/** Opens the host page a running workbench serves (its local Dataverse answers the Web API); mounts the record when `id` is given. */
export async function openWorkbenchHost(page: Page, workbenchUrl: string, options: OpenOptions = {}): Promise<void> {
  await page.goto(`${workbenchUrl}/workbench/host.html`, { waitUntil: "load" });
  if (options.id) await mountOnPage(page, options.id, options);
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
    const file = PAGE_FILES[url.pathname.slice(1)];
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
    async ({ id, lcid, strings, statusOptions, resx, inputs, parameter, dark }) => {
      const w = globalThis as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      w.workbenchHost.installXrm(resx, () => lcid);
      const fluent = w.FluentUIReactv940;
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
    {
      id,
      lcid,
      strings,
      // Status Reason's options as the form's metadata gives them: the model's statuses, labelled in the user's language.
      statusOptions: STATUSES.map((s) => ({ value: s.value, text: strings[`status.${s.name}`] })),
      resx: RESX,
      inputs: options.inputs ?? {},
      parameter: options.parameter,
      dark: options.dark,
    },
  );
}
