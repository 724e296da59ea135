/**
 * `npm run bench:webhook`: autocannon (50 connections) against our webhook and a bare node:http
 * server that parses the same context, in the same run, each server in its own process; then a
 * soak of our server. The two contenders take turns in five rounds, so background load on the
 * machine hits both alike; throughput is over all rounds, and latency percentiles over every
 * request of every round (autocannon's histograms, merged). Budgets (issue 4): ≥ 25 k req/s, p99 ≤ 3 ms, ≥ 70 % of bare; soak 0 errors
 * and RSS growth ≤ 20 MB. Exits 1 when a budget is missed.
 *   node dist/bench/webhook.js [--seconds 10] [--soak-seconds 60]
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
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
const BUDGET = { reqPerSec: 25_000, p99Ms: 3, ofBare: 0.7, soakErrors: 0, rssGrowthMb: 20 };
const KEY = "bench-key";
const ROOT = projectRoot();

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number of seconds`);
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

/** The bare contender: read, JSON.parse, answer. Runs in a child process. */
function bareServer(): void {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { MessageName?: string };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ allowed: true, message: body.MessageName }));
    });
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    process.stdout.write(
      `${JSON.stringify({ msg: "validator listening", port: typeof address === "object" && address ? address.port : 0 })}\n`,
    );
  });
}

function portOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (d: Buffer) => {
      output += d.toString();
      const line = output.split("\n").find((l) => l.includes('"validator listening"'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
}

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
  const seconds = flag("--seconds", 10);
  const soakSeconds = flag("--soak-seconds", 60);
  const body = benchBody();
  const ours = spawn(process.execPath, [join(ROOT, "dist/plugins/webhook/server.js")], {
    env: { PATH: process.env.PATH ?? "", WEBHOOK_KEYS: KEY, PORT: "0", LOG_LEVEL: "info" },
  });
  const bare = fork(__filename, ["--bare-server"], { stdio: ["ignore", "pipe", "pipe", "ipc"] });
  try {
    const [oursPort, barePort] = await Promise.all([portOf(ours), portOf(bare)]);
    const oursUrl = `http://127.0.0.1:${oursPort}/api/validate-status-change?code=${KEY}`;
    const bareUrl = `http://127.0.0.1:${barePort}/api/validate-status-change`;
    process.stdout.write(
      `webhook bench: ${Buffer.byteLength(body)}-byte context, ${CONNECTIONS} connections, ${seconds} s each, node ${process.version}, ${new Date().toISOString()}\n`,
    );
    await load(oursUrl, body, 2);
    await load(bareUrl, body, 2);
    // Alternating rounds: load from other processes on the machine hits both contenders alike.
    const bareRounds: Raw[] = [];
    const oursRounds: Raw[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareRounds.push(await load(bareUrl, body, seconds / ROUNDS));
      oursRounds.push(await load(oursUrl, body, seconds / ROUNDS));
    }
    const bareResult = combine(bareUrl, bareRounds);
    const oursResult = combine(oursUrl, oursRounds);
    process.stdout.write(`${line("bare node:http", bareResult)}\n${line("webhook (validated)", oursResult)}\n`);
    const ratio = oursResult.requests.average / bareResult.requests.average;
    process.stdout.write(`webhook / bare: ${(ratio * 100).toFixed(1)} %\n`);

    const before = rssMb(ours.pid as number);
    const soak = combine(oursUrl, [await load(oursUrl, body, soakSeconds)]);
    const after = rssMb(ours.pid as number);
    const soakErrors = soak.errors + soak.timeouts + soak.non2xx;
    process.stdout.write(
      `${line(`soak ${soakSeconds} s`, soak)}\nsoak RSS: ${before.toFixed(1)} MB → ${after.toFixed(1)} MB (${(after - before).toFixed(1)} MB)\n`,
    );

    const misses = [
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
    ours.kill("SIGTERM");
    bare.kill("SIGTERM");
  }
}

if (process.argv.includes("--bare-server")) bareServer();
else
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
