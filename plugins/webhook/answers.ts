/**
 * Decisions and errors → answers: status, headers, JSON body and a log entry. Messages come from
 * formatVerdict with the English strings; an answer for a model verdict is serialised once and
 * reused, for the verdicts of known statuses only, so the cache is bounded by the model's table
 * (a status outside it would otherwise add an answer per request).
 */
import { formatTemplate, formatVerdict, statusLabel, statusOf, type Strings, type Verdict } from "../lifecycle";
import { isPlatform, type Caller, type CallerClass } from "../caller";
import type { Decision } from "../validate-status-change";
import { GAPS, WEBHOOK_ERRORS, type HttpErrorCode, type WebhookCode } from "./errors";
import type { Mode } from "../validate-status-change";

export type LogLevelName = "debug" | "info" | "warn" | "error";

export interface LogEntry {
  readonly level: LogLevelName;
  readonly msg: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface Answer {
  readonly status: number;
  /** Lower-case names; content-type always. */
  readonly headers: Readonly<Record<string, string>>;
  /** JSON text. */
  readonly body: string;
  readonly log?: LogEntry;
}

export const JSON_TYPE = "application/json; charset=utf-8";
const PLAIN = Object.freeze({ "content-type": JSON_TYPE });
/** 401, 413 and 503 close the connection: nothing good comes of keeping it. */
const CLOSE = Object.freeze({ "content-type": JSON_TYPE, connection: "close" });

/** What a log line says about the caller: the class, why, and for a user agent alone the ids to confirm. */
function callerFields(caller: Caller): Record<string, unknown> {
  return caller.ids ? { caller: caller.class, why: caller.why, ...caller.ids } : { caller: caller.class, why: caller.why };
}

/** Allowed although the model (or the context) says otherwise: the platform's privilege, or audit mode. */
const overrideOf = (caller: Caller): "platform" | "audit" =>
  isPlatform(caller.class) || caller.class === "platform-user-agent" ? "platform" : "audit";

export interface Answers {
  error(code: HttpErrorCode, values?: Readonly<Record<string, string>>, headers?: Readonly<Record<string, string>>): Answer;
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
      status,
      headers: headers ?? (status === 401 || status === 413 || status === 503 ? CLOSE : PLAIN),
      body: JSON.stringify({ error: code, message: message(code, values), statusCode: status }),
      log: { level, msg: "request refused", fields: { code, status, detail: values.detail } },
    };
  };

  // Status, headers and body per (verdict, class, allowed); the log line is made per request.
  const cache = new Map<Verdict, Map<string, Omit<Answer, "log">>>();
  let cached = 0;

  function verdictAnswer(verdict: Verdict, callerClass: CallerClass, allowed: boolean, cacheable: boolean): Omit<Answer, "log"> {
    const slot = `${callerClass}:${allowed}`;
    const known = cacheable ? cache.get(verdict)?.get(slot) : undefined;
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
    const answer = { status: allowed ? 200 : 422, headers: PLAIN, body };
    // Only verdicts of known statuses come from the model's finite table.
    if (cacheable && statusOf(from) && statusOf(to)) {
      const slots = cache.get(verdict) ?? new Map<string, Omit<Answer, "log">>();
      slots.set(slot, answer);
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
    const fields = {
      reason: verdict.reason,
      from,
      to,
      channel,
      ...callerFields(caller),
      mode,
      // Capped: a hostile list is counted, not logged.
      unknownChannelValues: notes.unknownValues.length > 0 ? notes.unknownValues.slice(0, 8) : undefined,
      omittedChannelValues: notes.omittedValues > 0 ? notes.omittedValues : undefined,
    };
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
    return { ...answer, log };
  }

  function operatorAnswer(decision: Extract<Decision, { kind: "operator-close" }>): Answer {
    const { verdict, caller } = decision;
    const { from, to, channel } = verdict.params;
    const values = { from: statusLabel(strings, from as number) };
    return {
      status: 200,
      headers: PLAIN,
      body: JSON.stringify({
        allowed: true,
        reason: "operator-close",
        message: message("operator-close", values),
        mode,
        caller: caller.class,
        from,
        to,
        channel,
        modelAllowed: verdict.allowed,
      }),
      log: {
        level: "info",
        msg: "operator close allowed",
        fields: { reason: "operator-close", from, to, channel, ...callerFields(caller), mode },
      },
    };
  }

  const passBodies = new Map<string, string>();
  function passAnswer(code: "not-applicable" | "no-status-change" | "validation-off", caller?: Caller): Answer {
    let body = passBodies.get(code);
    if (body === undefined) {
      body = JSON.stringify({ allowed: true, reason: code, message: message(code), mode });
      passBodies.set(code, body);
    }
    return {
      status: 200,
      headers: PLAIN,
      body,
      log: { level: "debug", msg: "nothing to check", fields: { reason: code, ...(caller ? callerFields(caller) : {}) } },
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
      status: allowed ? 200 : 422,
      headers: PLAIN,
      body,
      log: {
        level: allowed || code === "insufficient-context" ? "warn" : "info",
        msg: `${what}: ${code}`,
        fields: {
          reason: code,
          gap,
          problem: decision.kind === "insufficient-context" ? decision.problem : undefined,
          ...callerFields(caller),
          mode,
          messageName: change.message,
          from: change.from,
          to: change.to,
          state: change.state,
        },
      },
    };
  }

  return {
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
