/**
 * The stuck-scan budget: time and requests to scan 1,000 open conversations. By default against a
 * local HTTP server that answers the two requests with 1,000 rows (not a Dataverse: it ignores the
 * query); with --env <url> against any environment (the workbench's local Dataverse), credentials as
 * for the command. Prints figures; asserts nothing.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { main } from "../plugins/cli";
import { CHANNELS, STATUSES } from "../plugins/lifecycle";

const COUNT = 1000;
const RUNS = 5;
const NOW = Date.parse("2025-03-01T12:00:00Z");

function rows(): Record<string, unknown>[] {
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

async function localServer(): Promise<{ url: string; close: () => void }> {
  const conversations = JSON.stringify({ value: rows() });
  const workstreams = JSON.stringify({
    value: [{ msdyn_liveworkstreamid: "ffffffff-0000-4000-8000-000000000001", msdyn_name: "Chat", msdyn_conversationmode: 192350000 }],
  });
  const server = createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end(request.url?.includes("msdyn_ocliveworkitems") ? conversations : workstreams);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

async function scan(env: string): Promise<{ ms: number; requests: number; scanned: number }> {
  let out = "";
  const started = process.hrtime.bigint();
  const code = await main(
    ["stuck", "--env", env, "--json", "--now", new Date(NOW).toISOString()],
    { write: (t: string) => (out += t) },
    process.stderr,
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (code !== 0) throw new Error(`stuck exited ${code}`);
  const body = JSON.parse(out) as { requests: number; scanned: number };
  return { ms, requests: body.requests, scanned: body.scanned };
}

async function run(): Promise<void> {
  const at = process.argv.indexOf("--env");
  const server = at < 0 ? await localServer() : undefined;
  const env = at < 0 ? server!.url : process.argv[at + 1];
  try {
    await scan(env); // warm-up: module loading and the first connection
    const results = [];
    for (let i = 0; i < RUNS; i++) results.push(await scan(env));
    const times = results.map((r) => r.ms).sort((a, b) => a - b);
    const { requests, scanned } = results[0];
    console.log(`stuck scan of ${scanned} open conversations against ${server ? "a local HTTP server (canned rows)" : env}`);
    console.log(`  requests: ${requests}`);
    console.log(
      `  time: median ${times[Math.floor(RUNS / 2)].toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times[RUNS - 1].toFixed(1)} ms (${RUNS} runs)`,
    );
  } finally {
    server?.close();
  }
}

void run();
