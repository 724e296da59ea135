/** The transition table as aligned plain text, for the CLI. */
import { provenanceOf, statusOf, type ChannelKind, type Transition } from "./lifecycle";

const name = (value: number): string => statusOf(value)?.name ?? String(value);

function sourceOf(t: Transition): string {
  const { source } = provenanceOf(t);
  return source.doc === "seed" ? `seed: ${source.section}` : `PLATFORM.md ${source.section}`;
}

export function renderTable(rows: readonly Transition[], kind?: ChannelKind): string {
  const header = ["from", "to", "trigger", "actor", "channels", "source"];
  const body = rows.map((t) => [name(t.from), name(t.to), t.trigger, t.actor, t.channels.join(","), sourceOf(t)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  const title = kind === undefined ? `${rows.length} transitions` : `${rows.length} transitions for channel kind "${kind}"`;
  return [title, line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n") + "\n";
}
