/**
 * The documented transitions and denials, over real HTTP, for every channel kind: each answer
 * matches the lifecycle model (user changes are the agent's), and the message is formatVerdict's
 * with the English resx strings.
 */
import { ALL_CHANNEL_KINDS, STATUSES, Status, TRANSITIONS, evaluate, formatVerdict } from "../../plugins/lifecycle";
import { loadStrings } from "../../plugins/strings/resx";
import { bodyOf } from "../fixtures/webhook/builder";
import { post, start, type Running } from "./harness";
import { KIND_VARIANTS, PERSISTENT_ID } from "./kinds";

const english = loadStrings(1033);
let running: Running;

beforeAll(async () => {
  running = await start({ PERSISTENT_WORKSTREAMS: PERSISTENT_ID });
});
afterAll(() => running.close());

describe("the issue's acceptance case", () => {
  test("a user moving a live-chat conversation Active → Waiting is denied with 422", async () => {
    const reply = await post(running, bodyOf({ from: Status.Active, to: Status.Waiting, channels: ["live-chat"] }));
    expect(reply.status).toBe(422);
    expect(reply.json).toMatchObject({
      allowed: false,
      reason: "not-for-channel",
      from: Status.Active,
      to: Status.Waiting,
      channel: "live-chat",
      caller: "interactive-user",
    });
    expect(reply.json.message).toContain("Waiting state applies only to asynchronous and persistent chats");
  });

  test("the same move on SMS is allowed with 200", async () => {
    const reply = await post(running, bodyOf({ from: Status.Active, to: Status.Waiting, channels: ["sms"] }));
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ allowed: true, reason: "allowed", channel: "messaging" });
  });

  test("the same move in a workstream listed in PERSISTENT_WORKSTREAMS is persistent chat: allowed", async () => {
    const reply = await post(running, bodyOf({ from: Status.Active, to: Status.Waiting, ...KIND_VARIANTS["persistent-chat"] }));
    expect(reply.json).toMatchObject({ allowed: true, channel: "persistent-chat" });
  });
});

describe("every agent transition of the model is allowed on each of its channel kinds", () => {
  for (const t of TRANSITIONS.filter((row) => row.actor === "agent")) {
    test(t.id, async () => {
      for (const kind of t.channels) {
        const reply = await post(running, bodyOf({ from: t.from, to: t.to, ...KIND_VARIANTS[kind] }));
        expect({ kind, status: reply.status, allowed: reply.json.allowed }).toEqual({ kind, status: 200, allowed: true });
      }
    });
  }
});

describe("named denials", () => {
  const cases: [string, number, number, keyof typeof KIND_VARIANTS, string][] = [
    ["Closed is final", Status.Closed, Status.Active, "messaging", "terminal"],
    ["voice has no Waiting", Status.Active, Status.Waiting, "voice", "not-for-channel"],
    ["routing, not an agent, assigns voice", Status.Open, Status.Active, "voice", "not-for-actor"],
    ["an agent does not close an Open chat", Status.Open, Status.Closed, "live-chat", "not-for-actor"],
    ["Resolved is internal", Status.Active, Status.Resolved, "record", "internal-status"],
    ["no move from Wrap-up back to Active", Status.WrapUp, Status.Active, "live-chat", "no-such-transition"],
    ["an unknown status reason", Status.Active, 99, "messaging", "unknown-status"],
  ];
  for (const [name, from, to, kind, reason] of cases) {
    test(`${name}: 422 ${reason}`, async () => {
      const reply = await post(running, bodyOf({ from, to, ...KIND_VARIANTS[kind] }));
      expect(reply.status).toBe(422);
      expect(reply.json).toMatchObject({ allowed: false, reason, from, to });
      expect(reply.json.message).toBe(formatVerdict(evaluate(from, to, kind, "agent"), (key) => english[key]));
    });
  }
});

describe("every (from, to) pair for every channel kind answers as the model does", () => {
  for (const kind of ALL_CHANNEL_KINDS) {
    test(kind, async () => {
      for (const from of STATUSES) {
        for (const to of STATUSES) {
          const verdict = evaluate(from.value, to.value, kind, "agent");
          const reply = await post(running, bodyOf({ from: from.value, to: to.value, ...KIND_VARIANTS[kind] }));
          expect({ from: from.value, to: to.value, status: reply.status, reason: reply.json.reason }).toEqual({
            from: from.value,
            to: to.value,
            status: verdict.allowed ? 200 : 422,
            reason: verdict.reason,
          });
          expect(reply.json.message).toBe(formatVerdict(verdict, (key) => english[key]));
        }
      }
    });
  }
});
