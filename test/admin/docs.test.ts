/** docs/operations.md stays true to the code: the samples, the requests, the flags, the error table. */
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
