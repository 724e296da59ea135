/**
 * The stuck-scan budget (npm run bench:stuck): time and requests to scan 1,000 open conversations.
 * By default against the workbench's local Dataverse (in memory, on a free loopback port), seeded
 * through its Web API with 1,000 open conversations of every channel kind and open status, created
 * over 30 simulated hours so that some are past their documented closure. Other modes:
 *   --canned      a plain HTTP server that answers 1,000 canned rows (the command's own cost, no Dataverse)
 *   --env <url>   any environment (credentials as for the command)
 * Each mode: one warm-up scan, then 5 timed scans, each `conversation-state stuck --json` in this process.
 * Prints figures; asserts nothing.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { main } from "../plugins/cli";
import { CHANNELS, ConversationMode, Status, STATUSES, stateOf, type StatusValue } from "../plugins/lifecycle";
import { mapLimit } from "../plugins/admin/session";
import { NEW_CONVERSATION_KINDS, type NewConversationKind } from "../workbench/platform";
import { buildDataverseApp, createDataverse, PLATFORM_USER_AGENT, SEED } from "../workbench/dataverse";

const COUNT = 1000;
const RUNS = 5;
const NOW = Date.parse("2025-03-01T12:00:00Z");
/** When the seeded local Dataverse's clock starts. */
const SEED_START = Date.parse("2026-03-02T00:00:00Z");
const ROUNDS = 10;
const HOURS_BETWEEN_ROUNDS = 3;

/** The open statuses each kind of conversation can be in (Waiting only where the lifecycle has it; a case starts Active). */
const OPEN_STATUSES: Readonly<Record<NewConversationKind, readonly StatusValue[]>> = {
  "live-chat": [Status.Open, Status.Active, Status.WrapUp],
  "persistent-chat": [Status.Open, Status.Active, Status.Waiting, Status.WrapUp],
  sms: [Status.Open, Status.Active, Status.Waiting, Status.WrapUp],
  voice: [Status.Open, Status.Active, Status.WrapUp],
  record: [Status.Active],
};
const KINDS = Object.keys(NEW_CONVERSATION_KINDS) as NewConversationKind[];

/** The i-th seeded conversation: kinds in turn, and each kind's open statuses in turn. */
export function seededConversation(i: number): Record<string, unknown> {
  const kind = KINDS[i % KINDS.length];
  const spec = NEW_CONVERSATION_KINDS[kind];
  const statuses = OPEN_STATUSES[kind];
  const status = statuses[Math.floor(i / KINDS.length) % statuses.length];
  return {
    subject: `${spec.subject} (#${i + 1})`,
    statuscode: status,
    statecode: stateOf(status),
    msdyn_channel: String(spec.channel),
    "msdyn_liveworkstreamid_msdyn_ocliveworkitem@odata.bind": `/msdyn_liveworkstreams(${spec.workstream})`,
  };
}

/**
 * Creates `count` open conversations through the Web API at `url`, as Omnichannel's application user,
 * in rounds with the simulated clock moved on between them (POST /workbench/api/clock), so their time
 * in status runs from minutes to a day and more.
 */
export async function seedOpenConversations(url: string, count: number): Promise<void> {
  const perRound = Math.ceil(count / ROUNDS);
  for (let start = 0; start < count; start += perRound) {
    const batch = Array.from({ length: Math.min(perRound, count - start) }, (_, k) => start + k);
    await mapLimit(batch, 8, async (i) => {
      const response = await fetch(`${url}/api/data/v9.2/msdyn_ocliveworkitems`, {
        method: "POST",
        headers: { "content-type": "application/json", mscrmcallerid: SEED.users.application, "user-agent": PLATFORM_USER_AGENT },
        body: JSON.stringify(seededConversation(i)),
      });
      if (response.status !== 204) throw new Error(`seeding conversation ${i + 1}: HTTP ${response.status} ${await response.text()}`);
    });
    const clock = await fetch(`${url}/workbench/api/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advance: `${HOURS_BETWEEN_ROUNDS}h` }),
    });
    if (!clock.ok) throw new Error(`moving the clock: HTTP ${clock.status}`);
  }
}

export interface SeededDataverse {
  readonly url: string;
  /** Web API requests the local Dataverse has received since the seeding. */
  readonly received: () => number;
  stop(): Promise<void>;
}

/** A local Dataverse in memory on 127.0.0.1, seeded with `count` open conversations. */
export async function startSeededDataverse(count: number): Promise<SeededDataverse> {
  let received = 0;
  const dataverse = createDataverse({ now: () => SEED_START, log: () => undefined, onRequest: () => void received++ });
  const app = buildDataverseApp(dataverse);
  await app.listen({ host: "127.0.0.1", port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  await seedOpenConversations(url, count);
  received = 0;
  return { url, received: () => received, stop: () => app.close() };
}

function cannedRows(): Record<string, unknown>[] {
  const open = STATUSES.filter((s) => !s.terminal && !s.internal);
  return Array.from({ length: COUNT }, (_, i) => ({
    "@odata.etag": `W/"${i}"`,
    activityid: `dddddddd-0000-4000-8000-${String(i).padStart(12, "0")}`,
    statuscode: open[i % open.length].value,
    msdyn_channel: String(CHANNELS[i % CHANNELS.length].value),
    msdyn_statusupdatedon: new Date(NOW - i * 60_000).toISOString(),
    modifiedon: new Date(NOW - i * 60_000).toISOString(),
    "_msdyn_activeagentid_value@OData.Community.Display.V1.FormattedValue": `Agent ${i % 50}`,
    _msdyn_activeagentid_value: `eeeeeeee-0000-4000-8000-${String(i % 50).padStart(12, "0")}`,
    _msdyn_liveworkstreamid_value: "ffffffff-0000-4000-8000-000000000001",
    _msdyn_cdsqueueid_value: "ffffffff-0000-4000-8000-000000000002",
  }));
}

/** Answers the two requests of a scan with canned rows (it ignores the query: not a Dataverse). */
async function cannedServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const conversations = JSON.stringify({ value: cannedRows() });
  const workstreams = JSON.stringify({
    value: [
      { msdyn_liveworkstreamid: "ffffffff-0000-4000-8000-000000000001", msdyn_name: "Chat", msdyn_conversationmode: ConversationMode.Live },
    ],
  });
  const server = createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end(request.url?.includes("msdyn_ocliveworkitems") ? conversations : workstreams);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Scan {
  readonly ms: number;
  readonly requests: number;
  readonly scanned: number;
  readonly pages: number;
  readonly stuck: number;
}

async function scan(env: string, now: string | undefined): Promise<Scan> {
  let out = "";
  const started = process.hrtime.bigint();
  const code = await main(
    ["stuck", "--env", env, "--json", ...(now ? ["--now", now] : [])],
    { write: (t: string) => (out += t) },
    process.stderr,
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (code !== 0) throw new Error(`stuck exited ${code}`);
  const body = JSON.parse(out) as { requests: number; scanned: number; pages: number; conversations: unknown[] };
  return { ms, requests: body.requests, scanned: body.scanned, pages: body.pages, stuck: body.conversations.length };
}

async function run(): Promise<void> {
  const at = process.argv.indexOf("--env");
  const mode = at >= 0 ? "env" : process.argv.includes("--canned") ? "canned" : "local";
  let target: { url: string; what: string; received?: () => number; stop?: () => Promise<void> };
  if (mode === "env") target = { url: process.argv[at + 1], what: process.argv[at + 1] };
  else if (mode === "canned") {
    const server = await cannedServer();
    target = { ...server, what: "a local HTTP server (1,000 canned rows, not a Dataverse)" };
  } else {
    const seeding = process.hrtime.bigint();
    const dataverse = await startSeededDataverse(COUNT);
    const seeded = Number(process.hrtime.bigint() - seeding) / 1e6;
    target = {
      ...dataverse,
      what: `the workbench's local Dataverse (in memory; ${COUNT} conversations seeded through its Web API in ${(seeded / 1000).toFixed(1)} s)`,
    };
  }
  try {
    // The canned rows are dated around NOW; a local Dataverse or an environment is measured on its own clock.
    const now = mode === "canned" ? new Date(NOW).toISOString() : undefined;
    await scan(target.url, now); // warm-up: module loading and the first connection
    const before = target.received?.() ?? 0;
    const results: Scan[] = [];
    for (let i = 0; i < RUNS; i++) results.push(await scan(target.url, now));
    const times = results.map((r) => r.ms).sort((a, b) => a - b);
    const { requests, scanned, pages, stuck } = results[0];
    console.log(`stuck scan of ${scanned} open conversations against ${target.what}`);
    console.log(`  requests: ${requests} per scan (${pages} page${pages === 1 ? "" : "s"} of conversations, then the workstreams)`);
    if (target.received) console.log(`  received by the local Dataverse: ${target.received() - before} for ${RUNS} scans`);
    console.log(`  past their documented closure: ${stuck}`);
    console.log(
      `  time: median ${times[Math.floor(RUNS / 2)].toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times[RUNS - 1].toFixed(1)} ms (${RUNS} scans, after one warm-up)`,
    );
  } finally {
    await target.stop?.();
  }
}

if (require.main === module) void run();
