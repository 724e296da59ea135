/** Plain-text pieces the admin commands print: durations, aligned columns, CSV. */
import { stringify } from "csv-stringify/sync";

const UNITS: readonly [string, number][] = [
  ["d", 86_400_000],
  ["h", 3_600_000],
  ["m", 60_000],
  ["s", 1000],
];

/** 3_723_000 → "1h 2m 3s": the units that are not zero; past a day only the two largest ("3d 4h"); "0s" for none. */
export function formatDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms / 1000)) * 1000;
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count}${unit}`);
  }
  if (parts.length === 0) return "0s";
  return (ms >= UNITS[0][1] ? parts.slice(0, 2) : parts).join(" ");
}

/** "1 request", "2 requests": a count with its noun (plural given when it is not noun + "s"). */
export const count = (n: number, noun: string, plural = `${noun}s`) => `${n} ${n === 1 ? noun : plural}`;

/** The --verbose closing line: every request sent, and how many were sent again after a 429. */
export const requestTally = (stats: { requests: number; retries: number }) =>
  `${count(stats.requests, "request")} (${count(stats.retries, "retry", "retries")} after 429)\n`;

/** Control characters (line breaks, terminal escapes) from free text such as a user's name, shown as spaces. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");

/** Aligned columns, two spaces apart, trailing spaces trimmed; a dashed rule under the header. */
export function renderColumns(header: readonly string[], raw: readonly (readonly string[])[]): string {
  const rows = raw.map((row) => row.map((cell) => oneLine(cell ?? "")));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (cell ?? "").padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}

export type CsvCell = string | number | boolean | null | undefined;

/**
 * RFC 4180 CSV through csv-stringify: fields with commas, quotes or line breaks are quoted (quotes
 * doubled); a field starting with = + - @ gets a leading ' so a spreadsheet never runs it as a formula
 * (a user's display name is free text).
 */
export function toCsv(columns: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const cells = rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? "" : String(cell))));
  return stringify(cells, { header: true, columns: [...columns], escape_formulas: true });
}
