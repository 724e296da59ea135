/**
 * Decisions and errors → answers: status, headers, JSON body and a log entry. Messages come from
 * formatVerdict with the English strings; an answer for a model verdict is serialised once and
 * reused, for the verdicts of known statuses only, so the cache is bounded by the model's table
 * (a status outside it would otherwise add an answer per request).
 */
import { formatTemplate, formatVerdict, statusLabel, statusOf, type Strings, type Verdict } from "../lifecycle";
import { CALLER_CLASSES, isPlatform, type Caller, type CallerClass } from "../caller";
import type { Decision } from "../validate-status-change";
import { GAPS, WEBHOOK_ERRORS, type HttpErrorCode, type WebhookCode } from "./errors";
import type { Mode } from "../validate-status-change";

export type LogLevelName = "debug" | "info" | "warn" | "error";

export type LogFields = Readonly<Record<string, unknown>>;

export interface LogEntry {
  readonly level: LogLevelName;
  readonly msg: string;
  /** A function when building them costs: called only when the line is written. */
  readonly fields: LogFields | (() => LogFields);
}

export interface Answer {
  readonly status: number;
  /** Lower-case names: content-type and content-length always. */
  readonly headers: Readonly<Record<string, string>>;
  /** JSON text. */
  readonly body: string;
  readonly log?: LogEntry;
}

export const JSON_TYPE = "application/json; charset=utf-8";

export const fieldsOf = (entry: LogEntry): LogFields => (typeof entry.fields === "function" ? entry.fields() : entry.fields);

/** Status, headers and body; 401, 413 and 503 close the connection: nothing good comes of keeping it. */
function reply(status: number, body: string, extra?: Readonly<Record<string, string>>): Omit<Answer, "log"> {
  const headers: Record<string, string> = { "content-type": JSON_TYPE, "content-length": String(Buffer.byteLength(body)) };
  if (status === 401 || status === 413 || status === 503) headers.connection = "close";
  return { status, headers: Object.freeze(extra ? { ...headers, ...extra } : headers), body };
}

/** What a log line says about the caller: the class, why, and for a user agent alone the ids to confirm. */
function callerFields(caller: Caller): Record<string, unknown> {
  return caller.ids ? { caller: caller.class, why: caller.why, ...caller.ids } : { caller: caller.class, why: caller.why };
}

/** Allowed although the model (or the context) says otherwise: the platform's privilege, or audit mode. */
const overrideOf = (caller: Caller): "platform" | "audit" =>
  isPlatform(caller.class) || caller.class === "platform-user-agent" ? "platform" : "audit";

export interface Answers {
  error(code: HttpErrorCode, values?: Readonly<Record<string, string>>, headers?: Readonly<Record<string, string>>): Answer;
  /** A static answer (health), with its headers. */
  plain(status: number, body: string): Answer;
  decision(decision: Decision): Answer;
  /** How many verdict answers are cached (a test hook: it must stay bounded). */
  cachedAnswers(): number;
}

export function createAnswers(mode: Mode, english: Readonly<Record<string, string>>): Answers {
  const strings: Strings = (key) => english[key];
  const message = (code: WebhookCode, values: Readonly<Record<string, string>> = {}): string =>
    formatTemplate(WEBHOOK_ERRORS[code].message, values);

  const error = (
    code: HttpErrorCode,
    values: Readonly<Record<string, string>> = {},
    headers?: Readonly<Record<string, string>>,
  ): Answer => {
    const { status } = WEBHOOK_ERRORS[code];
    const level: LogLevelName = status >= 500 && code !== "shutting-down" ? "error" : status === 401 || status === 413 ? "warn" : "info";
    return {
      ...reply(status, JSON.stringify({ error: code, message: message(code, values), statusCode: status }), headers),
      log: { level, msg: "request refused", fields: { code, status, detail: values.detail } },
    };
  };

  // Status, headers and body per (verdict, class, allowed), in a slot of the verdict's array; the log
  // line is made per request.
  const cache = new Map<Verdict, (Omit<Answer, "log"> | undefined)[]>();
  let cached = 0;
  const slotOf = (callerClass: CallerClass, allowed: boolean): number => CALLER_CLASSES.indexOf(callerClass) * 2 + (allowed ? 1 : 0);

  function verdictAnswer(verdict: Verdict, callerClass: CallerClass, allowed: boolean, cacheable: boolean): Omit<Answer, "log"> {
    const slot = slotOf(callerClass, allowed);
    const known = cacheable ? cache.get(verdict)?.[slot] : undefined;
    if (known) return known;
    const { from, to, channel } = verdict.params;
    const body = JSON.stringify({
      allowed,
      reason: verdict.reason,
      message: formatVerdict(verdict, strings),
      mode,
      caller: callerClass,
      from,
      to,
      channel,
      modelAllowed: verdict.allowed,
    });
    const answer = reply(allowed ? 200 : 422, body);
    // Only verdicts of known statuses come from the model's finite table.
    if (cacheable && statusOf(from) && statusOf(to)) {
      const slots = cache.get(verdict) ?? new Array<Omit<Answer, "log"> | undefined>(CALLER_CLASSES.length * 2).fill(undefined);
      slots[slot] = answer;
      cache.set(verdict, slots);
      cached++;
    }
    return answer;
  }

  function modelAnswer(decision: Extract<Decision, { kind: "model" }>): Answer {
    const { verdict, caller, allowed, notes } = decision;
    const noted = notes.unknownValues.length > 0 || notes.omittedValues > 0;
    const answer = verdictAnswer(verdict, caller.class, allowed, !noted);
    const { from, to, channel } = verdict.params;
    const fields = (): LogFields => ({
      reason: verdict.reason,
      from,
      to,
      channel,
      ...callerFields(caller),
      mode,
      // Capped: a hostile list is counted, not logged.
      unknownChannelValues: notes.unknownValues.length > 0 ? notes.unknownValues.slice(0, 8) : undefined,
      omittedChannelValues: notes.omittedValues > 0 ? notes.omittedValues : undefined,
    });
    const userAgentOnly = caller.class === "platform-user-agent";
    const log: LogEntry = !allowed
      ? { level: "info", msg: "status change denied", fields }
      : !verdict.allowed
        ? {
            level: "warn",
            msg:
              overrideOf(caller) === "audit"
                ? "audit mode: status change allowed although the model would deny it"
                : "platform status change allowed although the model has no such move",
            fields,
          }
        : noted
          ? { level: "warn", msg: "status change allowed; msdyn_channel has values the model does not know", fields }
          : userAgentOnly
            ? { level: "warn", msg: "status change allowed for a Microsoft.CCaaS user agent whose id is not listed", fields }
            : { level: "debug", msg: "status change allowed", fields };
    return { status: answer.status, headers: answer.headers, body: answer.body, log };
  }

  function operatorAnswer(decision: Extract<Decision, { kind: "operator-close" }>): Answer {
    const { verdict, caller } = decision;
    const { from, to, channel } = verdict.params;
    const values = { from: statusLabel(strings, from as number) };
    const body = JSON.stringify({
      allowed: true,
      reason: "operator-close",
      message: message("operator-close", values),
      mode,
      caller: caller.class,
      from,
      to,
      channel,
      modelAllowed: verdict.allowed,
    });
    return {
      ...reply(200, body),
      log: {
        level: "info",
        msg: "operator close allowed",
        fields: () => ({ reason: "operator-close", from, to, channel, ...callerFields(caller), mode }),
      },
    };
  }

  const passReplies = new Map<string, Omit<Answer, "log">>();
  function passAnswer(code: "not-applicable" | "no-status-change" | "validation-off", caller?: Caller): Answer {
    let known = passReplies.get(code);
    if (known === undefined) {
      known = reply(200, JSON.stringify({ allowed: true, reason: code, message: message(code), mode }));
      passReplies.set(code, known);
    }
    return {
      ...known,
      log: { level: "debug", msg: "nothing to check", fields: () => ({ reason: code, ...(caller ? callerFields(caller) : {}) }) },
    };
  }

  function uncheckedAnswer(decision: Extract<Decision, { kind: "insufficient-context" | "state-mismatch" }>): Answer {
    const { change, caller, allowed } = decision;
    const code = decision.kind;
    const gap = decision.kind === "insufficient-context" ? decision.gap : undefined;
    const values: Record<string, string> = {
      gap:
        decision.kind === "insufficient-context"
          ? decision.problem === undefined
            ? GAPS[decision.gap]
            : `${GAPS[decision.gap]} ${decision.problem}.`
          : "",
    };
    if (change.to !== undefined) values.to = statusLabel(strings, change.to);
    if (change.from !== undefined) values.from = statusLabel(strings, change.from);
    if (change.state !== undefined) values.state = String(change.state);
    const body = JSON.stringify({
      allowed,
      reason: code,
      message: message(code, values),
      mode,
      caller: caller.class,
      gap,
      messageName: change.message,
      from: change.from,
      to: change.to,
      state: change.state,
      channel: change.channel,
      modelAllowed: false,
    });
    const what = !allowed
      ? "status change denied"
      : overrideOf(caller) === "audit"
        ? "audit mode: allowed unchecked"
        : "platform change allowed unchecked";
    return {
      ...reply(allowed ? 200 : 422, body),
      log: {
        level: allowed || code === "insufficient-context" ? "warn" : "info",
        msg: `${what}: ${code}`,
        fields: () => ({
          reason: code,
          gap,
          problem: decision.kind === "insufficient-context" ? decision.problem : undefined,
          ...callerFields(caller),
          mode,
          messageName: change.message,
          from: change.from,
          to: change.to,
          state: change.state,
        }),
      },
    };
  }

  return {
    plain: (status, body) => reply(status, body),
    error,
    decision(decision) {
      switch (decision.kind) {
        case "pass":
          return passAnswer(decision.code, "caller" in decision ? decision.caller : undefined);
        case "model":
          return modelAnswer(decision);
        case "operator-close":
          return operatorAnswer(decision);
        case "insufficient-context":
        case "state-mismatch":
          return uncheckedAnswer(decision);
      }
    },
    cachedAnswers: () => cached,
  };
}
