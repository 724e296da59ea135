/** docs/operations.md stays true to the code: the samples, the workbench walk-through, the requests, the flags, the error table, the budget's requests. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CLOSE_BODY } from "../../plugins/admin/close";
import { ERRORS } from "../../plugins/admin/errors";
import { AUDIT_SETTINGS, HISTORY_HELP, conversationPath, workstreamPath } from "../../plugins/admin/history";
import { auditDetailsPath, auditsPath } from "../../plugins/admin/audit";
import { WORKSTREAMS_PATH, openConversationsPath, queueByNamePath } from "../../plugins/admin/stuck";
import { STUCK_HELP } from "../../plugins/admin/stuckCommand";
import { fencedBlock, tableRows } from "../support/markdown";
import { serve } from "./http";
import { run } from "./run";
import { HISTORY_NOW, STUCK_NOW, historyDataverse, stuckDataverse, vars } from "./scenarios";
import { CONVERSATION } from "./shapes";
import { CALLER_LISTS, startBench, type Bench } from "./workbench";
import { startSeededDataverse } from "../../bench/stuck";

const doc = readFileSync(join(__dirname, "../../docs/operations.md"), "utf8");

test("the history sample is what the command prints for the scenario today", async () => {
  const fixture = await serve(historyDataverse());
  try {
    const r = await run(["history", CONVERSATION, "--env", fixture.url, "--now", HISTORY_NOW], vars);
    expect(r.code).toBe(0);
    expect(fencedBlock(doc, "history")).toBe(r.stdout);
  } finally {
    await fixture.close();
  }
});

test("the stuck sample is what the command prints for the scenario today", async () => {
  const fixture = await serve(stuckDataverse());
  try {
    const r = await run(["stuck", "--env", fixture.url, "--now", STUCK_NOW]);
    expect(r.code).toBe(0);
    expect(fencedBlock(doc, "stuck")).toBe(r.stdout);
  } finally {
    await fixture.close();
  }
});

test("the requests listed for the local Dataverse are the ones the commands build", () => {
  const history = fencedBlock(doc, "history-requests")!;
  for (const path of [
    conversationPath("<id>"),
    workstreamPath("<workstream id>"),
    AUDIT_SETTINGS.organization,
    AUDIT_SETTINGS.table,
    AUDIT_SETTINGS.column,
    auditsPath("<id>"),
    auditDetailsPath("<auditid>"),
  ])
    expect(history).toContain(`GET ${path}\n`);
  expect(history.match(/^GET /gm)).toHaveLength(7);
  const stuck = fencedBlock(doc, "stuck-requests")!;
  expect(stuck).toContain(`GET ${queueByNamePath("<name>")} `);
  expect(stuck).toContain(`GET ${openConversationsPath({})}[ and statuscode eq <status>][ and _msdyn_cdsqueueid_value eq <queue id>]\n`);
  expect(openConversationsPath({ status: 5, queueId: "<queue id>" })).toBe(
    `${openConversationsPath({})} and statuscode eq 5 and _msdyn_cdsqueueid_value eq <queue id>`,
  );
  expect(stuck).toContain(`GET ${WORKSTREAMS_PATH}\n`);
  expect(stuck).toContain(JSON.stringify(CLOSE_BODY));
});

test("every flag of both commands' --help is explained in the docs", () => {
  const flags = [...`${HISTORY_HELP}\n${STUCK_HELP}`.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]).filter((f) => f !== "--help");
  expect(flags.length).toBeGreaterThan(12);
  for (const flag of new Set(flags)) expect(doc).toContain(`\`${flag}`);
});

test("every error code is in the docs' table with its exit status and hint", () => {
  const rows = tableRows(doc).filter((row) => /^`[a-z-]+`$/.test(row[0]) && /^\d$/.test(row[1]));
  expect(rows).toEqual(Object.entries(ERRORS).map(([code, { exit, hint }]) => [`\`${code}\``, String(exit), hint]));
});

test("the docs cite Microsoft's advice against changing a conversation's status by hand, with the page", () => {
  expect(doc).toContain("https://learn.microsoft.com/dynamics365/customer-service/administer/auto-close-conversation-powerapps");
  expect(doc).toContain("OPERATOR_USER_IDS");
  expect(doc).toContain("192350016");
});

/** The walk-through's URL, and the id shown for the conversation the workbench creates (each run makes a new one). */
const WORKBENCH = "http://127.0.0.1:8080";
const EXAMPLE_ID = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

/** Runs the walk-through against a workbench: each command as a newcomer types it, then what it prints. */
async function walkThrough(bench: Bench): Promise<string> {
  const lines: string[] = [];
  const curl = async (path: string, body: unknown) => {
    lines.push(
      `$ curl -s -X POST ${WORKBENCH}${path} -H 'Content-Type: application/json' -d '${JSON.stringify(body)}'`,
      JSON.stringify(await bench.control("POST", path.replace("/workbench/api", ""), body)),
    );
  };
  await curl("/workbench/api/platform/conversations", { kind: "live-chat" });
  const id = (JSON.parse(lines[1]) as { id: string }).id;
  await curl("/workbench/api/clock", { advance: "1h" });
  const cli = async (args: string[], vars: NodeJS.ProcessEnv = {}) => {
    const prefix = Object.entries(vars).map(([name, value]) => `${name}=${value} `);
    lines.push(`$ ${prefix.join("")}npx conversation-state ${args.join(" ")}`);
    const r = await run(
      args.map((arg) => (arg === WORKBENCH ? bench.url : arg)),
      vars,
    );
    expect(r.code).toBe(0);
    lines.push(r.stdout.trimEnd());
  };
  await cli(["stuck", "--env", WORKBENCH]);
  await cli(["stuck", "--env", WORKBENCH, "--close", "--yes"]);
  await cli(["history", id, "--env", WORKBENCH], CALLER_LISTS);
  return lines.join("\n").replaceAll(id, EXAMPLE_ID).replaceAll(bench.url, WORKBENCH) + "\n";
}

test("the workbench walk-through is what the commands print against the workbench (npm start's parts) today", async () => {
  const bench = await startBench();
  try {
    expect(fencedBlock(doc, "workbench")).toBe(await walkThrough(bench));
  } finally {
    await bench.stop();
  }
});

test("the budget's requests are those of a real 1,000-conversation scan of the local Dataverse", async () => {
  const row = tableRows(doc).find((cells) => cells[0] === "1,000 open conversations, the workbench's local Dataverse");
  expect(row?.[1]).toBe("2");
  const dataverse = await startSeededDataverse(1000);
  try {
    const r = await run(["stuck", "--env", dataverse.url, "--json"]);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body).toMatchObject({ scanned: 1000, pages: 1, requests: 2 });
    expect(doc).toContain(`so ${body.conversations.length} of them are past their closure`);
    expect(dataverse.received()).toBe(2);
  } finally {
    await dataverse.stop();
  }
});
