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

/**
 * The key a request presents: one non-empty `code` query parameter (WebhookKey, as Dataverse sends
 * it) wins over the x-webhook-key header (HttpHeader). An empty `?code=` is no key at all, so it
 * never hides a valid header; a repeated `code` counts as none.
 */
export function presentedKey(codes: readonly string[], header: string | undefined): string | undefined {
  const given = codes.filter((code) => code !== "");
  if (given.length === 1) return given[0];
  return header !== undefined && header !== "" ? header : undefined;
}

/**
 * A URL fit for a log line, built from the parsed query: every parameter whose decoded name is
 * `code` (in any case, however it was percent-encoded) has its value replaced.
 */
export function redactedUrl(path: string, query: URLSearchParams): string {
  const safe = new URLSearchParams();
  for (const [name, value] of query) safe.append(name, name.toLowerCase() === "code" ? "[redacted]" : value);
  const text = safe.toString().replace(/%5Bredacted%5D/g, "[redacted]");
  return text === "" ? path : `${path}?${text}`;
}
