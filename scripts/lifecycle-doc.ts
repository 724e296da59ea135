/**
 * Generates docs/lifecycle.md from the model. `npm run docs:lifecycle` writes it; a test fails
 * when the committed file differs from what this renders.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  ALL_CHANNEL_KINDS,
  CHANNELS,
  CHANNEL_LABELS,
  CHANNEL_KINDS,
  STATUSES,
  TIMEOUTS,
  TRANSITIONS,
  evaluate,
  provenanceOf,
  formatVerdict,
  statusOf,
  type Transition,
} from "../plugins/lifecycle";
import { loadStrings, projectRoot } from "../plugins/strings/resx";

const label = (value: number): string => statusOf(value)?.label ?? String(value);
const mermaidId = (value: number): string => (statusOf(value)?.name ?? String(value)).replace("-", "");

function duration(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, "d"],
    [3_600_000, "h"],
    [60_000, "min"],
  ];
  for (const [size, unit] of units) if (ms % size === 0) return `${ms / size} ${unit}`;
  return `${ms} ms`;
}

function source(t: Transition): string {
  const { source } = provenanceOf(t);
  return source.doc === "seed" ? `seed, ${source.section}` : `PLATFORM.md ${source.section}`;
}

function diagram(): string[] {
  const edges = new Map<string, Transition[]>();
  for (const t of TRANSITIONS) {
    const key = `${t.from}>${t.to}`;
    edges.set(key, [...(edges.get(key) ?? []), t]);
  }
  const lines = ["```mermaid", "stateDiagram-v2"];
  for (const s of STATUSES.filter((s) => !s.internal)) lines.push(`    ${mermaidId(s.value)}: ${s.label} (${s.value})`);
  lines.push(`    [*] --> ${mermaidId(1)}`);
  for (const group of edges.values()) {
    const triggers = [...new Set(group.map((t) => t.trigger))].join(", ");
    lines.push(`    ${mermaidId(group[0].from)} --> ${mermaidId(group[0].to)}: ${triggers}`);
  }
  lines.push(`    ${mermaidId(4)} --> [*]`, "```");
  return lines;
}

export function renderLifecycleDoc(): string {
  const strings = loadStrings(1033);
  const en = (key: string): string | undefined => strings[key];
  const out: string[] = [
    "# The conversation lifecycle",
    "",
    "<!-- Generated from plugins/lifecycle by `npm run docs:lifecycle`. Do not edit: a test fails when this file is stale. -->",
    "",
    "Every part of the product (control, form script, webhook, CLI) reads this one model. Rows marked *seed* come from",
    "Microsoft's *Understand conversation states* article; rows marked *PLATFORM.md §3* are the documented automatic closures.",
    "",
    "Sources: *seed* is the Microsoft Learn article *Understand conversation states* (Dynamics 365 Customer Service,",
    "Omnichannel). *PLATFORM.md* is the team's checked platform-facts reference (kept beside this repository, not in it); its",
    "§1 and §3 summarise the `msdyn_ocliveworkitem` table reference and the Learn article *Configure automatic closure of",
    "conversations*, which are where to look them up.",
    "",
    "## Status reasons",
    "",
    "| statuscode | name | statecode | capacity | notes |",
    "|---|---|---|---|---|",
    ...STATUSES.map(
      (s) =>
        `| ${s.value} | ${s.label} | ${s.state} | ${s.capacity} | ${[s.internal ? "internal use only" : "", s.terminal ? "terminal" : ""].filter(Boolean).join(", ")} |`,
    ),
    "",
    "Wrap-up capacity follows the workstream's *Block capacity for wrap up*: always, never, or a custom 1–60 minutes.",
    "",
    "## Channel kinds",
    "",
    "| kind | msdyn_channel values |",
    "|---|---|",
    ...CHANNEL_KINDS.map((kind) => {
      const family = kind === "live-chat" || kind === "persistent-chat" ? "chat" : kind;
      const values = CHANNELS.filter((c) => c.family === family)
        .map((c) => `${CHANNEL_LABELS[c.value]} (${c.value})`)
        .join(", ");
      const mode =
        kind === "live-chat"
          ? "; workstream conversation mode Live Chat"
          : kind === "persistent-chat"
            ? "; workstream conversation mode Persistent Chat"
            : "";
      return `| ${kind} | ${values}${mode} |`;
    }),
    "| unknown | any value not listed here: allowed what some known kind allows, so a new channel is never wedged |",
    "",
    `Video, co-browse and screen sharing (${CHANNELS.filter((c) => c.family === "modality")
      .map((c) => c.value)
      .join(
        ", ",
      )}) ride along a chat or voice session and never decide the kind alone. When several primary channels appear, records win, then chat, then messaging, then voice.`,
    "",
    "## Transitions",
    "",
    "| from | to | trigger | actor | channel kinds | source |",
    "|---|---|---|---|---|---|",
    ...TRANSITIONS.map(
      (t) => `| ${label(t.from)} | ${label(t.to)} | ${t.trigger} | ${t.actor} | ${t.channels.join(", ")} | ${source(t)} |`,
    ),
    "",
    "## Diagram",
    "",
    ...diagram(),
    "",
    "## Timeouts",
    "",
    "| channel kind | from | to | trigger | after | source |",
    "|---|---|---|---|---|---|",
    ...TIMEOUTS.map((t) => {
      const after =
        t.after.kind === "fixed"
          ? duration(t.after.ms) + (t.extendedByWrapUpBlock ? " (a longer wrap-up capacity block wins)" : "")
          : t.after.kind === "setting"
            ? `setting: ${t.after.setting}${t.after.defaultMs ? ` (default ${duration(t.after.defaultMs)})` : ""}`
            : "not documented";
      return `| ${t.channel} | ${label(t.from)} | ${label(t.to)} | ${t.trigger} | ${after} | ${t.source} |`;
    }),
    "",
    "Records have no automatic closure: they close only when the record is deleted.",
    "",
    "## What an agent may do, by channel kind",
    "",
    "Each cell is the verdict for a user (agent) changing the status reason from the row to the column.",
    "",
  ];
  const visible = STATUSES.map((s) => s.value);
  for (const kind of ALL_CHANNEL_KINDS) {
    out.push(`### ${kind}`, "", `| from \\ to | ${visible.map(label).join(" | ")} |`, `|---|${visible.map(() => "---").join("|")}|`);
    for (const from of visible) {
      const cells = visible.map((to) => {
        const v = evaluate(from, to, kind, "agent");
        return v.allowed ? (v.reason === "unchanged" ? "·" : "✅") : v.reason;
      });
      out.push(`| ${label(from)} | ${cells.join(" | ")} |`);
    }
    out.push("");
  }
  out.push(
    "## Example denial",
    "",
    "```",
    `$ conversation-state check --from active --to waiting --channel live-chat`,
    formatVerdict(evaluate(2, 3, "live-chat"), en),
    "```",
    "",
  );
  return out.join("\n");
}

export const LIFECYCLE_DOC = join(projectRoot(), "docs/lifecycle.md");

if (require.main === module) {
  writeFileSync(LIFECYCLE_DOC, renderLifecycleDoc());
  process.stdout.write(`wrote ${LIFECYCLE_DOC}\n`);
}
