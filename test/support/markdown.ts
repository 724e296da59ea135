/**
 * Reading the docs' markdown the way a reader sees it, so drift tests do not depend on how the
 * formatter pads tables or spaces blocks.
 */

/** Every table row of a document, separator rows left out, each as its trimmed cells. */
export function tableRows(doc: string): string[][] {
  return doc
    .split("\n")
    .filter((line) => line.startsWith("|") && !/^\|[\s:|-]+\|$/.test(line.trim()))
    .map((line) =>
      line
        .trim()
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

/** The rows whose first cell is `first`. */
export const rowsStartingWith = (doc: string, first: string): string[][] => tableRows(doc).filter((row) => row[0] === first);

/** The code block between `<!-- name:begin -->` and `<!-- name:end -->`, or null when the markers are missing. */
export function fencedBlock(doc: string, name: string): string | null {
  const match = new RegExp(`<!-- ${name}:begin -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${name}:end -->`).exec(doc);
  return match ? match[1] : null;
}
