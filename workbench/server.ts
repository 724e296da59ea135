/**
 * The workbench's app factory (listening is start.ts's job): the local Dataverse (Web API and
 * /workbench/api), the page and its files, the resx strings by language, and the platform simulator's
 * routes. Everything the page loads comes from this machine: React's UMD files, the Fluent platform
 * library pcf-start ships, and the project's own built bundles.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import { availableLanguages, parseResx, resxPath } from "../plugins/strings/resx";
import { buildDataverseApp, type Dataverse } from "./dataverse";
import { makePlatformMove, newConversation, PlatformError, platformMoves } from "./platform";

/** The files the page loads, by the name it asks for: the platform's libraries, then the product's builds. */
export const PAGE_FILES: Readonly<Record<string, string>> = {
  "react.js": "node_modules/react/umd/react.production.min.js",
  "react-dom.js": "node_modules/react-dom/umd/react-dom.production.min.js",
  "fluent.js": "node_modules/pcf-start/lib/fluent_9_4_0.js",
  "bundle.js": "out/controls/bundle.js",
  "form.js": "out/webresources/conversationstate.form.js",
  "page.js": "out/workbench/page.js",
  "host.js": "out/workbench/host.js",
};

// React first; then the names a model-driven page gives the platform libraries (Reactv16, the
// control's registerControl); then Fluent, the form library, the control, and the page.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Conversation workbench</title>
<style>body{margin:0;font-family:"Segoe UI","Segoe UI Web (West European)",-apple-system,BlinkMacSystemFont,Roboto,"Helvetica Neue",sans-serif}</style>
<script src="/workbench/static/react.js"></script><script src="/workbench/static/react-dom.js"></script>
<script>
window.Reactv16 = window.React;
window.ComponentFramework = { registerControl: function (name, ctor) { window.ControlClass = ctor; } };
</script>
<script src="/workbench/static/fluent.js"></script><script src="/workbench/static/form.js"></script><script src="/workbench/static/bundle.js"></script>
</head><body><div id="workbench"></div><script src="/workbench/static/page.js"></script></body></html>`;

/**
 * The bare host page: the production control and the shipped form script on one form, without the
 * workbench around them (the bench and the browser tests mount a record with workbenchHost). Files come
 * from `prefix` (the workbench serves them under /workbench/static/). The platform calls the control's
 * init once its bundle has loaded; window.marks.init notes when, for the bench.
 */
export function hostPageHtml(prefix: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Conversation</title>
<style>body{margin:0;font-family:"Segoe UI",sans-serif} #control{padding:12px;min-width:360px}</style>
<script src="${prefix}react.js"></script><script src="${prefix}react-dom.js"></script>
<script>
window.Reactv16 = window.React; window.marks = {};
window.ComponentFramework = { registerControl: function (name, ctor) {
  window.ControlClass = class extends ctor { init() { marks.init = performance.now(); return super.init.apply(this, arguments); } };
} };
</script>
<script src="${prefix}fluent.js"></script><script src="${prefix}host.js"></script><script src="${prefix}form.js"></script>
</head><body><div id="control"></div>
<script>marks.bundleStart = performance.now();</script>
<script src="${prefix}bundle.js" onload="marks.bundleLoaded = performance.now()"></script>
</body></html>`;
}

export interface WorkbenchOptions {
  readonly dataverse: Dataverse;
  /** The project folder: node_modules/ and out/ are read from it. */
  readonly root: string;
}

/** A JSON body, whichever parser read it (Fastify's own for application/json, the local Dataverse's for the rest). */
function bodyOf(body: unknown): Record<string, unknown> {
  const value = typeof body === "string" ? (body.trim() === "" ? {} : JSON.parse(body)) : (body ?? {});
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new PlatformError("The body must be a JSON object.");
  return value as Record<string, unknown>;
}

const json = (reply: FastifyReply, status: number, body: unknown): FastifyReply =>
  reply.code(status).header("content-type", "application/json; charset=utf-8").send(JSON.stringify(body));

export function buildWorkbench({ dataverse, root }: WorkbenchOptions): FastifyInstance {
  const app = buildDataverseApp(dataverse);
  const origin = (host: string | undefined): string => `http://${host ?? "127.0.0.1"}`;
  // Each resx file as it ships (the form script's RESX web resources; the control's resources): parsed once.
  const strings = new Map(availableLanguages().map((lcid) => [lcid, parseResx(readFileSync(resxPath(lcid), "utf8"))]));

  app.get("/", (_request, reply) => reply.header("content-type", "text/html; charset=utf-8").send(PAGE));
  app.get("/workbench/host.html", (_request, reply) =>
    reply.header("content-type", "text/html; charset=utf-8").send(hostPageHtml("/workbench/static/")),
  );
  // Browsers ask for one; the page has none.
  app.get("/favicon.ico", (_request, reply) => reply.code(204).send());

  app.get<{ Params: { file: string } }>("/workbench/static/:file", (request, reply) => {
    const relative = PAGE_FILES[request.params.file];
    if (!relative) return json(reply, 404, { error: { code: "workbench", message: `No page file "${request.params.file}".` } });
    const path = join(root, relative);
    if (!existsSync(path))
      return json(reply, 503, { error: { code: "workbench", message: `${relative} is not built: run npm run build.` } });
    return reply
      .header("content-type", "application/javascript; charset=utf-8")
      .header("cache-control", "no-cache")
      .send(readFileSync(path));
  });

  app.get<{ Params: { lcid: string } }>("/workbench/strings/:lcid.json", (request, reply) => {
    const found = strings.get(Number(request.params.lcid));
    return found
      ? json(reply, 200, found)
      : json(reply, 404, { error: { code: "workbench", message: `No strings for language ${request.params.lcid}.` } });
  });

  const refused = (reply: FastifyReply, error: unknown): FastifyReply => {
    if (error instanceof PlatformError) return json(reply, 400, { error: { code: "platform", message: error.message } });
    throw error;
  };

  app.get<{ Querystring: { conversationId?: string } }>("/workbench/api/platform/moves", async (request, reply) => {
    try {
      return json(reply, 200, await platformMoves(dataverse, String(request.query.conversationId ?? ""), origin(request.headers.host)));
    } catch (error) {
      return refused(reply, error);
    }
  });

  app.post("/workbench/api/platform/moves", async (request, reply) => {
    try {
      const { conversationId, trigger, to } = bodyOf(request.body);
      await makePlatformMove(dataverse, String(conversationId), String(trigger), Number(to), origin(request.headers.host));
      return json(reply, 200, { ok: true });
    } catch (error) {
      return refused(reply, error instanceof SyntaxError ? new PlatformError(`The body is not JSON: ${error.message}`) : error);
    }
  });

  app.post("/workbench/api/platform/conversations", async (request, reply) => {
    try {
      const { kind } = bodyOf(request.body);
      return json(reply, 201, { id: await newConversation(dataverse, String(kind), origin(request.headers.host)) });
    } catch (error) {
      return refused(reply, error instanceof SyntaxError ? new PlatformError(`The body is not JSON: ${error.message}`) : error);
    }
  });
  return app;
}
