/**
 * Compiles the lifecycle model into the compact table that browser bundles read
 * (plugins/lifecycle/agent.generated.ts): every verdict an agent can get, and the moves an
 * agent can make, for every channel kind. `npm run compile:lifecycle` writes it; a test fails
 * when the committed file differs from what this renders, and another checks that the
 * table answers exactly as the model does.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_CHANNEL_KINDS, REASON_CODES, STATUSES, evaluate, reachableStatuses } from "../plugins/lifecycle";
import { projectRoot } from "../plugins/strings/resx";

const SIDE = STATUSES.length;

export function renderAgentTable(): string {
  const shapes: string[] = [];
  const cells: number[] = [];
  const moves: string[] = [];
  for (const kind of ALL_CHANNEL_KINDS) {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const verdict = evaluate(from.value, to.value, kind, "agent");
        // The cell's own from, to and channel are put back at run time; the rest is shared.
        const rest = Object.fromEntries(Object.entries(verdict.params).filter(([key]) => key !== "from" && key !== "to" && key !== "channel"));
        const shape = JSON.stringify([REASON_CODES.indexOf(verdict.reason), rest]);
        if (!shapes.includes(shape)) shapes.push(shape);
        cells.push(shapes.indexOf(shape));
      }
      moves.push(reachableStatuses(from.value, kind, "agent").join(""));
    }
  }
  // One base-36 digit a cell while the verdicts fit, two beyond.
  const width = shapes.length <= 36 ? 1 : 2;
  const text = cells.map((i) => i.toString(36).padStart(width, "0")).join("");
  return [
    "// Generated from plugins/lifecycle by `npm run compile:lifecycle`. Do not edit: a test fails when it is stale.",
    "// The lifecycle as an agent meets it, for browser bundles: see agent.ts.",
    "",
    `/** Status reasons in the order of the cells (statuscode ${STATUSES.map((s) => s.value).join(", ")}). */`,
    `export const SIDE = ${SIDE};`,
    "",
    "/** Distinct verdicts: [index in REASON_CODES, params other than from, to and channel]. */",
    "export const VERDICTS: readonly (readonly [number, object])[] = [",
    ...shapes.map((shape) => `  ${shape},`),
    "];",
    "",
    "/** Base-36 digits a cell. */",
    `export const WIDTH = ${width};`,
    "",
    `/** WIDTH digits per cell, an index into VERDICTS: channel kind (${ALL_CHANNEL_KINDS.join(", ")}) × from × to. */`,
    `export const CELLS =\n${text.match(/.{1,98}/g)!.map((line) => `  "${line}"`).join(" +\n")};`,
    "",
    "/** The statuses an agent can move to, per channel kind × from, in transition-table order. */",
    `export const MOVES: readonly string[] = ${JSON.stringify(moves)};`,
    "",
  ].join("\n");
}

export const AGENT_TABLE = join(projectRoot(), "plugins/lifecycle/agent.generated.ts");

if (require.main === module) {
  writeFileSync(AGENT_TABLE, renderAgentTable());
  process.stdout.write(`wrote ${AGENT_TABLE}\n`);
}
