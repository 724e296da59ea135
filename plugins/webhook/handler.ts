/**
 * The request handler both hosts share: parsed body in, status + JSON body + log entry out.
 * Messages come from formatVerdict with the English resx strings, loaded once here; answers for
 * model verdicts are serialised once per verdict and reused.
 */
import { parseContext, ContextError, type RemoteExecutionContext } from "../context";
import { formatTemplate, formatVerdict, statusLabel, type Strings, type Verdict } from "../lifecycle";
import { loadStrings } from "../strings/resx";
import { validateStatusChange, type Decision, type Initiator, type RequestFacts } from "../validate-status-change";
import { GAPS, WEBHOOK_ERRORS, type HttpErrorCode, type WebhookCode } from "./errors";
import type { WebhookSettings } from "./settings";

export type LogLevelName = "debug" | "info" | "warn" | "error";

export interface LogEntry {
  readonly level: LogLevelName;
  readonly msg: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface Answer {
  readonly status: number;
  /** JSON text. */
  readonly body: string;
  readonly log?: LogEntry;
}

/** A JSON body read as a context, or why it is not one (Fastify's validatorCompiler result). */
export type Parsed = { readonly value: RemoteExecutionContext } | { readonly error: Error };

export interface Handler {
  /** A parsed JSON body → the answer. Never throws. */
  validate(body: unknown, facts: RequestFacts): Answer;
  /** The two halves of validate, for a host that parses in its own validation step. */
  parse(body: unknown): Parsed;
  decide(context: RemoteExecutionContext, facts: RequestFacts): Answer;
  /** An answer for the host's own errors (auth, size, routing, JSON). */
  error(code: HttpErrorCode, values?: Readonly<Record<string, string>>): Answer;
}

export function createHandler(settings: WebhookSettings): Handler {
  const english = loadStrings(1033);
  const strings: Strings = (key) => english[key];
  const mode = settings.mode;

  const message = (code: WebhookCode, values: Readonly<Record<string, string>> = {}): string =>
    formatTemplate(WEBHOOK_ERRORS[code].message, values);

  const error = (code: HttpErrorCode, values: Readonly<Record<string, string>> = {}): Answer => {
    const { status } = WEBHOOK_ERRORS[code];
    const text = message(code, values);
    const level: LogLevelName = status >= 500 ? "error" : status === 401 || status === 413 ? "warn" : "info";
    return {
      status,
      body: JSON.stringify({ error: code, message: text, statusCode: status }),
      log: { level, msg: "request refused", fields: { code, status, detail: values.detail } },
    };
  };

  // One serialised answer per (verdict, initiator, allowed): verdicts come from a frozen table.
  const verdictAnswers = new Map<Verdict, Answer[]>();
  const slot = (initiator: Initiator, allowed: boolean): number => (initiator === "platform" ? 2 : 0) + (allowed ? 1 : 0);

  function modelAnswer(decision: Extract<Decision, { kind: "model" }>): Answer {
    const { verdict, initiator, allowed } = decision;
    const cached = decision.unknownChannelValues.length === 0 ? verdictAnswers.get(verdict)?.[slot(initiator, allowed)] : undefined;
    if (cached) return cached;
    const { from, to, channel } = verdict.params;
    const body = JSON.stringify({
      allowed,
      reason: verdict.reason,
      message: formatVerdict(verdict, strings),
      mode,
      initiator,
      from,
      to,
      channel,
      modelAllowed: verdict.allowed,
    });
    const fields = {
      reason: verdict.reason,
      from,
      to,
      channel,
      initiator,
      mode,
      unknownChannelValues: decision.unknownChannelValues.length > 0 ? decision.unknownChannelValues : undefined,
    };
    const log: LogEntry = verdict.allowed
      ? {
          level: decision.unknownChannelValues.length > 0 ? "warn" : "debug",
          msg:
            decision.unknownChannelValues.length > 0
              ? "status change allowed; msdyn_channel has values the model does not know"
              : "status change allowed",
          fields,
        }
      : !allowed
        ? { level: "info", msg: "status change denied", fields }
        : {
            level: "warn",
            msg:
              initiator === "platform"
                ? "platform status change allowed although the model would deny it"
                : "audit mode: status change allowed although the model would deny it",
            fields,
          };
    const answer: Answer = { status: allowed ? 200 : 422, body, log };
    if (decision.unknownChannelValues.length === 0) {
      const answers = verdictAnswers.get(verdict) ?? [];
      answers[slot(initiator, allowed)] = answer;
      verdictAnswers.set(verdict, answers);
    }
    return answer;
  }

  const passAnswers = new Map<string, Answer>();
  function passAnswer(code: "not-applicable" | "no-status-change" | "validation-off"): Answer {
    let answer = passAnswers.get(code);
    if (!answer) {
      answer = {
        status: 200,
        body: JSON.stringify({ allowed: true, reason: code, message: message(code), mode }),
        log: { level: "debug", msg: "nothing to check", fields: { reason: code } },
      };
      passAnswers.set(code, answer);
    }
    return answer;
  }

  function answerOf(decision: Decision): Answer {
    switch (decision.kind) {
      case "pass":
        return passAnswer(decision.code);
      case "model":
        return modelAnswer(decision);
      case "insufficient-context":
      case "state-mismatch": {
        const { change, initiator, allowed } = decision;
        const code = decision.kind;
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
        const text = message(code, values);
        const gap = decision.kind === "insufficient-context" ? decision.gap : undefined;
        const body = JSON.stringify({
          allowed,
          reason: code,
          message: text,
          mode,
          initiator,
          gap,
          messageName: change.message,
          from: change.from,
          to: change.to,
          state: change.state,
          channel: change.channel,
          modelAllowed: false,
        });
        const what = allowed
          ? initiator === "platform"
            ? "platform change allowed unchecked"
            : "audit mode: allowed unchecked"
          : "status change denied";
        return {
          status: allowed ? 200 : 422,
          body,
          log: {
            level: allowed || code === "insufficient-context" ? "warn" : "info",
            msg: `${what}: ${code}`,
            fields: {
              reason: code,
              gap,
              problem: decision.kind === "insufficient-context" ? decision.problem : undefined,
              initiator,
              mode,
              messageName: change.message,
              from: change.from,
              to: change.to,
              state: change.state,
            },
          },
        };
      }
    }
  }

  // RangeError: a body nested deeper than the stack allows.
  const contextProblem = (e: unknown): ContextError => {
    if (e instanceof ContextError) return e;
    if (e instanceof RangeError) return new ContextError("", "nested too deeply");
    throw e;
  };

  const parse = (body: unknown): Parsed => {
    try {
      return { value: parseContext(body) };
    } catch (e) {
      return { error: contextProblem(e) };
    }
  };

  const decide = (context: RemoteExecutionContext, facts: RequestFacts): Answer => {
    if (mode === "off") return passAnswer("validation-off");
    try {
      return answerOf(validateStatusChange(context, settings, facts));
    } catch (e) {
      // Values are parsed as the validator reads them: a bad one is found here.
      return error("not-a-context", { detail: contextProblem(e).message });
    }
  };

  return {
    validate(body, facts) {
      if (mode === "off") return passAnswer("validation-off");
      const parsed = parse(body);
      return "value" in parsed ? decide(parsed.value, facts) : error("not-a-context", { detail: parsed.error.message });
    },
    parse,
    decide,
    error,
  };
}
