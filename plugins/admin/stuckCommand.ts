/**
 * conversation-state stuck --env <url>: lists open conversations past their documented automatic
 * closure (or --older-than), and with --close --yes closes them as an admin. The requests are here;
 * the selection (stuck.ts), the close (close.ts) and the output (stuckOutput.ts) are apart.
 */
import { parseArgs } from "node:util";
import { CHANNELS, STATUSES, parseChannel, parseStatus } from "../lifecycle";
import { FORMATTED_VALUES, MAX_PAGE_SIZE, type Row, type WebApiClient } from "../webapi/client";
import { parseGuidInput } from "../webapi/guid";
import { notAChannel } from "../channelOption";
import { COMMON_HELP, COMMON_OPTIONS, parseCommon, parseDuration, usage } from "./args";
import { CLOSE_BODY, DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, closeAll, tallyOf } from "./close";
import { CONVERSATION_SET } from "./columns";
import { AdminError, fail } from "./errors";
import { requestTally } from "./format";
import { progressFor } from "./progress";
import { clientFor, nowOf, openSession, type AdminIo } from "./session";
import {
  WORKSTREAMS_PATH,
  modesOf,
  openConversationOf,
  openConversationsPath,
  queueByNamePath,
  selectStuck,
  type StuckFilters,
} from "./stuck";
import { printStuck, type StuckReport } from "./stuckOutput";

const OPEN_STATUSES = STATUSES.filter((s) => !s.terminal && !s.internal);

export const STUCK_HELP = `conversation-state stuck: find, and optionally close, conversations stuck open

Usage:
  conversation-state stuck --env <url> [filters] [--older-than <duration>] [--json | --csv]
  conversation-state stuck --env <url> [filters] --close [--yes] [--batch-size <n>]

Lists open conversations (statecode Open) whose time in status is past the documented automatic
closure for their channel and status (Microsoft's defaults, e.g. live chat Open 20 minutes, voice
Wrap-up 1 day), by more than the platform scheduler's two 5-minute runs on modifiedon, with how
long each is overdue, its channel, agent, workstream and queue. Statuses with no documented
duration (Waiting, records, live chat Active) are counted, not listed: use --older-than for them,
and also when your environment changed the defaults (the Channel State Configuration table).

Filters:
  --channel <channel>    An msdyn_channel value or name: ${CHANNELS.map((c) => c.name).join(", ")}.
  --status <status>      ${OPEN_STATUSES.map((s) => s.name).join(", ")} (or the statuscode value).
  --queue <queue>        The queue's id, or its exact name (looked up in queues).
  --older-than <d>       Instead of the documented limits: any conversation in its status longer
                         than this (90s, 30m, 2h, 7d).

Closing:
  --close                Close the listed conversations: statuscode Closed (statecode Closed) with
                         msdyn_statuschangereason ${CLOSE_BODY.msdyn_statuschangereason} (ClosedInDataverseDirectlyByAdmin). A dry run
                         (prints what it would send) until --yes is added.
  --yes                  Really close them. Each PATCH carries If-Match the etag the conversation
                         was listed with: one that changed since is skipped (412), never touched.
  --batch-size <n>       Conversations closed at once (default ${DEFAULT_BATCH_SIZE}, at most ${MAX_BATCH_SIZE}). A progress bar
                         shows on stderr when it is a terminal; otherwise one line per batch.
                         Throttling (429) waits as Retry-After says, for every request.
  Microsoft advises against changing a conversation's status by hand: use --close for conversations
  the platform failed to close, and see docs/operations.md first (the webhook's OPERATOR_USER_IDS).

Options:
${COMMON_HELP}

Exit status: 0 listed (or all closed), 1 Dataverse / network / Entra ID refused, or some closes
did not succeed (the summary says which and why), 2 usage error.

Examples:
  conversation-state stuck --env https://contoso.crm.dynamics.com --channel voice --status waiting --older-than 2h
  conversation-state stuck --env https://contoso.crm.dynamics.com --close --yes
`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  channel: { type: "string" },
  status: { type: "string" },
  queue: { type: "string" },
  "older-than": { type: "string" },
  close: { type: "boolean", default: false },
  yes: { type: "boolean", default: false },
  "batch-size": { type: "string" },
} as const;

function parseChannelFilter(input: string | undefined): number | undefined {
  if (input === undefined) return undefined;
  const channel = parseChannel(input);
  if (!channel) throw usage(notAChannel(input));
  return "unknownValue" in channel ? channel.unknownValue : channel.value;
}

function parseStatusFilter(input: string | undefined): number | undefined {
  if (input === undefined) return undefined;
  const status = parseStatus(input);
  if (!status || status.terminal || status.internal)
    throw usage(`--status "${input}" is not an open status reason. Use one of: ${OPEN_STATUSES.map((s) => s.name).join(", ")}.`);
  return status.value;
}

function parseBatchSize(input: string | undefined): number {
  if (input === undefined) return DEFAULT_BATCH_SIZE;
  const size = Number(input);
  if (!/^\d+$/.test(input) || size < 1 || size > MAX_BATCH_SIZE)
    throw usage(`--batch-size "${input}" is not a whole number from 1 to ${MAX_BATCH_SIZE}.`);
  return size;
}

async function queueIdOf(client: WebApiClient, input: string | undefined): Promise<string | undefined> {
  if (input === undefined) return undefined;
  const id = parseGuidInput(input);
  if (id) return id;
  const queues = await client.list(queueByNamePath(input.trim()));
  if (queues.length === 1 && parseGuidInput(String(queues[0].queueid))) return parseGuidInput(String(queues[0].queueid));
  throw usage(
    queues.length === 0
      ? `--queue "${input}": no queue has that name; give its exact name or its id (queueid).`
      : `--queue "${input}": ${queues.length} queues have that name; give the id (queueid) of the one you mean.`,
  );
}

export async function runStuck(argv: readonly string[], io: AdminIo): Promise<number> {
  const session = openSession(io);
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true });
    } catch (error) {
      throw usage((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      session.out(STUCK_HELP);
      return 0;
    }
    if (positionals.length > 0) throw usage(`Unexpected argument "${positionals[0]}": stuck takes flags only.`);
    const flags = parseCommon(values);
    const olderThanMs = parseDuration("older-than", values["older-than"]);
    const channel = parseChannelFilter(values.channel);
    const status = parseStatusFilter(values.status);
    const batchSize = parseBatchSize(values["batch-size"]);
    if (values.yes && !values.close) throw usage("--yes confirms --close; without --close there is nothing to confirm.");

    const client = clientFor(flags, io, session);
    const filters: StuckFilters = { channel, status, queueId: await queueIdOf(client, values.queue) };
    const rows: Row[] = [];
    let pages = 0;
    for await (const page of client.pages(openConversationsPath(filters), { pageSize: MAX_PAGE_SIZE, prefer: [FORMATTED_VALUES] })) {
      rows.push(...page);
      pages++;
    }
    const now = nowOf(flags, client, io);
    // The workstreams' conversation mode matters only to chats (live or persistent): read them only then.
    const chats = rows.some((row) => openConversationOf(row, new Map()).channelKind === "live-chat");
    const modes = chats ? modesOf(await client.all(WORKSTREAMS_PATH, { pageSize: MAX_PAGE_SIZE })) : new Map();
    const conversations = rows.map((row) => openConversationOf(row, modes));
    const selection = selectStuck(conversations, { ...filters, now, olderThanMs, block: flags.block });
    const report: StuckReport = {
      selection,
      scanned: rows.length,
      now,
      olderThanMs,
      block: flags.block,
      requests: client.stats.requests,
      pages,
    };

    if (!values.close || selection.stuck.length === 0) {
      printStuck(report, flags.format, session.out);
      if (values.close) session.err("Nothing to close.\n");
      if (flags.verbose) session.err(requestTally(client.stats));
      return 0;
    }
    if (!values.yes) {
      printStuck(report, flags.format, session.out);
      session.err(
        [
          `Dry run: --close would send ${selection.stuck.length} PATCH ${CONVERSATION_SET}(<id>) with If-Match <the listed etag> and`,
          `  ${JSON.stringify(CLOSE_BODY)}`,
          `in batches of ${batchSize}. Nothing was changed. Add --yes to close them (read docs/operations.md first:`,
          "  the admin must be in the webhook's OPERATOR_USER_IDS, or the webhook may refuse some closes).",
          "",
        ].join("\n"),
      );
      return 0;
    }
    const stuck = selection.stuck.map((s) => s.conversation);
    const outcomes = await closeAll(client, stuck, batchSize, progressFor(stuck.length, session.err, io.progressStream));
    const done = { ...report, requests: client.stats.requests, outcomes };
    printStuck(done, flags.format, session.out);
    if (flags.verbose) session.err(requestTally(client.stats));
    const tally = tallyOf(outcomes);
    if (tally.closed === outcomes.length) return 0;
    const error = new AdminError(
      "close-incomplete",
      `${outcomes.length - tally.closed} of ${outcomes.length} conversations were not closed (${tally.changed} changed since listed, ${tally.refused} refused, ${tally.failed} failed${tally["not-tried"] ? `, ${tally["not-tried"]} not tried` : ""}).`,
    );
    return fail(error, session.err);
  } catch (error) {
    return fail(error, session.err);
  }
}
