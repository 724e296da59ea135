/**
 * The one rule for a webhook key, shared by the server (WEBHOOK_KEYS) and register-webhook
 * (WEBHOOK_KEY). Dataverse sends the key in the URL (`?code=<key>`, AuthType 4 WebhookKey,
 * PLATFORM.md §5), so it must survive a URL untouched: RFC 3986 "unreserved" characters only. And it
 * must be long enough not to be guessed: 16 random characters of this set carry over 95 bits.
 */
export const KEY_MIN_LENGTH = 16;
export const KEY_CHARACTERS = "A–Z, a–z, 0–9 and - . _ ~";
const UNRESERVED = /^[A-Za-z0-9._~-]*$/;

/** Why `key` cannot be a webhook key, in words that never repeat the key; undefined when it can. */
export function keyFormatProblem(key: string): string | undefined {
  if (!UNRESERVED.test(key))
    return `contains characters other than ${KEY_CHARACTERS}: Dataverse sends the key in the URL's query string, where only these pass unchanged`;
  if (key.length < KEY_MIN_LENGTH) return `is ${key.length} characters long; a key needs at least ${KEY_MIN_LENGTH}`;
  return undefined;
}

/** A command that prints a key that fits, for the messages and the docs. */
export const KEY_RECIPE = `node -e "console.log(require('node:crypto').randomBytes(24).toString('base64url'))"`;
