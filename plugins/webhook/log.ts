/**
 * The plain server's log: JSON lines in pino's format (numeric `level`, `time`, `pid`, `hostname`,
 * `msg`), so that any pino-aware tool reads them. Written here rather than with pino itself: the
 * server needs one line per answer worth logging, and loading pino cost about 4 ms of a cold start
 * whose budget is twice a bare server's (docs/webhook.md, "Why node:http"). Nothing here ever sees
 * a key: lines come from the pipeline's log entries (a redacted URL at most), never from raw
 * headers or packets.
 */
import { hostname } from "node:os";
import { fieldsOf, type Answer } from "./answers";
import type { LogLevel } from "./settings";

/** pino's numbers for the levels. */
export const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity } as const;
type Method = Exclude<LogLevel, "silent">;

export interface LogStream {
  write(line: string): unknown;
}

export type Logger = { readonly level: LogLevel; isLevelEnabled(level: Method): boolean } & {
  readonly [M in Method]: (fields: Readonly<Record<string, unknown>> | string, msg?: string) => void;
};

/** Errors as their message and stack: JSON.stringify would give {}. */
const replacer = (_key: string, value: unknown): unknown =>
  value instanceof Error ? { type: value.name, message: value.message, stack: value.stack } : value;

export function createLogger(level: LogLevel, stream: LogStream = process.stdout): Logger {
  const threshold = LEVELS[level];
  const base = `,"pid":${process.pid},"hostname":${JSON.stringify(hostname())}`;
  const method =
    (name: Method) =>
    (fields: Readonly<Record<string, unknown>> | string, msg?: string): void => {
      if (LEVELS[name] < threshold) return;
      const [extra, text] = typeof fields === "string" ? [{}, fields] : [fields, msg];
      const rest = JSON.stringify({ ...extra, msg: text }, replacer);
      stream.write(`{"level":${LEVELS[name]},"time":${Date.now()}${base}${rest === "{}" ? "" : `,${rest.slice(1, -1)}`}}\n`);
    };
  return {
    level,
    isLevelEnabled: (name) => LEVELS[name] >= threshold,
    trace: method("trace"),
    debug: method("debug"),
    info: method("info"),
    warn: method("warn"),
    error: method("error"),
    fatal: method("fatal"),
  };
}

/** Writes an answer's log entry, if any and if its level is on. */
export function logAnswer(log: Logger, answer: Answer, correlationId: string | undefined): void {
  const entry = answer.log;
  if (entry === undefined || !log.isLevelEnabled(entry.level)) return;
  log[entry.level]({ correlationId, ...fieldsOf(entry) }, entry.msg);
}
