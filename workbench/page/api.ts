/**
 * What the workbench page asks its server: the local Dataverse's Web API (through the host's
 * client, as the agent), its /workbench/api controls (clock, audit, the webhook's decisions, events),
 * and the platform simulator's moves, which the server sends with the platform's user agent.
 */
import { request as webApi } from "../host/webApi";

export interface Seed {
  readonly users: { readonly admin: string; readonly agent: string; readonly application: string };
  readonly workstreams: Readonly<Record<string, string>>;
  readonly platformUserAgent: string;
}

export interface Audit {
  readonly auditId: string;
  readonly createdOn: string;
  readonly operation: "Create" | "Update";
  readonly recordId: string;
  readonly userId: string;
  readonly changes: Readonly<Record<string, { readonly old: unknown; readonly new: unknown }>>;
}

export interface Callout {
  readonly id: string;
  readonly at: string;
  readonly message: string;
  readonly recordId: string;
  readonly userId: string;
  readonly userAgent: string;
  readonly change: { readonly from: number | null; readonly to: number | null; readonly state: number | null };
  readonly status: number | null;
  readonly outcome: "passed" | "refused" | "failed";
  /** The webhook's JSON answer: its verdict, reason, caller class and message. */
  readonly response:
    | {
        readonly allowed?: boolean;
        readonly reason?: string;
        readonly message?: string;
        readonly callerClass?: string;
        readonly initiator?: string;
      }
    | string
    | null;
  readonly rolledBack: boolean;
}

export interface Conversation {
  readonly activityid: string;
  readonly subject: string | null;
  readonly statuscode: number;
  readonly msdyn_channel: string | null;
  readonly msdyn_statusupdatedon: string | null;
  readonly createdon: string;
  readonly [annotation: string]: unknown;
}

export interface PlatformMove {
  readonly trigger: string;
  readonly to: number;
}

async function call<T>(method: "GET" | "POST" | "PUT", path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/workbench/api${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json()) as T & { error?: { message?: string } };
  if (!response.ok) throw new Error(answer.error?.message ?? `HTTP ${response.status}`);
  return answer;
}

export const workbench = {
  seed: () => call<Seed>("GET", "/seed"),
  clock: () => call<{ now: string; offsetMs: number }>("GET", "/clock"),
  advance: (advance: string) => call<{ now: string; offsetMs: number }>("POST", "/clock", { advance }),
  audits: (recordId: string) => call<Audit[]>("GET", `/audits?recordId=${encodeURIComponent(recordId)}`),
  callouts: (recordId: string) => call<Callout[]>("GET", `/callouts?recordId=${encodeURIComponent(recordId)}`),
  /** The platform's own moves from the conversation's status now, as the lifecycle lists them. */
  platformMoves: (conversationId: string) =>
    call<PlatformMove[]>("GET", `/platform/moves?conversationId=${encodeURIComponent(conversationId)}`),
  platformMove: (conversationId: string, trigger: string, to: number) =>
    call<{ ok: true }>("POST", "/platform/moves", { conversationId, trigger, to }),
  newConversation: (kind: string) => call<{ id: string }>("POST", "/platform/conversations", { kind }),
  /** An API client's write, as an integration would send it (not through the form). */
  apiWrite: (conversationId: string, statuscode: number) =>
    call<{ ok: boolean; status: number; error?: string }>("POST", "/api-client/write", { conversationId, statuscode }),
};

export const conversations = (): Promise<{ value: Conversation[] }> =>
  webApi(
    `msdyn_ocliveworkitems?$select=activityid,subject,statuscode,msdyn_channel,msdyn_statusupdatedon,createdon&$orderby=createdon desc&$top=50`,
  );
