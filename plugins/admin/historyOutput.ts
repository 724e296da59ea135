/**
 * history's three outputs from one report: a readable table, one JSON object with stable field names
 * (steps: { from, to, at, by, reason, verdict: { allowed, reason } } first, statuses as statuscode
 * values, `at` ISO 8601; timeInStatus in seconds by status name; capacitySeconds), and CSV, one row
 * per step. Pure but for the English verdict texts, read once from the resx files.
 */
import {
  CHANNEL_LABELS,
  STATUSES,
  formatVerdict,
  statusChangeReasonOf,
  statusOf,
  type ChannelKind,
  type StatusName,
  type WrapUpBlock,
} from "../lifecycle";
import { loadStrings } from "../strings/resx";
import type { OutputFormat } from "./args";
import { CALLER_SETTINGS } from "./callers";
import { formatDuration, oneLine, renderColumns, toCsv } from "./format";
import type { Replay, Step } from "./replay";

export interface AuditingState {
  readonly organization: boolean | null;
  readonly table: boolean | null;
  readonly column: boolean | null;
}

export interface HistoryReport {
  readonly conversation: {
    readonly id: string;
    readonly status: number | null;
    readonly statusName: StatusName | null;
    readonly channel: { readonly values: number[]; readonly kind: ChannelKind; readonly name: string | null };
    readonly workstream: {
      readonly id: string;
      readonly name: string | null;
      readonly mode: string;
      readonly blockCapacityForWrapUp: unknown;
    } | null;
  };
  readonly replay: Replay;
  readonly block: WrapUpBlock;
  readonly blockFromFlag: boolean;
  readonly auditing: AuditingState;
  readonly notes: readonly string[];
  readonly requests: number;
}

let english: Record<string, string> | undefined;
const strings = (key: string) => (english ??= loadStrings(1033))[key];

const statusName = (value: number | null) => (value === null ? null : (statusOf(value)?.name ?? null));
const reasonName = (value: number | null) => (value === null ? null : (statusChangeReasonOf(value)?.name ?? null));
const seconds = (ms: number) => Math.round(ms / 1000);

export function verdictMessage(step: Step): string {
  if (step.verdict.reason === "operator-close")
    return `An operator closed it with ${reasonName(step.reason)} (${step.reason}): the webhook lets operators listed in ${CALLER_SETTINGS.operators} close from any open status with this reason.`;
  return step.verdict.model ? formatVerdict(step.verdict.model, strings) : step.verdict.reason;
}

export function blockText(block: WrapUpBlock): string {
  return block.mode === "custom" ? `${block.minutes} min` : block.mode;
}

export function historyJson(report: HistoryReport): object {
  const { replay } = report;
  const timeInStatus: Record<string, number> = {};
  for (const [name, ms] of Object.entries(replay.timeInStatusMs)) timeInStatus[name] = seconds(ms);
  return {
    conversation: report.conversation,
    steps: replay.steps.map((step) => ({
      from: step.from,
      to: step.to,
      at: step.at,
      by: step.by,
      reason: step.reason,
      verdict: {
        allowed: step.verdict.allowed,
        reason: step.verdict.reason,
        ...(step.verdict.rule ? { rule: step.verdict.rule } : {}),
        message: verdictMessage(step),
      },
      fromName: statusName(step.from),
      toName: statusName(step.to),
      byName: step.byName,
      callingUser: step.callingUser,
      caller: step.caller,
      reasonName: reasonName(step.reason),
      auditId: step.auditId,
    })),
    timeInStatus,
    capacitySeconds: seconds(replay.capacityMs),
    until: new Date(replay.untilMs).toISOString(),
    wrapUpBlock: { ...report.block, source: report.blockFromFlag ? "--wrap-up-block" : "default" },
    auditing: report.auditing,
    notes: report.notes,
    requests: report.requests,
  };
}

/** One row per step; seconds_in_to_status is how long the conversation then stayed in `to`. */
export function historyCsv(report: HistoryReport): string {
  const { steps, stints } = report.replay;
  const columns = [
    "step",
    "at",
    "from",
    "to",
    "from_name",
    "to_name",
    "by",
    "by_name",
    "caller",
    "reason",
    "reason_name",
    "allowed",
    "verdict_reason",
    "rule",
    "message",
    "seconds_in_to_status",
    "capacity_seconds",
  ];
  const rows = steps.map((step, index) => {
    const stint = stints.find((s) => s.fromMs === step.atMs && s.status === step.to);
    return [
      index + 1,
      step.at,
      step.from,
      step.to,
      statusName(step.from),
      statusName(step.to),
      step.by,
      step.byName,
      step.caller,
      step.reason,
      reasonName(step.reason),
      String(step.verdict.allowed),
      step.verdict.reason,
      step.verdict.rule,
      verdictMessage(step),
      stint ? seconds(stint.toMs - stint.fromMs) : 0,
      stint ? seconds(stint.capacityMs) : 0,
    ];
  });
  return toCsv(columns, rows);
}

export function historyTable(report: HistoryReport): string {
  const { conversation: c, replay } = report;
  const label = (value: number | null) => (value === null ? "(created)" : (statusOf(value)?.label ?? String(value)));
  const ws = c.workstream
    ? `, workstream ${c.workstream.name ? `"${oneLine(c.workstream.name)}"` : c.workstream.id} (${c.workstream.mode})`
    : "";
  const channel = c.channel.values.map((v) => CHANNEL_LABELS[v] ?? String(v)).join(" + ") || "no channel";
  const out: string[] = [
    `Conversation ${c.id}: ${channel} (${c.channel.kind})${ws}; now ${c.status === null ? "unknown" : label(c.status)}.`,
    `${replay.steps.length} audited status change${replay.steps.length === 1 ? "" : "s"}, replayed through the lifecycle model.`,
    "",
  ];
  if (replay.steps.length > 0) {
    const rows = replay.steps.map((step, index) => [
      String(index + 1),
      step.at,
      label(step.from),
      label(step.to),
      `${step.byName ?? step.by ?? "?"} (${step.caller})`,
      step.reason === null ? "—" : `${reasonName(step.reason) ?? "unknown"} (${step.reason})`,
      step.verdict.allowed
        ? step.verdict.reason === "allowed"
          ? "allowed"
          : `allowed (${step.verdict.reason})`
        : `DENIED (${step.verdict.reason})`,
    ]);
    out.push(renderColumns(["#", "at (UTC)", "from", "to", "by (caller)", "msdyn_statuschangereason", "verdict"], rows).trimEnd());
    const denied = replay.steps.map((step, index) => ({ step, index })).filter(({ step }) => !step.verdict.allowed);
    for (const { step, index } of denied) out.push(`  step ${index + 1}: ${verdictMessage(step)}`);
    out.push("");
  }
  const times = Object.entries(replay.timeInStatusMs).map(
    ([name, ms]) => `${STATUSES.find((s) => s.name === name)?.label ?? name} ${formatDuration(ms)}`,
  );
  const until = new Date(replay.untilMs).toISOString();
  out.push(`Time in status (until ${until}): ${times.join(", ")}.`);
  const raw = c.workstream?.blockCapacityForWrapUp;
  const source = report.blockFromFlag
    ? "from --wrap-up-block"
    : `the default; the workstream's msdyn_blockcapacityforwrapup is ${raw === null || raw === undefined ? "not set" : JSON.stringify(raw)}, whose encoding of Always and Don't block is not documented: pass --wrap-up-block to say what it means`;
  out.push(`Capacity time: ${formatDuration(replay.capacityMs)} (Active, plus Wrap-up blocked: ${blockText(report.block)}, ${source}).`);
  if (report.notes.length > 0) out.push("", "Notes:", ...report.notes.map((n) => `  - ${n}`));
  return out.join("\n") + "\n";
}

export function printHistory(report: HistoryReport, format: OutputFormat, out: (text: string) => void): void {
  if (format === "json") out(`${JSON.stringify(historyJson(report), null, 2)}\n`);
  else if (format === "csv") out(historyCsv(report));
  else out(historyTable(report));
}
