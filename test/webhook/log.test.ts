/** The request logger binds the correlation id only when it writes a line. */
import Fastify, { type FastifyBaseLogger } from "fastify";
import { lazyChildLogger } from "../../plugins/webhook/log";

/** Fastify's own logger (pino), writing to an array, counting the children made from it. */
function parentLogger(level: string): { parent: FastifyBaseLogger; lines: Record<string, unknown>[]; children: () => number } {
  const lines: Record<string, unknown>[] = [];
  const parent = Fastify({
    logger: { level, stream: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } },
  }).log;
  let made = 0;
  // Children inherit this property: `this` is whichever logger child() was called on.
  const original = parent.child;
  parent.child = function (this: FastifyBaseLogger, ...args: Parameters<FastifyBaseLogger["child"]>) {
    made++;
    return original.apply(this, args);
  };
  return { parent, lines, children: () => made };
}

test("a line below the level makes no child and writes nothing", () => {
  const { parent, lines, children } = parentLogger("info");
  const log = lazyChildLogger(parent, { correlationId: "c-1" }, {});
  log.debug({ reason: "allowed" }, "status change allowed");
  log.trace("nothing");
  log.silent("nothing");
  expect(children()).toBe(0);
  expect(lines).toEqual([]);
  expect(log.level).toBe("info");
});

test("a line at the level carries the bindings; the child is made once", () => {
  const { parent, lines, children } = parentLogger("info");
  const log = lazyChildLogger(parent, { correlationId: "c-2" }, {});
  log.info({ reason: "not-for-channel" }, "status change denied");
  log.warn("second");
  log.error(new Error("boom"), "third");
  expect(children()).toBe(1);
  expect(lines.map((l) => [l.level, l.msg, l.correlationId])).toEqual([
    [30, "status change denied", "c-2"],
    [40, "second", "c-2"],
    [50, "third", "c-2"],
  ]);
  expect(lines[0].reason).toBe("not-for-channel");
});

test("a level set on the request logger applies to it alone", () => {
  const { parent, lines } = parentLogger("info");
  const log = lazyChildLogger(parent, { correlationId: "c-3" }, {});
  log.level = "debug";
  log.debug("now visible");
  parent.debug("still hidden");
  expect(lines.map((l) => l.msg)).toEqual(["now visible"]);
  const nested = log.child({ step: "x" });
  nested.info("nested");
  expect(lines[1]).toMatchObject({ correlationId: "c-3", step: "x", msg: "nested" });
});

test("a route log level (child options) decides for the child", () => {
  const { parent, lines } = parentLogger("info");
  const log = lazyChildLogger(parent, { correlationId: "c-4" }, { level: "warn" });
  expect(log.level).toBe("warn");
  log.info("hidden by the route level");
  log.warn("shown");
  expect(lines.map((l) => l.msg)).toEqual(["shown"]);
});
