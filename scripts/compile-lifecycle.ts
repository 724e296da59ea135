/**
 * Compiles the lifecycle model into the one table that browser bundles read: every move of the
 * lifecycle and the verdict the model gives an agent for it on each channel kind, with named fields
 * (plugins/lifecycle/agentTable.generated.ts, read by plugins/lifecycle/agent.ts). The control and the
 * form script then carry no transition rows and no decision code. `npm run build` runs this first, so
 * stale rules cannot ship; a test also fails when the committed file differs from what this renders.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { format } from "prettier";
import { ALL_CHANNEL_KINDS, Status, TRANSITIONS, evaluate, type ChannelKind, type StatusValue } from "../plugins/lifecycle";
import type { AgentMove, AgentMoveVerdict } from "../plugins/lifecycle/agent";
import { statusRuling } from "../plugins/lifecycle/statusRuling";
import { projectRoot } from "../plugins/strings/resx";

export const AGENT_TABLE_FILE = join(projectRoot(), "plugins/lifecycle/agentTable.generated.ts");

/**
 * Every move of the lifecycle (a from → to pair some transition makes), in transition-table order, with
 * the verdicts an agent gets on each channel kind, kinds with the same verdict together. Pairs that are
 * no move are decided by the statuses alone (statusRuling) or are "no-such-transition": not listed.
 */
export function agentMoveTable(): AgentMove[] {
  const pairs: [StatusValue, StatusValue][] = [];
  for (const t of TRANSITIONS) if (!pairs.some(([from, to]) => from === t.from && to === t.to)) pairs.push([t.from, t.to]);
  return pairs.map(([from, to]) => {
    if (statusRuling(from, to)) throw new Error(`${from} → ${to} is a transition, yet the statuses alone decide it.`);
    const verdicts: AgentMoveVerdict[] = [];
    for (const channel of ALL_CHANNEL_KINDS) {
      const { reason, params } = evaluate(from, to, channel, "agent");
      // The reader puts back the cell's own from, to and channel.
      const rest = Object.fromEntries(Object.entries(params).filter(([key]) => !["from", "to", "channel"].includes(key)));
      const same = verdicts.find((v) => JSON.stringify([v.reason, v.params]) === JSON.stringify([reason, rest]));
      if (same) (same.channels as ChannelKind[]).push(channel);
      else verdicts.push({ channels: [channel], reason, params: rest });
    }
    return { from, to, verdicts };
  });
}

/** `Status.WrapUp` for 5: the table names its statuses as the model does. */
const statusConstant = (value: StatusValue): string => `Status.${Object.entries(Status).find(([, v]) => v === value)?.[0]}`;

export async function renderAgentTable(): Promise<string> {
  const source = [
    "// Generated from plugins/lifecycle by scripts/compile-lifecycle.ts (`npm run build` runs it). Do not edit.",
    'import type { AgentMove } from "./agent";',
    'import { Status } from "./statuses";',
    "",
    "/** Every move of the lifecycle and the verdict an agent gets for it on each channel kind; read through agent.ts. */",
    `export const AGENT_MOVES: readonly AgentMove[] = [${agentMoveTable()
      .map(
        ({ from, to, verdicts }) => `{ from: ${statusConstant(from)}, to: ${statusConstant(to)}, verdicts: ${JSON.stringify(verdicts)} }`,
      )
      .join(",")}];`,
    "",
  ].join("\n");
  return format(source, { parser: "typescript", printWidth: 140 });
}

/**
 * `node dist/scripts/compile-lifecycle.js [--check] [--file <path>]`: writes the table, or with --check
 * only says whether the file is current (exit 1 when it is stale).
 */
async function main(argv: readonly string[]): Promise<number> {
  const at = argv.indexOf("--file");
  const file = at >= 0 ? argv[at + 1] : AGENT_TABLE_FILE;
  const text = await renderAgentTable();
  if (argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(file, "utf8");
    } catch {
      // A missing file is stale.
    }
    if (current === text) return 0;
    process.stderr.write(
      `[compile-lifecycle] ${file} is stale: the lifecycle model changed. Run \`npm run build\` (or \`npm run compile:lifecycle\`).\n`,
    );
    return 1;
  }
  writeFileSync(file, text);
  process.stdout.write(`[compile-lifecycle] wrote ${file}\n`);
  return 0;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
