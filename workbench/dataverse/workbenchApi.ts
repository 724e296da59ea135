/**
 * The workbench's own controls under /workbench/api/ (not Dataverse: nothing here exists in an
 * environment): the simulated clock, the webhook's decisions, the audit trail in short, auditing
 * on/off, fault injection, a reset, the seeded ids, and a Server-Sent Events stream of changes.
 * Answers are plain JSON; errors are `{"error":{"code":"workbench","message":…}}` with status 400.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { parseDuration } from "./clock";
import type { Dataverse } from "./dataverse";
import type { FaultSpec } from "./faults";
import { PLATFORM_USER_AGENT, SEED, WORKBENCH_APPLICATION_ID } from "./seed";
import { ROLES } from "./security";

export const WORKBENCH_PREFIX = "/workbench/api";
const HEARTBEAT_MS = 25_000;

class Refused extends Error {}

function body(request: FastifyRequest): Record<string, unknown> {
  const raw = typeof request.body === "string" ? request.body : "";
  if (raw.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new Refused(`The body is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Refused("The body must be a JSON object.");
  return parsed as Record<string, unknown>;
}

const flag = (value: unknown, name: string): boolean | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw new Refused(`${name} must be true or false.`);
  return value;
};

function advanceOf(input: Record<string, unknown>): number {
  if (typeof input.advanceMs === "number") return input.advanceMs;
  if (typeof input.advance === "string") {
    const ms = parseDuration(input.advance);
    if (ms === undefined) throw new Refused(`advance "${input.advance}" is not an amount like "90s", "15m", "2h", "1d" or "1h30m".`);
    return ms;
  }
  throw new Refused('Give {"advance": "15m"} or {"advanceMs": 900000}.');
}

function faultOf(input: Record<string, unknown>): FaultSpec {
  const text = (name: string) => {
    const value = input[name];
    if (value !== undefined && typeof value !== "string") throw new Refused(`${name} must be text.`);
    return value as string | undefined;
  };
  const count = input.count === "infinite" ? Infinity : input.count;
  if (typeof input.status !== "number")
    throw new Refused('Give at least {"status": 429}; optional: method, path, count, after, retryAfter, code, message.');
  return {
    status: input.status,
    method: text("method"),
    path: text("path"),
    count: count as number | undefined,
    after: input.after as number | undefined,
    retryAfter: input.retryAfter as number | string | undefined,
    code: text("code"),
    message: text("message"),
  };
}

function events(dataverse: Dataverse, request: FastifyRequest, reply: FastifyReply): void {
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache", Connection: "keep-alive" });
  out.write(`retry: 2000\n\n`);
  const unsubscribe = dataverse.events.subscribe((event) => out.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
  const heartbeat = setInterval(() => out.write(`: keep-alive\n\n`), HEARTBEAT_MS);
  heartbeat.unref();
  request.raw.on("close", () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

export function registerWorkbenchApi(app: FastifyInstance, dataverse: Dataverse): void {
  const routes: [string, string, (request: FastifyRequest) => unknown][] = [
    ["GET", "/clock", () => ({ now: dataverse.now(), offsetMs: dataverse.clock.offsetMs })],
    ["POST", "/clock", (request) => dataverse.advanceClock(advanceOf(body(request)))],
    [
      "GET",
      "/callouts",
      (request) => {
        const query = request.query as { recordId?: string; limit?: string };
        return dataverse.callouts({ recordId: query.recordId, limit: query.limit === undefined ? undefined : Number(query.limit) });
      },
    ],
    ["GET", "/audits", (request) => dataverse.audits((request.query as { recordId?: string }).recordId)],
    ["GET", "/auditing", () => dataverse.auditing()],
    [
      "PUT",
      "/auditing",
      (request) => {
        const input = body(request);
        return dataverse.setAuditing({ organization: flag(input.organization, "organization"), table: flag(input.table, "table") });
      },
    ],
    ["GET", "/faults", () => dataverse.faults.list()],
    ["POST", "/faults", (request) => dataverse.faults.add(faultOf(body(request)))],
    ["DELETE", "/faults", () => (dataverse.faults.clear(), { cleared: true })],
    ["POST", "/reset", async () => (await dataverse.reset(), { reset: true })],
    [
      "GET",
      "/seed",
      () => ({
        ...SEED,
        platformUserAgent: PLATFORM_USER_AGENT,
        applicationId: WORKBENCH_APPLICATION_ID,
        roles: dataverse.store.roles,
        roleNames: ROLES,
      }),
    ],
  ];
  for (const [method, url, handler] of routes) {
    app.route({
      method: method as "GET",
      url: `${WORKBENCH_PREFIX}${url}`,
      handler: async (request, reply) => {
        try {
          return reply.header("content-type", "application/json; charset=utf-8").send(JSON.stringify((await handler(request)) ?? null));
        } catch (error) {
          if (!(error instanceof Refused) && !(error instanceof RangeError)) throw error;
          return reply
            .code(400)
            .header("content-type", "application/json; charset=utf-8")
            .send(JSON.stringify({ error: { code: "workbench", message: error.message } }));
        }
      },
    });
  }
  app.get(`${WORKBENCH_PREFIX}/events`, (request, reply) => events(dataverse, request, reply));
}
