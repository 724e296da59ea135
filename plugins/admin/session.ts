/** What an admin command runs with: its I/O, redacted writers, and a Web API client for --env. */
import { TOKEN_ENV, tokenSource } from "../webapi/auth";
import type { WebApiClient } from "../webapi/client";
import { connect, type ClientIo } from "../webapi/connect";
import { Redactor } from "../webapi/redact";
import type { CommonFlags } from "./args";
import { AdminError } from "./errors";

export interface AdminIo extends ClientIo {
  readonly stdout: (text: string) => unknown;
  readonly stderr: (text: string) => unknown;
  /** Where the progress bar draws; it is drawn only when this is a TTY. */
  readonly progressStream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** A client made elsewhere (tests, the workbench); by default one is built from --env and credentials. */
  readonly client?: (flags: CommonFlags, redactor: Redactor) => WebApiClient;
}

export interface Session {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly redactor: Redactor;
}

/** Every line either command prints goes through redaction: the token, in every form it is sent. */
export function openSession(io: AdminIo): Session {
  const redactor = new Redactor([io.env[TOKEN_ENV], io.env.AZURE_CLIENT_SECRET]);
  return { out: redactor.writer(io.stdout), err: redactor.writer(io.stderr), redactor };
}

export function clientFor(flags: CommonFlags, io: AdminIo, session: Session): WebApiClient {
  if (io.client) return io.client(flags, session.redactor);
  const source = tokenSource(flags.env, io.env, io.msalFactory);
  if (!source)
    throw new AdminError(
      "missing-credentials",
      "No credentials: neither DATAVERSE_TOKEN nor client credentials are set (only a loopback --env needs none).",
    );
  return connect(flags.env, source, io, {
    timeoutMs: flags.timeoutMs,
    redactor: session.redactor,
    log: flags.verbose ? (line) => session.err(line + "\n") : undefined,
  });
}

/** --now, else the server's clock (the Date header), else this machine's. */
export function nowOf(flags: CommonFlags, client: WebApiClient, io: AdminIo): number {
  return flags.nowMs ?? client.serverDateMs ?? (io.now ?? Date.now)();
}

/** Runs `work` at most `limit` at a time, results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
