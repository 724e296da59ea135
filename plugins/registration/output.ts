/** What the command prints: outcomes, the dry-run plan, and the redaction every line goes through. */
import type { RecordedRequest } from "./dryrun";
import type { Outcome } from "./register";
import type { Row } from "../webapi/client";
import { formatRequest as formatAnyRequest } from "../webapi/connect";

/** Columns whose values are secrets and are never printed. */
export const SECRET_COLUMNS: ReadonlySet<string> = new Set(["authvalue"]);

const indent = (text: string, by: string) =>
  text
    .split("\n")
    .map((line) => by + line)
    .join("\n");

export const formatRequest = (request: { method: string; url: string; body?: Row; ifMatch?: string }): string =>
  formatAnyRequest(request, SECRET_COLUMNS);

export function formatPlan(env: string, requests: readonly RecordedRequest[], offlineReason: string | undefined): string {
  const out: string[] = [];
  out.push(`Dry run for ${env}: nothing was written.`);
  if (offlineReason) {
    out.push(`Offline plan (${offlineReason}): message and filter ids are placeholders and every row is assumed missing.`);
  } else {
    out.push("The GETs were sent (read-only); the writes below were not.");
  }
  const writes = requests.filter((r) => r.method !== "GET").length;
  out.push(`${requests.length} requests, ${writes} of them writes.`);
  requests.forEach((request, index) => {
    out.push("");
    const tag = request.sent ? "sent" : "not sent";
    out.push(indent(`${index + 1}. [${tag}] ${formatRequest(request)}`, "").replace(/\n/g, "\n   "));
  });
  return out.join("\n") + "\n";
}

export function formatOutcomes(outcomes: readonly Outcome[]): string {
  const lines = outcomes.map((o) => {
    const changed = o.changed?.length ? ` (${o.changed.join(", ")})` : "";
    // Dry-run ids of rows not yet created are placeholders: not worth repeating here.
    const id = o.id && !o.id.startsWith("<") ? ` ${o.id}` : "";
    const warning = o.warning ? `\n    warning: ${o.warning}` : "";
    return `  ${o.action.padEnd(9)} ${o.kind.padEnd(29)} "${o.name}"${id}${changed}${warning}`;
  });
  return lines.join("\n") + "\n";
}

export function summary(outcomes: readonly Outcome[]): string {
  const count = (action: Outcome["action"]) => outcomes.filter((o) => o.action === action).length;
  const parts = (["created", "updated", "unchanged", "deleted", "absent"] as const)
    .filter((a) => count(a) > 0)
    .map((a) => `${count(a)} ${a}`);
  return parts.join(", ");
}
