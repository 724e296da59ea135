/**
 * Which open conversations are stuck: past the documented automatic move for their channel and
 * status (PLATFORM.md §3, timeouts.ts), or past --older-than. The platform's scheduler runs every
 * 5 minutes on modifiedon: one run finds a conversation past its limit eligible, the next closes it
 * (Microsoft Learn, *Close conversations automatically*). So with the documented limits a
 * conversation is listed once both its time in status (msdyn_statusupdatedon) and its time since
 * modifiedon are past the limit by more than two runs: the platform had its chance and did not act.
 * Pure.
 */
import {
  AUTO_CLOSE_CHECK_INTERVAL_MS,
  TIMEOUTS,
  automaticMoveOf,
  channelKindOf,
  channelValuesOf,
  parseConversationMode,
  statusOf,
  type ChannelKind,
  type ConversationModeName,
  State,
  type StatusValue,
  type Timeout,
  type WrapUpBlock,
} from "../lifecycle";
import type { Row } from "../webapi/client";
import { WebApiError } from "../webapi/errors";
import { isGuid, quoteForMessage } from "../webapi/guid";
import { CONVERSATION_SET, Conversation, WORKSTREAM_SET, Workstream, formatted } from "./columns";
import { odataString } from "../webapi/paths";

/** Eligible on one run, closed on the next: up to two check intervals past the limit is still on time. */
export const SCHEDULER_GRACE_MS = 2 * AUTO_CLOSE_CHECK_INTERVAL_MS;

export interface Reference {
  readonly id: string;
  readonly name: string | null;
}

export interface OpenConversation {
  readonly id: string;
  /** @odata.etag as listed: the close sends it as If-Match. */
  readonly etag: string;
  readonly status: number;
  readonly channelValues: readonly number[];
  readonly channelKind: ChannelKind;
  readonly channelName: string | null;
  readonly statusUpdatedOnMs?: number;
  readonly modifiedOnMs?: number;
  readonly agent: Reference | null;
  readonly workstream: Reference | null;
  readonly queue: Reference | null;
}

export interface StuckFilters {
  /** An msdyn_channel value the conversation must carry. */
  readonly channel?: number;
  readonly status?: number;
  readonly queueId?: string;
}

export interface StuckOptions extends StuckFilters {
  readonly now: number;
  /** Instead of the documented limits: any time in status longer than this. */
  readonly olderThanMs?: number;
  readonly block: WrapUpBlock;
}

export interface Stuck {
  readonly conversation: OpenConversation;
  readonly timeInStatusMs: number;
  readonly limitMs: number;
  readonly overdueMs: number;
  /** The documented move that did not happen (absent with --older-than). */
  readonly expected?: Timeout;
}

export interface Selection {
  readonly stuck: Stuck[];
  /** Open conversations no documented limit applies to, by reason (counted, not listed). */
  readonly skipped: Record<string, number>;
}

/** The listing: open conversations only (statecode filtered by Dataverse), just the columns needed. */
export function openConversationsPath(filters: StuckFilters): string {
  const select = [
    Conversation.id,
    Conversation.status,
    Conversation.channel,
    Conversation.statusUpdatedOn,
    Conversation.modifiedOn,
    Conversation.agent,
    Conversation.workstream,
    Conversation.queue,
  ].join(",");
  const clauses = [`${Conversation.state} eq ${State.Open}`];
  if (filters.status !== undefined) clauses.push(`${Conversation.status} eq ${filters.status}`);
  if (filters.queueId !== undefined) clauses.push(`${Conversation.queue} eq ${filters.queueId}`);
  return `${CONVERSATION_SET}?$select=${select}&$filter=${clauses.join(" and ")}`;
}

export const WORKSTREAMS_PATH = `${WORKSTREAM_SET}?$select=${Workstream.id},${Workstream.name},${Workstream.conversationMode}`;
export const queueByNamePath = (name: string) => `queues?$select=queueid,name&$filter=name eq ${odataString(name)}`;

const dateMs = (value: unknown): number | undefined => {
  const ms = typeof value === "string" ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
};

function reference(row: Row, column: string): Reference | null {
  const id = row[column];
  return isGuid(id) ? { id: id.toLowerCase(), name: formatted(row, column) ?? null } : null;
}

/** One listed row, checked: an id that is not a GUID never reaches a PATCH. */
export function openConversationOf(row: Row, modes: ReadonlyMap<string, ConversationModeName>): OpenConversation {
  const id = row[Conversation.id];
  if (!isGuid(id))
    throw new WebApiError("bad-answer", `GET ${CONVERSATION_SET}: a row's ${Conversation.id} ${quoteForMessage(id)} is not a GUID.`);
  const etag = row["@odata.etag"];
  if (typeof etag !== "string" || etag === "")
    throw new WebApiError(
      "bad-answer",
      `GET ${CONVERSATION_SET}: conversation ${id} came without an @odata.etag, so it could not be closed safely.`,
    );
  const workstream = reference(row, Conversation.workstream);
  const values = channelValuesOf(row[Conversation.channel]);
  const channel = channelKindOf(values, (workstream && modes.get(workstream.id)) ?? "live");
  return {
    id: id.toLowerCase(),
    etag,
    status: Number(row[Conversation.status]),
    channelValues: values,
    channelKind: channel.kind,
    channelName: channel.channel?.name ?? null,
    statusUpdatedOnMs: dateMs(row[Conversation.statusUpdatedOn]),
    modifiedOnMs: dateMs(row[Conversation.modifiedOn]),
    agent: reference(row, Conversation.agent),
    workstream,
    queue: reference(row, Conversation.queue),
  };
}

/** Workstream id → conversation mode (persistent chat turns a live-chat channel into persistent chat). */
export function modesOf(workstreams: readonly Row[]): Map<string, ConversationModeName> {
  const modes = new Map<string, ConversationModeName>();
  for (const row of workstreams) {
    const id = row[Workstream.id];
    const mode = parseConversationMode(row[Workstream.conversationMode]);
    if (isGuid(id) && mode) modes.set(id.toLowerCase(), mode);
  }
  return modes;
}

function skipReason(conversation: OpenConversation): string {
  if (conversation.channelKind === "unknown") return "channel not known to the model";
  const timeout = TIMEOUTS.find((t) => t.channel === conversation.channelKind && t.from === conversation.status);
  if (timeout?.after.kind === "setting")
    return `${statusOf(conversation.status)?.name ?? conversation.status} ${conversation.channelKind}: closes per ${timeout.after.setting} (unit not documented)`;
  return `${statusOf(conversation.status)?.name ?? conversation.status} ${conversation.channelKind}: no documented automatic closure`;
}

export function selectStuck(conversations: readonly OpenConversation[], options: StuckOptions): Selection {
  const stuck: Stuck[] = [];
  const skipped: Record<string, number> = {};
  for (const conversation of conversations) {
    if (options.channel !== undefined && !conversation.channelValues.includes(options.channel)) continue;
    if (options.status !== undefined && conversation.status !== options.status) continue;
    if (options.queueId !== undefined && conversation.queue?.id !== options.queueId) continue;
    const statusSince = conversation.statusUpdatedOnMs ?? conversation.modifiedOnMs;
    if (statusSince === undefined) {
      skipped["no msdyn_statusupdatedon or modifiedon"] = (skipped["no msdyn_statusupdatedon or modifiedon"] ?? 0) + 1;
      continue;
    }
    const timeInStatusMs = options.now - statusSince;
    if (options.olderThanMs !== undefined) {
      if (timeInStatusMs > options.olderThanMs)
        stuck.push({ conversation, timeInStatusMs, limitMs: options.olderThanMs, overdueMs: timeInStatusMs - options.olderThanMs });
      continue;
    }
    const move =
      conversation.channelKind === "unknown"
        ? undefined
        : automaticMoveOf(conversation.channelKind, conversation.status as StatusValue, options.block);
    if (!move || move.afterMs === undefined) {
      const reason = skipReason(conversation);
      skipped[reason] = (skipped[reason] ?? 0) + 1;
      continue;
    }
    // The scheduler's own clock: modifiedon (never earlier than the status change).
    const sinceModifiedMs = options.now - (conversation.modifiedOnMs ?? statusSince);
    const elapsed = Math.min(timeInStatusMs, sinceModifiedMs);
    if (elapsed > move.afterMs + SCHEDULER_GRACE_MS)
      stuck.push({ conversation, timeInStatusMs, limitMs: move.afterMs, overdueMs: elapsed - move.afterMs, expected: move.timeout });
  }
  stuck.sort((a, b) => b.overdueMs - a.overdueMs || a.conversation.id.localeCompare(b.conversation.id));
  return { stuck, skipped };
}
