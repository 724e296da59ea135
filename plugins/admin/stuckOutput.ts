/** stuck's outputs from one report: a readable table, one JSON object, or CSV (one row per conversation). */
import { CHANNEL_LABELS, statusOf, type WrapUpBlock } from "../lifecycle";
import type { OutputFormat } from "./args";
import type { Outcome } from "./close";
import { count, formatDuration, renderColumns, toCsv } from "./format";
import { blockText } from "./historyOutput";
import { summaryOf } from "./progress";
import { tallyOf } from "./close";
import type { Selection } from "./stuck";

export interface StuckReport {
  readonly selection: Selection;
  readonly scanned: number;
  readonly now: number;
  readonly olderThanMs?: number;
  readonly block: WrapUpBlock;
  readonly requests: number;
  readonly pages: number;
  /** Present after --close --yes. */
  readonly outcomes?: readonly Outcome[];
}

const seconds = (ms: number) => Math.round(ms / 1000);
const label = (status: number) => statusOf(status)?.label ?? String(status);

export function stuckJson(report: StuckReport): object {
  return {
    now: new Date(report.now).toISOString(),
    basis: report.olderThanMs === undefined ? "documented automatic closure" : "--older-than",
    olderThanSeconds: report.olderThanMs === undefined ? null : seconds(report.olderThanMs),
    wrapUpBlock: report.block,
    scanned: report.scanned,
    pages: report.pages,
    requests: report.requests,
    conversations: report.selection.stuck.map((s) => ({
      id: s.conversation.id,
      status: s.conversation.status,
      statusName: statusOf(s.conversation.status)?.name ?? null,
      channel: { values: s.conversation.channelValues, kind: s.conversation.channelKind, name: s.conversation.channelName },
      timeInStatusSeconds: seconds(s.timeInStatusMs),
      limitSeconds: seconds(s.limitMs),
      overdueSeconds: seconds(s.overdueMs),
      expected: s.expected ? { to: s.expected.to, trigger: s.expected.trigger, source: s.expected.source } : null,
      agent: s.conversation.agent,
      workstream: s.conversation.workstream,
      queue: s.conversation.queue,
      etag: s.conversation.etag,
    })),
    skipped: report.selection.skipped,
    ...(report.outcomes ? { close: { ...tallyOf(report.outcomes), outcomes: report.outcomes } } : {}),
  };
}

export function stuckCsv(report: StuckReport): string {
  const columns = [
    "id",
    "status",
    "status_name",
    "channel",
    "channel_kind",
    "time_in_status_seconds",
    "limit_seconds",
    "overdue_seconds",
    "agent_id",
    "agent",
    "workstream_id",
    "workstream",
    "queue_id",
    "queue",
    "close_result",
  ];
  const results = new Map(report.outcomes?.map((o) => [o.id, o.result]));
  const rows = report.selection.stuck.map((s) => {
    const c = s.conversation;
    return [
      c.id,
      c.status,
      statusOf(c.status)?.name,
      c.channelName ?? c.channelValues.join(" "),
      c.channelKind,
      seconds(s.timeInStatusMs),
      seconds(s.limitMs),
      seconds(s.overdueMs),
      c.agent?.id,
      c.agent?.name,
      c.workstream?.id,
      c.workstream?.name,
      c.queue?.id,
      c.queue?.name,
      results.get(c.id),
    ];
  });
  return toCsv(columns, rows);
}

export function stuckTable(report: StuckReport): string {
  const { stuck, skipped } = report.selection;
  const basis =
    report.olderThanMs === undefined
      ? "past the documented automatic closure for their channel and status (by more than the scheduler's two 5-minute runs)"
      : `in their status longer than ${formatDuration(report.olderThanMs)} (--older-than)`;
  const out = [`${stuck.length} of ${report.scanned} open conversations are ${basis}, at ${new Date(report.now).toISOString()}.`];
  if (stuck.length > 0) {
    const rows = stuck.map((s) => {
      const c = s.conversation;
      return [
        c.id,
        label(c.status),
        c.channelValues.map((v) => CHANNEL_LABELS[v] ?? String(v)).join(" + ") || "none",
        formatDuration(s.timeInStatusMs),
        formatDuration(s.limitMs),
        formatDuration(s.overdueMs),
        s.expected ? `→ ${label(s.expected.to)}` : "",
        c.agent?.name ?? c.agent?.id ?? "—",
        c.workstream?.name ?? c.workstream?.id ?? "—",
        c.queue?.name ?? c.queue?.id ?? "—",
      ];
    });
    out.push(
      "",
      renderColumns(
        ["conversation", "status", "channel", "in status", "limit", "overdue", "expected", "agent", "workstream", "queue"],
        rows,
      ).trimEnd(),
    );
  }
  const skips = Object.entries(skipped);
  if (skips.length > 0)
    out.push("", "Not checked (no documented limit; use --older-than to include them):", ...skips.map(([why, n]) => `  ${n} × ${why}`));
  if (report.outcomes) {
    out.push("", `Close: ${summaryOf(tallyOf(report.outcomes))}.`);
    for (const o of report.outcomes) if (o.result !== "closed") out.push(`  ${o.id}: ${o.result}: ${o.message}`);
  }
  out.push(
    "",
    `${count(report.requests, "request")} (${count(report.pages, "page")} of conversations); wrap-up block ${blockText(report.block)}.`,
  );
  return out.join("\n") + "\n";
}

export function printStuck(report: StuckReport, format: OutputFormat, out: (text: string) => void): void {
  if (format === "json") out(`${JSON.stringify(stuckJson(report), null, 2)}\n`);
  else if (format === "csv") out(stuckCsv(report));
  else out(stuckTable(report));
}
