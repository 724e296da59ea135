/**
 * Every caller class and its rule, over real HTTP on 127.0.0.1: platform (listed ids), platform by
 * parent message, platform by user agent only, interactive user and any other API client (the
 * operator's close: operator.test.ts). Every decision logs its class and why.
 */
import { CALLER_CLASSES, classifyCaller, type CallerFacts } from "../../plugins/caller";
import { STATUSES, State, Status, StatusChangeReason, evaluate } from "../../plugins/lifecycle";
import { SettingsError, loadSettings } from "../../plugins/webhook/settings";
import { OMNICHANNEL_AGENT, USER_ID, bodyOf, buildContext, type Variant } from "../fixtures/webhook/builder";
import { APP_USER, CASE_ENV, OPERATOR, fixture } from "./cases";
import { post, start, type Running } from "./harness";

const LIVE_ACTIVE_TO_WAITING = { from: Status.Active, to: Status.Waiting, channels: ["live-chat"] } as const;
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

let enforce: Running;
let audit: Running;
beforeAll(async () => {
  [enforce, audit] = await Promise.all([start({ ...CASE_ENV, LOG_LEVEL: "debug" }), start({ ...CASE_ENV, MODE: "audit" })]);
});
afterAll(() => Promise.all([enforce.close(), audit.close()]));

let correlation = 0;
/** Posts and returns the answer with the request's log line (by correlation id). */
async function decide(body: string, running: Running = enforce) {
  const correlationId = `corr-caller-${++correlation}`;
  const reply = await post(running, body, { headers: { "x-ms-correlation-request-id": correlationId } });
  return { ...reply, line: running.logs().find((l) => l.correlationId === correlationId) };
}

test("the classes are tried in the documented order", () => {
  expect(CALLER_CLASSES).toEqual([
    "platform",
    "platform-parent-message",
    "operator",
    "platform-user-agent",
    "interactive-user",
    "api-client",
  ]);
  const settings = loadSettings(CASE_ENV);
  const facts: CallerFacts = {
    userAgent: OMNICHANNEL_AGENT,
    initiatingUserId: APP_USER,
    userId: OPERATOR,
    parentMessages: ["CCaaS_EndSession"],
    statusChangeReason: StatusChangeReason.ForceClosedBySupervisor,
  };
  expect(classifyCaller(facts, settings).class).toBe("platform");
  expect(classifyCaller({ ...facts, initiatingUserId: null }, settings).class).toBe("platform-parent-message");
  expect(classifyCaller({ ...facts, initiatingUserId: null, parentMessages: [] }, settings).class).toBe("operator");
  expect(classifyCaller({ ...facts, initiatingUserId: null, userId: null, parentMessages: [] }, settings).class).toBe(
    "platform-user-agent",
  );
  expect(classifyCaller({ ...facts, initiatingUserId: null, userId: null, parentMessages: [], userAgent: BROWSER }, settings).class).toBe(
    "interactive-user",
  );
  expect(classifyCaller({ ...facts, initiatingUserId: null, userId: null, parentMessages: [], userAgent: "" }, settings).class).toBe(
    "api-client",
  );
});

describe("platform: a listed application user", () => {
  test("is never blocked, and a move the model has not is logged (warn) with the class and why", async () => {
    for (const ids of [{ initiatingUserId: `{${APP_USER.toUpperCase()}}` }, { userId: APP_USER, initiatingUserId: USER_ID }]) {
      const { status, json, line } = await decide(bodyOf({ ...LIVE_ACTIVE_TO_WAITING, ...ids }));
      expect({ status, caller: json.caller, modelAllowed: json.modelAllowed }).toEqual({
        status: 200,
        caller: "platform",
        modelAllowed: false,
      });
      expect(line).toMatchObject({ level: 40, caller: "platform", why: expect.stringContaining("is in PLATFORM_USER_IDS") });
    }
  });

  test("a value the check reads with the wrong type: 400 for a user, 200 with the reason for the platform and in audit mode", async () => {
    const unreadable = (variant: Variant): string =>
      bodyOf({ ...LIVE_ACTIVE_TO_WAITING, ...variant }).replace(`"Value":${Status.Active}`, `"Value":"${Status.Active}"`);
    const user = await decide(unreadable({}));
    expect(user.status).toBe(400);
    const platform = await decide(unreadable({ initiatingUserId: APP_USER }));
    expect(platform.json).toMatchObject({ allowed: true, reason: "insufficient-context", gap: "unreadable-value", caller: "platform" });
    expect(platform.line).toMatchObject({ level: 40, gap: "unreadable-value", problem: expect.stringContaining("PreEntityImages[0]") });
    expect((await decide(unreadable({}), audit)).json).toMatchObject({
      allowed: true,
      gap: "unreadable-value",
      caller: "interactive-user",
    });
  });

  test("without a pre-image it passes unchecked (logged)", async () => {
    const { json, line } = await decide(bodyOf({ ...LIVE_ACTIVE_TO_WAITING, preImage: false, initiatingUserId: APP_USER }));
    expect(json).toMatchObject({ allowed: true, reason: "insufficient-context", gap: "no-pre-image" });
    expect(line).toMatchObject({ msg: "platform change allowed unchecked: insufficient-context", caller: "platform" });
  });
});

describe("platform by parent message", () => {
  test("an agent's own request that runs inside a CCaaS_ message anywhere in the ParentContext chain", async () => {
    const body = fixture("decline-closes-in-ccaas-message.json");
    // Without the chain, the same request is the agent's, who may not close an Open live chat.
    const agentAlone = JSON.parse(body) as Record<string, unknown>;
    agentAlone.ParentContext = null;
    expect((await decide(JSON.stringify(agentAlone))).json).toMatchObject({
      allowed: false,
      reason: "not-for-actor",
      caller: "interactive-user",
    });
    const { status, json, line } = await decide(body);
    expect(status).toBe(200);
    expect(json).toMatchObject({ caller: "platform-parent-message" });
    expect(line?.why).toBe("the change runs inside CCaaS_RejectConversation (ParentContext level 2), one of the table's own messages");
  });

  test("a malformed ParentContext degrades to the other rules: never a 400", async () => {
    for (const parent of [
      7,
      "x",
      [],
      { MessageName: 5 },
      { MessageName: "Update", PrimaryEntityName: "msdyn_ocliveworkitem", ParentContext: "bad" },
    ]) {
      const platform = await decide(
        JSON.stringify({ ...buildContext({ ...LIVE_ACTIVE_TO_WAITING, initiatingUserId: APP_USER }), ParentContext: parent }),
      );
      expect({ parent, status: platform.status, caller: platform.json.caller }).toEqual({ parent, status: 200, caller: "platform" });
      const user = await decide(
        JSON.stringify({ ...buildContext({ from: Status.Active, to: Status.Waiting, channels: ["sms"] }), ParentContext: parent }),
      );
      expect({ parent, status: user.status, caller: user.json.caller }).toEqual({ parent, status: 200, caller: "interactive-user" });
      expect(user.line?.why).toContain("ParentContext not read");
    }
  });
});

describe("platform by user agent only (Microsoft.CCaaS… without a listed id)", () => {
  test("may do what the platform does, logged (warn) with the initiating user id to confirm and list", async () => {
    const { status, json, line } = await decide(fixture("assignment-by-ccaas-user-agent.json"));
    expect(status).toBe(200);
    expect(json).toMatchObject({ caller: "platform-user-agent", from: Status.Open, to: Status.Active });
    expect(line).toMatchObject({ level: 40, caller: "platform-user-agent", initiatingUserId: "d89254ff-9438-4f11-a315-000d3a5a54dc" });
    expect(String(line?.why)).toContain("list it");
    // A move the model has not, too: the platform's automatic closures must never wedge.
    expect((await decide(bodyOf({ ...LIVE_ACTIVE_TO_WAITING, userAgent: OMNICHANNEL_AGENT }))).status).toBe(200);
  });

  test("never leaves Closed, to any status, whatever the channel", async () => {
    for (const to of STATUSES.filter((s) => s.value !== Status.Closed)) {
      const reply = await decide(
        bodyOf({
          from: Status.Closed,
          fromState: State.Closed,
          to: to.value,
          toState: to.state,
          channels: ["sms"],
          userAgent: OMNICHANNEL_AGENT,
        }),
      );
      expect({ to: to.name, status: reply.status, allowed: reply.json.allowed }).toEqual({ to: to.name, status: 422, allowed: false });
    }
  });

  test("cannot slip through when the context is too large to check", async () => {
    const stripped = buildContext({ from: Status.Closed, to: Status.Active, userAgent: OMNICHANNEL_AGENT });
    for (const name of ["InputParameters", "PreEntityImages", "PostEntityImages", "ParentContext"]) delete stripped[name];
    const reply = await post(enforce, JSON.stringify(stripped), { headers: { "x-ms-dynamics-msg-size-exceeded": "true" } });
    expect(reply.json).toMatchObject({ allowed: false, gap: "size-exceeded", caller: "platform-user-agent" });
  });

  test("a user agent that merely contains Microsoft.CCaaS is not Omnichannel's", async () => {
    const reply = await decide(bodyOf({ ...LIVE_ACTIVE_TO_WAITING, userAgent: `Mozilla/5.0 ${OMNICHANNEL_AGENT}` }));
    expect(reply.json).toMatchObject({ allowed: false, caller: "interactive-user" });
  });

  test("TRUST_PLATFORM_USER_AGENT=false: the user agent counts for nothing; only listed ids are the platform", async () => {
    const hardened = await start({ ...CASE_ENV, TRUST_PLATFORM_USER_AGENT: "false" });
    try {
      expect((await post(hardened, bodyOf({ ...LIVE_ACTIVE_TO_WAITING, userAgent: OMNICHANNEL_AGENT }))).json).toMatchObject({
        allowed: false,
        caller: "api-client",
      });
      expect(
        (await post(hardened, bodyOf({ ...LIVE_ACTIVE_TO_WAITING, userAgent: OMNICHANNEL_AGENT, initiatingUserId: APP_USER }))).json,
      ).toMatchObject({
        allowed: true,
        caller: "platform",
      });
    } finally {
      await hardened.close();
    }
  });

  test("TRUST_PLATFORM_USER_AGENT=false with no listed ids refuses to start, saying why", () => {
    expect(() => loadSettings({ WEBHOOK_KEYS: CASE_ENV.WEBHOOK_KEYS, TRUST_PLATFORM_USER_AGENT: "false" })).toThrow(SettingsError);
    expect(() => loadSettings({ WEBHOOK_KEYS: CASE_ENV.WEBHOOK_KEYS, TRUST_PLATFORM_USER_AGENT: "false" })).toThrow(
      /the platform's automatic closures .* would be refused/,
    );
  });
});

describe("interactive user (a browser)", () => {
  test("is checked as the agent", async () => {
    for (const [from, to, channels] of [
      [Status.Active, Status.Waiting, ["sms"]],
      [Status.Open, Status.Closed, ["live-chat"]],
    ] as const) {
      const { json, line } = await decide(bodyOf({ from, to, channels, userAgent: BROWSER }));
      expect(json).toMatchObject({
        caller: "interactive-user",
        allowed: evaluate(from, to, channels[0] === "sms" ? "messaging" : "live-chat", "agent").allowed,
      });
      expect(line?.why).toContain("is a browser's: checked as the agent");
    }
  });
});

describe("any other API client", () => {
  test("passes a move that exists for the channel for some actor, and not one no one may make", async () => {
    for (const userAgent of ["", null, "Microsoft.PowerPlatform.Dataverse.Client/1.1", "PowerAutomate/1.0"]) {
      // Open → Closed on live chat: the customer's (leaving before assignment), not the agent's.
      const close = await decide(
        bodyOf({ from: Status.Open, to: Status.Closed, toState: State.Closed, channels: ["live-chat"], userAgent }),
      );
      expect({ userAgent, status: close.status, caller: close.json.caller }).toEqual({ userAgent, status: 200, caller: "api-client" });
      for (const [from, to, channels, reason] of [
        [Status.Closed, Status.Open, ["sms"], "terminal"],
        [Status.Active, Status.Waiting, ["live-chat"], "not-for-channel"],
        [Status.Active, Status.Resolved, ["entity-records"], "internal-status"],
      ] as const) {
        const denied = await decide(bodyOf({ from, to, channels, userAgent }));
        expect({ userAgent, from, to, reason: denied.json.reason, status: denied.status }).toEqual({
          userAgent,
          from,
          to,
          reason,
          status: 422,
        });
      }
    }
  });
});

test("audit mode: fields the check never reads never make a 400, whoever the caller", async () => {
  for (const variant of [
    { channels: ["sms"] },
    LIVE_ACTIVE_TO_WAITING,
    { ...LIVE_ACTIVE_TO_WAITING, userAgent: "contoso-sync/2.1" },
  ] as Variant[]) {
    const odd = {
      ...buildContext(variant),
      Depth: "deep",
      Stage: {},
      OutputParameters: {},
      PostEntityImages: 3,
      SharedVariables: "x",
      ParentContext: [],
    };
    const reply = await decide(JSON.stringify(odd), audit);
    expect({ status: reply.status, allowed: reply.json.allowed }).toEqual({ status: 200, allowed: true });
  }
});
