/**
 * conversation-state history <conversation id> --env <url>: what happened to a conversation, from
 * Dataverse's audit (PLATFORM.md §10), replayed through the lifecycle model. The requests are here;
 * parsing (audit.ts), the replay (replay.ts) and the output (historyOutput.ts) are pure.
 */
import { parseArgs } from "node:util";
import { channelKindOf, channelValuesOf, parseConversationMode, statusOf } from "../lifecycle";
import { ALL_ANNOTATIONS, FORMATTED_VALUES, MAX_PAGE_SIZE, type Row, type WebApiClient } from "../webapi/client";
import { WebApiError } from "../webapi/errors";
import { isGuid, parseGuidInput } from "../webapi/guid";
import { COMMON_HELP, COMMON_OPTIONS, parseCommon, usage } from "./args";
import { auditDetailsPath, auditEntryOf, auditsPath, mayChangeStatus, statusChangeOf, type StatusChange } from "./audit";
import { CallerListError, callerListsFrom } from "./callers";
import { CONVERSATION_SET, CONVERSATION_TABLE, Conversation, WORKSTREAM_SET, Workstream, formatted } from "./columns";
import { AdminError, AUDIT_PRIVILEGES, fail } from "./errors";
import { requestTally } from "./format";
import { printHistory, type AuditingState, type HistoryReport } from "./historyOutput";
import { replay } from "./replay";
import { clientFor, mapLimit, nowOf, openSession, type AdminIo } from "./session";

export const HISTORY_HELP = `conversation-state history: replay a conversation's audited status changes

Usage:
  conversation-state history <conversation id> --env <url> [--json | --csv] [options]

Reads the conversation's audit trail through the Web API (audits for who and when,
RetrieveAuditDetails for the old and new status reason), replays each change through the
lifecycle model, and prints every step (from, to, when, who, msdyn_statuschangereason, the
verdict and the caller class), then the time in each status and the capacity time (Active, plus
Wrap-up as far as the wrap-up block holds the agent). Auditing must be on for the environment, the
Conversation table and its Status Reason column; the caller needs ${AUDIT_PRIVILEGES}.

Options:
${COMMON_HELP}

Exit status: 0 done, 1 Dataverse / network / Entra ID refused or auditing is off (the message says
what to do), 2 usage error.

Example:
  DATAVERSE_TOKEN=… conversation-state history 5f1c…-… --env https://contoso.crm.dynamics.com --json
`;

/** Details are fetched a few at a time: one request per audit row, without tripping service protection. */
export const DETAIL_CONCURRENCY = 4;

export const conversationPath = (id: string) =>
  `${CONVERSATION_SET}(${id})?$select=${[Conversation.id, Conversation.status, Conversation.state, Conversation.channel, Conversation.statusUpdatedOn, Conversation.createdOn, Conversation.workstream].join(",")}`;
export const workstreamPath = (id: string) =>
  `${WORKSTREAM_SET}(${id})?$select=${[Workstream.name, Workstream.conversationMode, Workstream.blockCapacityForWrapUp].join(",")}`;
/** Configure auditing: the organization's isauditenabled, and IsAuditEnabled of the table and the column. */
export const AUDIT_SETTINGS = {
  organization: "organizations?$select=isauditenabled",
  table: `EntityDefinitions(LogicalName='${CONVERSATION_TABLE}')?$select=IsAuditEnabled`,
  column: `EntityDefinitions(LogicalName='${CONVERSATION_TABLE}')/Attributes(LogicalName='${Conversation.status}')?$select=IsAuditEnabled`,
} as const;

const dateMs = (value: unknown): number | undefined => {
  const ms = typeof value === "string" ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
};

/** A 403 on the audit table is a missing audit privilege, said in those words. */
function auditPrivilege<T>(promise: Promise<T>): Promise<T> {
  return promise.catch((error: unknown) => {
    if (error instanceof WebApiError && error.code === "forbidden")
      throw new AdminError("audit-privilege", `${error.message} The caller may not read the audit history.`);
    throw error;
  });
}

async function readAuditing(client: WebApiClient): Promise<{ state: AuditingState; problem?: string }> {
  const flag = (row: Row, key: string) => {
    const value = row[key];
    if (typeof value === "boolean") return value;
    const managed = (value as { Value?: unknown } | null)?.Value;
    return typeof managed === "boolean" ? managed : null;
  };
  try {
    const [organizations, table, column] = await Promise.all([
      client.list(AUDIT_SETTINGS.organization),
      client.get(AUDIT_SETTINGS.table),
      client.get(AUDIT_SETTINGS.column),
    ]);
    return {
      state: {
        organization: organizations[0] ? flag(organizations[0], "isauditenabled") : null,
        table: flag(table, "IsAuditEnabled"),
        column: flag(column, "IsAuditEnabled"),
      },
    };
  } catch (error) {
    if (!(error instanceof WebApiError)) throw error;
    return { state: { organization: null, table: null, column: null }, problem: error.message };
  }
}

async function readChanges(client: WebApiClient, id: string): Promise<StatusChange[]> {
  const rows = await auditPrivilege(client.all(auditsPath(id), { pageSize: MAX_PAGE_SIZE, prefer: [ALL_ANNOTATIONS] }));
  const entries = rows.map(auditEntryOf).filter(mayChangeStatus);
  const changes = await mapLimit(entries, DETAIL_CONCURRENCY, async (entry) =>
    statusChangeOf(entry, await auditPrivilege(client.get(auditDetailsPath(entry.id), [ALL_ANNOTATIONS]))),
  );
  // Oldest first; a stable sort keeps Dataverse's order within the same second.
  return changes.filter((c): c is StatusChange => c !== undefined).sort((a, b) => a.atMs - b.atMs);
}

export async function runHistory(argv: readonly string[], io: AdminIo): Promise<number> {
  const session = openSession(io);
  try {
    const options = { ...COMMON_OPTIONS } as const;
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
    } catch (error) {
      throw usage((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      session.out(HISTORY_HELP);
      return 0;
    }
    if (positionals.length === 0) throw usage("The conversation id is required: conversation-state history <conversation id> --env <url>.");
    if (positionals.length > 1) throw usage(`Unexpected argument "${positionals[1]}": history takes one conversation id.`);
    const id = parseGuidInput(positionals[0]);
    if (!id)
      throw usage(
        `"${positionals[0]}" is not a conversation id: expected a GUID like 5f1c2d3e-0000-4000-8000-000000000001 (the activityid).`,
      );
    const flags = parseCommon(values);
    let lists;
    try {
      lists = callerListsFrom(io.env);
    } catch (error) {
      if (error instanceof CallerListError) throw usage(error.message);
      throw error;
    }

    const client = clientFor(flags, io, session);
    const row = await client.get(conversationPath(id), [FORMATTED_VALUES]).catch((error: unknown) => {
      if (error instanceof WebApiError && error.code === "not-found")
        throw new AdminError("not-found", `No conversation ${id} in ${flags.env} (${error.message}).`);
      throw error;
    });
    const notes: string[] = [];
    const workstreamId = row[Conversation.workstream];
    let workstream: Row | undefined;
    if (isGuid(workstreamId)) {
      workstream = await client.get(workstreamPath(workstreamId), [FORMATTED_VALUES]).catch((error: unknown) => {
        if (!(error instanceof WebApiError && error.code === "not-found")) throw error;
        notes.push(`The conversation's workstream ${workstreamId} was not found: its chats count as live chat.`);
        return undefined;
      });
    } else if (workstreamId !== null && workstreamId !== undefined) {
      notes.push(`The conversation's workstream id is not a GUID (${JSON.stringify(workstreamId)}); it was not read.`);
    }
    const [auditing, changes] = await Promise.all([readAuditing(client), readChanges(client, id)]);
    const off = (["organization", "table", "column"] as const).filter((level) => auditing.state[level] === false);
    const where = { organization: "the environment", table: "the Conversation table", column: "the Status Reason column" };
    if (off.length > 0 && changes.length === 0)
      throw new AdminError(
        "auditing-off",
        `Auditing is off for ${off.map((l) => where[l]).join(", ")}: the status changes of ${id} were not recorded.`,
      );
    if (off.length > 0)
      notes.push(`Auditing is off now for ${off.map((l) => where[l]).join(", ")}: changes made since it was turned off are missing.`);
    if (auditing.problem) notes.push(`The audit settings could not be read (${auditing.problem}).`);

    const mode = parseConversationMode(workstream?.[Workstream.conversationMode]) ?? "live";
    const channel = channelKindOf(channelValuesOf(row[Conversation.channel]), mode);
    const status = typeof row[Conversation.status] === "number" ? (row[Conversation.status] as number) : undefined;
    const now = nowOf(flags, client, io);
    const result = replay({
      changes,
      channel: channel.kind,
      lists,
      block: flags.block,
      now,
      current: { status, createdOnMs: dateMs(row[Conversation.createdOn]), statusUpdatedOnMs: dateMs(row[Conversation.statusUpdatedOn]) },
    });
    const report: HistoryReport = {
      conversation: {
        id,
        status: status ?? null,
        statusName: status === undefined ? null : (statusOf(status)?.name ?? null),
        channel: { values: [...channelValuesOf(row[Conversation.channel])], kind: channel.kind, name: channel.channel?.name ?? null },
        workstream: isGuid(workstreamId)
          ? {
              id: workstreamId.toLowerCase(),
              name: (workstream?.[Workstream.name] as string | undefined) ?? formatted(row, Conversation.workstream) ?? null,
              mode,
              blockCapacityForWrapUp: workstream?.[Workstream.blockCapacityForWrapUp] ?? null,
            }
          : null,
      },
      replay: result,
      block: flags.block,
      blockFromFlag: flags.blockFromFlag,
      auditing: auditing.state,
      notes: [...notes, ...result.notes],
      requests: client.stats.requests,
    };
    printHistory(report, flags.format, session.out);
    if (flags.verbose) session.err(requestTally(client.stats));
    return 0;
  } catch (error) {
    return fail(error, session.err);
  }
}
