/**
 * Paths we accept inside a solution, whether they come from a zip's entries or are about to become
 * files in a folder. A zip is untrusted input: a name could climb out of the target folder, name a
 * drive, hide a NUL, or collide with another name on a case-insensitive file system (Windows, macOS)
 * so that one file silently replaces another. Every such name is refused, with the reason.
 */

/** Why `path` is unsafe, or undefined when it is a plain relative path with forward slashes. */
export function unsafePathReason(path: string): string | undefined {
  if (path === "") return "it is empty";
  if (path.includes("\0")) return "it contains a NUL character";
  // eslint-disable-next-line no-control-regex
  if (/[\u0001-\u001f\u007f]/.test(path)) return "it contains a control character";
  if (path.includes("\\")) return "it contains a backslash (zip paths use forward slashes)";
  if (path.startsWith("/")) return "it is an absolute path";
  if (/^[A-Za-z]:/.test(path)) return "it starts with a drive letter (C:)";
  if (path.includes(":")) return "it contains ':' (a Windows drive or alternate data stream)";
  const parts = path.split("/");
  if (parts.some((part) => part === "..")) return "it has a '..' part that climbs out of the folder";
  if (parts.some((part) => part === "." || part === "")) return "it has an empty or '.' part";
  return undefined;
}

/** Throws when `path` is unsafe; `what` says where the name came from. */
export function checkEntryPath(path: string, what = "Zip entry"): void {
  const reason = unsafePathReason(path);
  if (reason) {
    throw new Error(
      `${what} "${path.replace(/\0/g, "\\0")}" is refused: ${reason}. Entries must be relative paths with forward slashes, without '.', '..', drive letters or control characters. The file was not written; check where it came from.`,
    );
  }
}

/** The key two names share when a case-insensitive file system would treat them as one file. */
const foldKey = (path: string): string => path.normalize("NFC").toLowerCase();

/**
 * Duplicates and collisions among `paths`: the same name twice, two names equal but for case or
 * Unicode normalisation, or a file whose name is also used as a folder (`a` and `a/b`). Returns
 * one message per collision, empty when there is none.
 */
export function nameCollisions(paths: readonly string[]): string[] {
  const messages: string[] = [];
  const seen = new Map<string, string>();
  for (const path of paths) {
    const key = foldKey(path);
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, path);
    else if (earlier === path) messages.push(`"${path}" appears twice`);
    else
      messages.push(`"${earlier}" and "${path}" differ only in case or Unicode form, so one would overwrite the other on Windows or macOS`);
  }
  for (const [key, path] of seen) {
    const parts = key.split("/");
    for (let i = 1; i < parts.length; i++) {
      const folder = seen.get(parts.slice(0, i).join("/"));
      if (folder !== undefined) messages.push(`"${folder}" is a file, but "${path}" needs it to be a folder`);
    }
  }
  return messages;
}
