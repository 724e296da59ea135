/** What every command hands the client: where, how to authenticate, and the injected I/O. */
import type { MsalFactory, TokenSource } from "./auth";
import { WebApiClient, type PlannedRequest, type Row } from "./client";
import { entityUrl } from "./paths";
import { REDACTED, type Redactor } from "./redact";

/** The injected world of a command: tests give a local fetch, a clock and a sleep that only records. */
export interface ClientIo {
  readonly env: NodeJS.ProcessEnv;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  readonly msalFactory?: MsalFactory;
}

export interface ConnectOptions {
  readonly timeoutMs: number;
  readonly redactor: Redactor;
  /** --verbose: each request, one line (plus If-Match and the body), already redacted. */
  readonly log?: (line: string) => void;
  /** Body columns never printed (serviceendpoint.authvalue). */
  readonly secretColumns?: ReadonlySet<string>;
}

export function redactBody(body: Row, secretColumns: ReadonlySet<string> = new Set()): Row {
  const copy: Row = {};
  for (const [key, value] of Object.entries(body)) copy[key] = secretColumns.has(key) ? REDACTED : value;
  return copy;
}

export function formatRequest(
  request: { method: string; url: string; body?: Row; ifMatch?: string },
  secretColumns?: ReadonlySet<string>,
): string {
  const lines = [`${request.method} ${request.url}`];
  if (request.ifMatch) lines.push(`If-Match: ${request.ifMatch}`);
  if (request.body) lines.push(JSON.stringify(redactBody(request.body, secretColumns), null, 2));
  return lines.join("\n");
}

export function connect(env: string, source: TokenSource, io: ClientIo, options: ConnectOptions): WebApiClient {
  const log = options.log;
  return new WebApiClient({
    env,
    token: source.token,
    fetch: io.fetch,
    sleep: io.sleep,
    now: io.now,
    redactor: options.redactor,
    timeoutMs: options.timeoutMs,
    onRequest: log
      ? (request: PlannedRequest, url: string) =>
          log(
            options.redactor.redact(
              formatRequest(
                { ...request, url: request.link ? url : entityUrl(env, request.path), ifMatch: request.etag },
                options.secretColumns,
              ),
            ),
          )
      : undefined,
  });
}
