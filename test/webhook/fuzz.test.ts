/**
 * 10,000 malformed bodies over real HTTP: truncated JSON, wrong types, deep nesting, huge strings
 * and random bytes. No crash, no 5xx, and the server still answers afterwards. Each request is
 * bounded only by a generous hang guard: CI shares its machine, so time budgets belong to the bench
 * (`npm run bench:webhook`). The timings are printed and written to test-results/webhook-fuzz.json
 * as figures, not asserted.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Agent, request } from "node:http";
import { VALIDATE_PATH } from "../../plugins/webhook/app";
import { Status } from "../../plugins/lifecycle";
import { BASE_BODY, bodyOf } from "../fixtures/webhook/builder";
import { KEY, post, start, type Running } from "./harness";

const RUNS = 10_000;
/** Not a budget: a request that takes this long has hung. */
const HANG_GUARD_MS = 20_000;

// A fixed seed: a failure can be replayed.
let seed = 20240611;
const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const HUGE = "x".repeat(900 * 1024);

function randomValue(): unknown {
  return pick<() => unknown>([
    () => null,
    () => random() > 0.5,
    () => Math.floor(random() * 2 ** 53) * (random() > 0.5 ? -1 : 1),
    () => random() * 1e308,
    () => "",
    () => "/Date(abc)/",
    () => "/Date(99999999999999999)/",
    () => [],
    () => ({}),
    () => ({
      __type: pick(["OptionSetValue:x", "EntityReference:x", "Money:x", "Entity:x", "EntityCollection:x", "OptionSetValueCollection:x", 7]),
      Value: pick([1, "1", null, [], {}]),
    }),
    () => [{ key: random() > 0.5 ? 1 : "k" }],
    () => "x".repeat(Math.floor(random() * 2000)),
  ])();
}

/** Replaces one randomly chosen node of the base context with a value of another type. */
function wrongType(): string {
  const root = JSON.parse(BASE_BODY) as unknown;
  const nodes: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        nodes.push({ parent: node, key: i });
        walk(child);
      });
    } else if (node && typeof node === "object") {
      for (const [k, child] of Object.entries(node)) {
        nodes.push({ parent: node as Record<string, unknown>, key: k });
        walk(child);
      }
    }
  };
  walk(root);
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
    const { parent, key } = pick(nodes);
    (parent as Record<string | number, unknown>)[key] = randomValue();
  }
  return JSON.stringify(root);
}

function deepNesting(): string {
  const depth = pick([100, 1_000, 10_000, 100_000, 400_000]);
  const nest = random() > 0.5 ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
  // Half of them inside a real context, where the validator (not only JSON.parse) meets them.
  return random() > 0.5
    ? nest
    : BASE_BODY.replace('"ConcurrencyBehavior","value":0', `"ConcurrencyBehavior","value":${nest}`).replace(
        '{"key":"subject","value":"Chat with Jordan Smith"}',
        `{"key":"subject","value":${'{"__type":"Entity:x","LogicalName":"a","Attributes":[{"key":"a","value":'.repeat(Math.min(depth, 2000))}1${"}]}".repeat(Math.min(depth, 2000))}}`,
      );
}

function randomBytes(): Buffer {
  const bytes = Buffer.alloc(1 + Math.floor(random() * 4096));
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

const KINDS = {
  truncated: () => BASE_BODY.slice(0, Math.floor(random() * (BASE_BODY.length - 1))),
  "wrong-types": wrongType,
  "deep-nesting": deepNesting,
  "huge-strings": () =>
    random() > 0.5
      ? BASE_BODY.replace("Chat with Jordan Smith", HUGE)
      : JSON.stringify({ MessageName: HUGE.slice(0, 1 + Math.floor(random() * HUGE.length)), PrimaryEntityName: "msdyn_ocliveworkitem" }),
  "random-bytes": randomBytes,
} as const;
type Kind = keyof typeof KINDS;
// Deep and huge bodies cost the generator, not the server: fewer of them keeps the run short.
const WEIGHTS: [Kind, number][] = [
  ["truncated", 30],
  ["wrong-types", 40],
  ["deep-nesting", 5],
  ["huge-strings", 3],
  ["random-bytes", 22],
];

function kindAt(): Kind {
  let roll = random() * 100;
  for (const [kind, weight] of WEIGHTS) if ((roll -= weight) < 0) return kind;
  return "truncated";
}

let running: Running;
beforeAll(async () => {
  running = await start();
});
afterAll(() => running.close());

test(`${RUNS.toLocaleString("en")} malformed bodies: no crash, no 5xx, still answering`, async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const send = (body: string | Buffer): Promise<{ status: number; ms: number }> =>
    new Promise((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = request(
        `${running.url}${VALIDATE_PATH}?code=${KEY}`,
        { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
        },
      );
      req.on("error", reject);
      req.setTimeout(HANG_GUARD_MS, () => req.destroy(new Error(`no answer within ${HANG_GUARD_MS} ms: the server hung`)));
      req.end(body);
    });

  const byKind = new Map<Kind, { count: number; maxMs: number; statuses: Record<number, number> }>();
  let maxMs = 0;
  for (let i = 0; i < RUNS; i++) {
    const kind = kindAt();
    const body = KINDS[kind]();
    const { status, ms } = await send(body);
    const stats = byKind.get(kind) ?? { count: 0, maxMs: 0, statuses: {} };
    stats.count++;
    stats.maxMs = Math.max(stats.maxMs, ms);
    stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
    byKind.set(kind, stats);
    maxMs = Math.max(maxMs, ms);
    if (status >= 500 || status < 200) throw new Error(`run ${i} (${kind}) answered ${status}`);
  }
  agent.destroy();

  const summary = {
    runs: RUNS,
    maxMs: Number(maxMs.toFixed(2)),
    byKind: Object.fromEntries([...byKind].map(([k, v]) => [k, { ...v, maxMs: Number(v.maxMs.toFixed(2)) }])),
    measuredAt: new Date().toISOString(),
  };
  mkdirSync(join(__dirname, "../../test-results"), { recursive: true });
  writeFileSync(join(__dirname, "../../test-results/webhook-fuzz.json"), `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(
    `webhook fuzz: ${RUNS} bodies, slowest answer ${summary.maxMs} ms (a figure; the latency budget is the bench's)\n${JSON.stringify(summary.byKind)}\n`,
  );

  expect([...byKind.values()].reduce((n, s) => n + s.count, 0)).toBe(RUNS);
  expect(byKind.size).toBe(Object.keys(KINDS).length);
  // Still alive, still validating.
  expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  const check = await post(running, bodyOf({ from: Status.Active, to: Status.Waiting, channels: ["live-chat"] }));
  expect(check).toMatchObject({ status: 422, json: { reason: "not-for-channel" } });
}, 600_000);
