/**
 * `npm run bench:webhook`: the packaged webhook (out/webhook/server.js, what admins deploy) against a
 * bare node:http server that parses the same context (bench/bare-server.ts), each in its own process.
 *   1. Cold start: process start → the first validated 200, both contenders in turns; medians and
 *      their ratio. Budget: ours ≤ 2 × bare.
 *   2. Throughput: autocannon (50 connections), taking turns in five rounds so that background load
 *      hits both alike; req/s over all rounds, latency percentiles over every request (histograms
 *      merged). Budgets: ≥ 25 k req/s, p99 ≤ 3 ms, ≥ 70 % of bare.
 *   3. Soak: 0 errors, RSS growth ≤ 20 MB (read after the first fifth, once the heap has settled).
 * Exits 1 when a budget is missed. Time budgets live here, not in the tests (CI shares its machine).
 *   node dist/bench/webhook.js [--seconds 10] [--soak-seconds 60] [--cold-starts 15]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import { CHANNELS } from "../plugins/lifecycle";
import { projectRoot } from "../plugins/strings/resx";

/** One autocannon run, unaggregated (skipAggregateResult): its latency histogram is still encoded. */
interface Raw {
  totalCompletedRequests: number;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface Result {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface Autocannon {
  (options: Record<string, unknown>, done: (error: Error | null, result: Raw) => void): unknown;
  /** Merges runs' histograms: percentiles over every request of every run. */
  aggregateResult(results: Raw[], options: Record<string, unknown>): { latency: Result["latency"] };
}
const autocannon = createRequire(__filename)("autocannon") as Autocannon;

const CONNECTIONS = 50;
const ROUNDS = 5;
const BUDGET = { coldStartRatio: 2, reqPerSec: 25_000, p99Ms: 3, ofBare: 0.7, soakErrors: 0, rssGrowthMb: 20 };
const KEY = "bench-key-0123456789abcdef";
const ROOT = projectRoot();
const PACKAGED = join(ROOT, "out/webhook/server.js");
const BARE = join(ROOT, "dist/bench/bare-server.js");
const PATH = "/api/validate-status-change";

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
}

/** The fixture context, moved from live chat to SMS: Active → Waiting is then allowed (200). */
function benchBody(): string {
  const text = JSON.stringify(JSON.parse(readFileSync(join(ROOT, "test/fixtures/webhook/update-conversation.json"), "utf8")));
  const live = CHANNELS.find((c) => c.name === "live-chat");
  const sms = CHANNELS.find((c) => c.name === "sms");
  if (!live || !sms) throw new Error("channel table changed: update the bench body");
  return text.replace(`"Value":${live.value}`, `"Value":${sms.value}`);
}

interface Contender {
  readonly label: string;
  readonly file: string;
  readonly url: (port: number) => string;
}
const OURS: Contender = { label: "webhook (packaged)", file: PACKAGED, url: (port) => `http://127.0.0.1:${port}${PATH}?code=${KEY}` };
const BARE_SERVER: Contender = { label: "bare node:http", file: BARE, url: (port) => `http://127.0.0.1:${port}${PATH}` };

function launch(contender: Contender): { child: ChildProcess; port: Promise<number> } {
  const child = spawn(process.execPath, [contender.file], {
    env: { PATH: process.env.PATH ?? "", WEBHOOK_KEYS: KEY, PORT: "0", LOG_LEVEL: "info", SHUTDOWN_DRAIN_MS: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const port = new Promise<number>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (d: Buffer) => {
      output += d.toString();
      const line = output.split("\n").find((l) => l.includes('"validator listening"'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => reject(new Error(`${contender.label} exited (${code}) before listening:\n${output}`)));
  });
  return { child, port };
}

function postOnce(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { "content-type": "application/json", connection: "close" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** Process start → the first validated 200, in ms. */
async function coldStart(contender: Contender, body: string): Promise<number> {
  const started = process.hrtime.bigint();
  const { child, port } = launch(contender);
  try {
    const status = await postOnce(contender.url(await port), body);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (status !== 200) throw new Error(`${contender.label} answered ${status} to its first request`);
    return ms;
  } finally {
    await stopped(child);
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

function load(url: string, body: string, seconds: number): Promise<Raw> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: "POST",
        connections: CONNECTIONS,
        duration: seconds,
        body,
        headers: { "content-type": "application/json", "x-ms-correlation-request-id": "bench" },
        skipAggregateResult: true,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/** Rounds → one figure: throughput over all rounds, latency percentiles over every request. */
function combine(url: string, rounds: Raw[]): Result {
  const sum = (f: (r: Raw) => number): number => rounds.reduce((n, r) => n + f(r), 0);
  const { latency } = autocannon.aggregateResult(rounds, { url, connections: CONNECTIONS });
  return {
    requests: { average: sum((r) => r.totalCompletedRequests) / sum((r) => r.duration), total: sum((r) => r.totalCompletedRequests) },
    latency: { p50: latency.p50, p99: latency.p99, max: latency.max },
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    non2xx: sum((r) => r.non2xx),
  };
}

const line = (label: string, r: Result): string =>
  `${label.padEnd(22)} ${Math.round(r.requests.average).toLocaleString("en").padStart(8)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   max ${r.latency.max} ms   non-2xx ${r.non2xx}   errors ${r.errors + r.timeouts}`;

async function main(): Promise<number> {
  for (const file of [PACKAGED, BARE])
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run package:webhook (npm run bench:webhook does).`);
  const seconds = flag("--seconds", 10);
  const soakSeconds = Math.max(2, flag("--soak-seconds", 60));
  const coldStarts = Math.round(flag("--cold-starts", 15));
  const body = benchBody();
  process.stdout.write(`webhook bench: ${Buffer.byteLength(body)}-byte context, node ${process.version}, ${new Date().toISOString()}\n`);

  // 1. Cold start, in turns.
  const times = { ours: [] as number[], bare: [] as number[] };
  await coldStart(OURS, body); // warms the file cache for both
  await coldStart(BARE_SERVER, body);
  for (let i = 0; i < coldStarts; i++) {
    times.bare.push(await coldStart(BARE_SERVER, body));
    times.ours.push(await coldStart(OURS, body));
  }
  const cold = { ours: median(times.ours), bare: median(times.bare) };
  const coldRatio = cold.ours / cold.bare;
  const spread = (values: number[]): string => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
  process.stdout.write(
    `cold start (process start → first validated 200, median of ${coldStarts}): ours ${cold.ours.toFixed(1)} ms (${spread(times.ours)}), bare ${cold.bare.toFixed(1)} ms (${spread(times.bare)}), ratio ${coldRatio.toFixed(2)} (budget ≤ ${BUDGET.coldStartRatio})\n`,
  );

  // 2. Throughput, in turns; 3. soak.
  const ours = launch(OURS);
  const bare = launch(BARE_SERVER);
  try {
    const [oursPort, barePort] = await Promise.all([ours.port, bare.port]);
    const oursUrl = OURS.url(oursPort);
    const bareUrl = BARE_SERVER.url(barePort);
    process.stdout.write(`throughput: ${CONNECTIONS} connections, ${seconds} s each in ${ROUNDS} rounds\n`);
    await load(oursUrl, body, 2);
    await load(bareUrl, body, 2);
    const bareRounds: Raw[] = [];
    const oursRounds: Raw[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareRounds.push(await load(bareUrl, body, seconds / ROUNDS));
      oursRounds.push(await load(oursUrl, body, seconds / ROUNDS));
    }
    const bareResult = combine(bareUrl, bareRounds);
    const oursResult = combine(oursUrl, oursRounds);
    process.stdout.write(`${line(BARE_SERVER.label, bareResult)}\n${line(OURS.label, oursResult)}\n`);
    const ratio = oursResult.requests.average / bareResult.requests.average;
    process.stdout.write(`webhook / bare: ${(ratio * 100).toFixed(1)} %\n`);

    // The heap grows to its working size in the first seconds under load (V8 sizes its young
    // generation then): RSS is read after that, so that the figure shows growth, not settling.
    const pid = ours.child.pid as number;
    const settle = await load(oursUrl, body, Math.max(1, Math.round(soakSeconds / 5)));
    const before = rssMb(pid);
    const rest = await load(oursUrl, body, soakSeconds - Math.max(1, Math.round(soakSeconds / 5)));
    const after = rssMb(pid);
    const soak = combine(oursUrl, [settle, rest]);
    const soakErrors = soak.errors + soak.timeouts + soak.non2xx;
    process.stdout.write(
      `${line(`soak ${soakSeconds} s`, soak)}\nsoak RSS: ${before.toFixed(1)} MB → ${after.toFixed(1)} MB (${(after - before).toFixed(1)} MB)\n`,
    );

    const misses = [
      coldRatio > BUDGET.coldStartRatio && `cold start ${coldRatio.toFixed(2)} × bare > ${BUDGET.coldStartRatio} ×`,
      oursResult.requests.average < BUDGET.reqPerSec && `${Math.round(oursResult.requests.average)} req/s < ${BUDGET.reqPerSec}`,
      oursResult.latency.p99 > BUDGET.p99Ms && `p99 ${oursResult.latency.p99} ms > ${BUDGET.p99Ms} ms`,
      ratio < BUDGET.ofBare && `${(ratio * 100).toFixed(1)} % of bare < ${BUDGET.ofBare * 100} %`,
      oursResult.non2xx + oursResult.errors + oursResult.timeouts > 0 &&
        `${oursResult.non2xx + oursResult.errors + oursResult.timeouts} failed requests under load`,
      soakErrors > BUDGET.soakErrors && `${soakErrors} errors in the soak`,
      after - before > BUDGET.rssGrowthMb && `RSS grew ${(after - before).toFixed(1)} MB > ${BUDGET.rssGrowthMb} MB`,
    ].filter((m): m is string => typeof m === "string");
    process.stdout.write(misses.length === 0 ? "all budgets met\n" : `BUDGET MISSED: ${misses.join("; ")}\n`);
    return misses.length === 0 ? 0 : 1;
  } finally {
    await Promise.all([stopped(ours.child), stopped(bare.child)]);
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
