/**
 * The browser side of the workbench: the pieces a page needs to run the production control and the
 * shipped form script together over a Dataverse Web API. Bundled into out/workbench/host.js; the
 * page reaches them as window.workbenchHost.
 */
import { mountConversation } from "./conversationForm";
import { getEntityMetadata } from "./metadata";
import { request, webApi } from "./webApi";
import { installXrm } from "./xrmGlobal";

(globalThis as unknown as { workbenchHost: unknown }).workbenchHost = { mountConversation, installXrm, request, webApi, getEntityMetadata };
