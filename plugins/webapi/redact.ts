/**
 * Secrets never reach the screen. A secret is known in every form it can take: as configured (with
 * a pasted "Bearer " prefix or stray whitespace), as actually sent (the bare token, "Bearer <token>"),
 * and as a server might echo it back (URL- or JSON-escaped). The client adds each token it sends, so
 * a token from client credentials, which no environment variable holds, is covered too.
 */

export const REDACTED = "***";

/** Shorter values are not worth hiding and would blank out ordinary words. */
const MIN_LENGTH = 4;

export function formsOf(secret: string): string[] {
  const trimmed = secret.trim();
  const bare = trimmed.replace(/^Bearer\s+/i, "").trim();
  const forms = new Set<string>([secret, trimmed, bare, `Bearer ${bare}`]);
  for (const form of [...forms]) {
    forms.add(encodeURIComponent(form));
    forms.add(JSON.stringify(form).slice(1, -1));
  }
  return [...forms].filter((form) => form.length >= MIN_LENGTH);
}

export class Redactor {
  private forms: string[] = [];

  constructor(secrets: readonly (string | undefined)[] = []) {
    for (const secret of secrets) this.add(secret);
  }

  add(secret: string | undefined): void {
    if (typeof secret !== "string" || secret.trim().length < MIN_LENGTH) return;
    const known = new Set(this.forms);
    for (const form of formsOf(secret)) known.add(form);
    // Longest first, so "Bearer abc" goes as a whole before "abc" would leave "Bearer ***".
    this.forms = [...known].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let safe = text;
    for (const form of this.forms) if (safe.includes(form)) safe = safe.split(form).join(REDACTED);
    return safe;
  }

  /**
   * At most `max` characters of `text`, redacted before it is cut (a cut could split a secret so
   * that no whole form matches), and without a trailing start of a secret.
   */
  clip(text: string, max: number): string {
    let safe = this.redact(text);
    if (safe.length > max) safe = safe.slice(0, max);
    for (const form of this.forms) {
      for (let length = Math.min(form.length - 1, safe.length); length >= MIN_LENGTH; length--) {
        if (safe.endsWith(form.slice(0, length))) {
          safe = safe.slice(0, safe.length - length) + REDACTED;
          break;
        }
      }
    }
    return safe;
  }

  /** A writer that passes every line through redact(), whatever it is handed. */
  writer(write: (text: string) => unknown): (text: string) => void {
    return (text: string) => void write(this.redact(text));
  }
}
