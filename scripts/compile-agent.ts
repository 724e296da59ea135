/**
 * Compiles the lifecycle model into the compact tables that browser bundles read:
 * - plugins/lifecycle/agent.generated.ts (the form script): every verdict an agent can get, and the
 *   moves an agent can make, for every channel kind;
 * - plugins/lifecycle/agentView.generated.ts (the control): the status rows, how channel values decide
 *   the kind, the moves the control offers and, for each one denied, its sentence as resx keys.
 * `npm run compile:lifecycle` writes both; a test fails when a committed file differs from what this
 * renders, and others check that the tables answer exactly as the model does.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  ALL_CHANNEL_KINDS,
  CHANNELS,
  REASON_CODES,
  STATES,
  STATUSES,
  channelKindOf,
  evaluate,
  reachableStatuses,
  verdictValues,
  type ChannelFamily,
  type Verdict,
} from "../plugins/lifecycle";
import { loadStrings, projectRoot } from "../plugins/strings/resx";

const HEADER = "// Generated from plugins/lifecycle by `npm run compile:lifecycle`. Do not edit: a test fails when it is stale.";
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
        const rest = Object.fromEntries(
          Object.entries(verdict.params).filter(([key]) => key !== "from" && key !== "to" && key !== "channel"),
        );
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
    HEADER,
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
    `export const CELLS =\n${text
      .match(/.{1,98}/g)!
      .map((line) => `  "${line}"`)
      .join(" +\n")};`,
    "",
    "/** The statuses an agent can move to, per channel kind × from, in transition-table order. */",
    `export const MOVES: readonly string[] = ${JSON.stringify(moves)};`,
    "",
  ].join("\n");
}

const placeholders = (text: string | undefined): string[] => [...(text ?? "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
// Resx keys as verdictValues asks for them (⟦key⟧), so a sentence compiles to keys instead of text.
const marker = (key: string): string => `⟦${key}⟧`;
const SEPARATOR = marker("list.separator");

/**
 * A denied move's sentence as resx keys: [message key, { value name: a key, or several separated by
 * spaces (a list) }]. Only the values the English templates reach are kept, each after the ones its
 * own text names; from, to and channel are left out: the reader puts them first.
 */
function whyOf(verdict: Verdict, english: Readonly<Record<string, string>>): [string, Record<string, string>] {
  const values = verdictValues(verdict.params, marker);
  const seen = new Set(["from", "to", "channel"]);
  const compiled: [string, string][] = [];
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const keys = (values[name] ?? "").split(SEPARATOR).map((item) => /^⟦([^⟦⟧]+)⟧$/.exec(item)?.[1]);
    if (keys.some((key) => key === undefined))
      throw new Error(`${verdict.messageKey}: {${name}} is ${JSON.stringify(values[name])}, not resx keys; the control can't show it.`);
    for (const key of keys) placeholders(english[key as string]).forEach(visit);
    compiled.push([name, keys.join(" ")]);
  };
  placeholders(english[verdict.messageKey]).forEach(visit);
  return [verdict.messageKey, Object.fromEntries(compiled)];
}

export function renderAgentViewTable(): string {
  const english = loadStrings(1033);
  STATUSES.forEach((s, i) => {
    if (s.value !== i + 1) throw new Error(`Status reasons must be 1, 2, 3…: ${s.name} is ${s.value}, at position ${i + 1}.`);
  });
  const rows = STATUSES.map((s) => [
    s.name,
    (STATES.find((state) => state.value === s.state) as (typeof STATES)[number]).name,
    s.capacity,
    ...(s.terminal ? [1] : []),
  ]);

  // The families that decide a kind, in the order channelKindOf lets them win over each other.
  const first = (family: ChannelFamily): number => (CHANNELS.find((c) => c.family === family) as (typeof CHANNELS)[number]).value;
  const families = [...new Set(CHANNELS.map((c) => c.family))].filter((f) => channelKindOf([first(f)]).kind !== "unknown");
  families.sort((a, b) => (channelKindOf([first(a), first(b)]).channel?.family === a ? -1 : 1));
  const groups = families.map((f) => CHANNELS.filter((c) => c.family === f).map((c) => c.value));
  const kinds = (["live", "persistent"] as const).map((mode) => families.map((f) => channelKindOf([first(f)], mode).kind));

  const whys: string[] = [];
  const moves = ALL_CHANNEL_KINDS.map((kind) => {
    const row = STATUSES.map((from) =>
      // "unknown" admits every move some channel allows: those are the ones the control can show.
      reachableStatuses(from.value, "unknown", "agent")
        .map((to) => {
          const verdict = evaluate(from.value, to, kind, "agent");
          const why = verdict.allowed ? "" : JSON.stringify(whyOf(verdict, english));
          if (!verdict.allowed && !whys.includes(why)) whys.push(why);
          return `${to}${verdict.allowed ? 0 : (whys.indexOf(why) + 1).toString(36)}`;
        })
        .join(""),
    );
    return `  ${JSON.stringify(kind)}: ${JSON.stringify(row.join("|"))},`;
  });
  if (STATUSES.length > 9 || whys.length > 35)
    throw new Error("The control's move table holds one digit per status and per reason: widen it in compile-agent.ts.");

  return [
    HEADER,
    "// The lifecycle as the agent's control shows it, for its bundle: see agentView.ts.",
    'import type { StatusRow, Why } from "./agentView";',
    "",
    `/** Status reasons ${STATUSES.map((s) => s.value).join(", ")} (value = position + 1): name, state, capacity rule, 1 when final. */`,
    `export const STATUS_ROWS: readonly StatusRow[] = ${JSON.stringify(rows)};`,
    "",
    `/** msdyn_channel values that decide a kind, by family (${families.join(", ")}): the first family a conversation has a value of wins. */`,
    `export const CHANNEL_GROUPS: readonly (readonly number[])[] = ${JSON.stringify(groups)};`,
    "",
    "/** The kind each group decides: [live mode, persistent mode]. */",
    `export const GROUP_KINDS = ${JSON.stringify(kinds)} as const;`,
    "",
    "/**",
    " * Per channel kind, for status reasons 1, 2… separated by |: the moves an agent makes on some channel, in",
    " * transition-table order, as pairs of characters: the target status, then 0 when this kind allows it, else n",
    " * for WHY[n - 1].",
    " */",
    "export const MOVES: Readonly<Record<string, string>> = {",
    ...moves,
    "};",
    "",
    "/** Why a move is denied: the message's resx key, and its other values in filling order, each a resx key or several (a list). */",
    "export const WHY: readonly Why[] = [",
    ...whys.map((why) => `  ${why},`),
    "];",
    "",
  ].join("\n");
}

export const AGENT_TABLE = join(projectRoot(), "plugins/lifecycle/agent.generated.ts");
export const AGENT_VIEW_TABLE = join(projectRoot(), "plugins/lifecycle/agentView.generated.ts");

if (require.main === module) {
  writeFileSync(AGENT_TABLE, renderAgentTable());
  writeFileSync(AGENT_VIEW_TABLE, renderAgentViewTable());
  process.stdout.write(`wrote ${AGENT_TABLE}\nwrote ${AGENT_VIEW_TABLE}\n`);
}
