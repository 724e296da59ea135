/**
 * The "Done when", against the workbench exactly as `npm start` runs it (startWorkbench: the
 * local Dataverse with its data file, the webhook registered with register-webhook), its simulated clock
 * on real time plus the jumps made through /workbench/api/clock. Real time only adds (milliseconds between
 * two requests may tip a timestamp into the next second), so times are checked against the workbench's
 * own audit trail, never against this machine's clock.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Status, StatusChangeReason } from "../../plugins/lifecycle";
import { startWorkbench, type Running } from "../../workbench/start";
import { run } from "./run";
import { AS, CALLER_LISTS, SEED, type AuditEntry } from "./workbench";

let workbench: Running;
const folder = mkdtempSync(join(tmpdir(), "npm-start-"));
beforeAll(async () => {
  workbench = await startWorkbench({
    port: 0,
    dataFile: join(folder, "dataverse.json"),
    reset: true,
    out: () => undefined,
    log: () => undefined,
  });
});
afterAll(async () => {
  await workbench.stop();
  rmSync(folder, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${workbench.url}${path}`, {
    method,
    headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : {};
}
const advance = (by: string) => call("POST", "/workbench/api/clock", { advance: by });
const newLiveChat = async () => (await call("POST", "/workbench/api/platform/conversations", { kind: "live-chat" })).id as string;
const patch = (id: string, body: Record<string, unknown>, headers: Record<string, string>) =>
  call("PATCH", `/api/data/v9.2/msdyn_ocliveworkitems(${id})`, body, { "If-Match": "*", ...headers });
const audits = async (id: string) => (await call("GET", `/workbench/api/audits?recordId=${id}`)) as unknown as AuditEntry[];
const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

test("history --json of a conversation walked from Open to Closed: each move in order, its verdict, and the time in each status", async () => {
  const id = await newLiveChat();
  await advance("5m");
  await call("POST", "/workbench/api/platform/moves", { conversationId: id, trigger: "routing-assigns", to: Status.Active });
  await advance("15m");
  await patch(id, { statuscode: Status.WrapUp, msdyn_statuschangereason: StatusChangeReason.AgentMovedToWrapUp }, AS.agentInBrowser);
  await advance("5m");
  await patch(id, { statuscode: Status.Closed, msdyn_statuschangereason: StatusChangeReason.ConversationEndedByAgent }, AS.agentInBrowser);

  const r = await run(["history", id, "--env", workbench.url, "--json"], CALLER_LISTS);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const body = JSON.parse(r.stdout);
  const trail = (await audits(id)).map((a) => a.createdOn);
  expect(trail).toHaveLength(4);
  expect(
    body.steps.map((s: { from: number; to: number; at: string; caller: string; verdict: { allowed: boolean } }) => [
      s.from,
      s.to,
      s.at,
      s.caller,
      s.verdict.allowed,
    ]),
  ).toEqual([
    [null, Status.Open, new Date(trail[0]).toISOString(), "platform", true],
    [Status.Open, Status.Active, new Date(trail[1]).toISOString(), "platform", true],
    [Status.Active, Status.WrapUp, new Date(trail[2]).toISOString(), "user", true],
    [Status.WrapUp, Status.Closed, new Date(trail[3]).toISOString(), "user", true],
  ]);
  expect(body.timeInStatus).toEqual({
    open: seconds(trail[0], trail[1]),
    active: seconds(trail[1], trail[2]),
    waiting: 0,
    "wrap-up": seconds(trail[2], trail[3]),
  });
  // At least the jumps of the simulated clock (real time can only add to them).
  expect(body.timeInStatus.open).toBeGreaterThanOrEqual(300);
  expect(body.timeInStatus.active).toBeGreaterThanOrEqual(900);
  expect(body.timeInStatus["wrap-up"]).toBeGreaterThanOrEqual(300);
});

test("stuck finds a conversation left past its closure on the workbench's clock, and stuck --close --yes closes it with 192350016, as the audit shows", async () => {
  const id = await newLiveChat();
  await advance("1h");
  const listed = await run(["stuck", "--env", workbench.url, "--json"]);
  expect(listed.code).toBe(0);
  const found = JSON.parse(listed.stdout).conversations.find((c: { id: string }) => c.id === id);
  expect(found).toMatchObject({ status: Status.Open, limitSeconds: 1200, expected: { to: Status.Closed } });
  expect(found.timeInStatusSeconds).toBeGreaterThanOrEqual(3600);

  const closed = await run(["stuck", "--env", workbench.url, "--close", "--yes"]);
  expect(closed.code).toBe(0);
  expect(closed.stdout).toMatch(/Close: closed \d+, changed since listed 0, refused 0, failed 0\./);
  const last = (await audits(id)).at(-1)!;
  expect(last).toMatchObject({
    userId: SEED.users.admin,
    changes: {
      statuscode: { old: Status.Open, new: Status.Closed },
      msdyn_statuschangereason: { new: StatusChangeReason.ClosedInDataverseDirectlyByAdmin },
    },
  });
  const history = JSON.parse((await run(["history", id, "--env", workbench.url, "--json"], CALLER_LISTS)).stdout);
  expect(history.steps.at(-1)).toMatchObject({
    caller: "operator",
    reason: 192350016,
    verdict: { allowed: true, reason: "operator-close" },
  });
});

test("a reset starts again from the seed and the workbench registers its webhook again: an agent's denied write is still refused", async () => {
  await call("POST", "/workbench/api/reset");
  // The registration follows the reset's event; its last write is the step's pre-image.
  for (let tries = 0; ; tries++) {
    const images = (await call("GET", "/api/data/v9.2/sdkmessageprocessingstepimages?$select=name")).value as unknown[];
    if (images.length > 0) break;
    if (tries > 200) throw new Error("The webhook was not registered again after the reset.");
    await new Promise((done) => setImmediate(done));
  }
  const id = await newLiveChat();
  await call("POST", "/workbench/api/platform/moves", { conversationId: id, trigger: "routing-assigns", to: Status.Active });
  await expect(patch(id, { statuscode: Status.Waiting }, AS.agentInBrowser)).rejects.toThrow(/answered 4\d\d/);
  const record = await call("GET", `/api/data/v9.2/msdyn_ocliveworkitems(${id})?$select=statuscode`);
  expect(record.statuscode).toBe(Status.Active);
});
