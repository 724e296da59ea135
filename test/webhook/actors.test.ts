/**
 * Who made the change, which messages and tables are checked, and the modes — over real HTTP.
 * Platform changes are never blocked but are logged when the model would deny them.
 */
import { State, Status } from "../../plugins/lifecycle";
import { OMNICHANNEL_AGENT, USER_ID, bodyOf, buildContext } from "../fixtures/webhook/builder";
import { post, start, type Running } from "./harness";

const APP_USER = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
const LIVE_ACTIVE_TO_WAITING = { from: Status.Active, to: Status.Waiting, channels: ["live-chat"] } as const;

let enforce: Running;
let audit: Running;
let off: Running;

beforeAll(async () => {
  [enforce, audit, off] = await Promise.all([
    start({ PLATFORM_USER_IDS: `{${APP_USER.toUpperCase()}}` }),
    start({ MODE: "audit" }),
    start({ MODE: "off" }),
  ]);
});
afterAll(() => Promise.all([enforce.close(), audit.close(), off.close()]));

const logsWith = (running: Running, msg: string) => running.logs().filter((l) => String(l.msg).includes(msg));

describe("platform changes are never blocked", () => {
  test("InitiatingUserAgent Microsoft.CCaaS…: a move the model denies passes and is logged", async () => {
    const reply = await post(enforce, bodyOf({ ...LIVE_ACTIVE_TO_WAITING, userAgent: OMNICHANNEL_AGENT }), {
      headers: { "x-ms-correlation-request-id": "corr-platform-1" },
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ allowed: true, modelAllowed: false, reason: "not-for-channel", initiator: "platform" });
    const line = logsWith(enforce, "platform status change allowed although the model would deny it").find(
      (l) => l.correlationId === "corr-platform-1",
    );
    expect(line).toMatchObject({ level: 40, reason: "not-for-channel", from: Status.Active, to: Status.Waiting });
  });

  test("an application user listed in PLATFORM_USER_IDS (as InitiatingUserId or UserId) passes", async () => {
    for (const ids of [{ initiatingUserId: APP_USER }, { userId: APP_USER, initiatingUserId: "00000000-0000-0000-0000-000000000001" }]) {
      const reply = await post(enforce, bodyOf({ ...LIVE_ACTIVE_TO_WAITING, ...ids }));
      expect(reply.json).toMatchObject({ allowed: true, initiator: "platform" });
    }
  });

  test("a value the check reads with the wrong type: 400 for a user, 200 with the reason for the platform and in audit mode", async () => {
    // The pre-image's statuscode as text: the body is a context, but not one the check can read.
    const unreadable = (userAgent?: string): string =>
      bodyOf({ ...LIVE_ACTIVE_TO_WAITING, ...(userAgent ? { userAgent } : {}) }).replace(
        `"Value":${Status.Active}`,
        `"Value":"${Status.Active}"`,
      );
    const user = await post(enforce, unreadable());
    expect(user.status).toBe(400);
    expect(user.json).toMatchObject({ error: "not-a-context" });
    expect(String(user.json.message)).toContain("PreEntityImages[0].value.Attributes[0].value.Value: expected a whole number");
    const platform = await post(enforce, unreadable(OMNICHANNEL_AGENT), {
      headers: { "x-ms-correlation-request-id": "corr-unreadable-1" },
    });
    expect(platform.status).toBe(200);
    expect(platform.json).toMatchObject({ allowed: true, reason: "insufficient-context", gap: "unreadable-value", initiator: "platform" });
    expect(String(platform.json.message)).toContain("expected a whole number");
    expect(enforce.logs().find((l) => l.correlationId === "corr-unreadable-1")).toMatchObject({
      level: 40,
      gap: "unreadable-value",
      problem: expect.stringContaining("PreEntityImages[0]"),
    });
    expect((await post(audit, unreadable())).json).toMatchObject({ allowed: true, gap: "unreadable-value", initiator: "user" });
  });

  test("a user agent that merely contains Microsoft.CCaaS is a user", async () => {
    const reply = await post(enforce, bodyOf({ ...LIVE_ACTIVE_TO_WAITING, userAgent: `Mozilla/5.0 ${OMNICHANNEL_AGENT}` }));
    expect(reply.status).toBe(422);
  });

  test("TRUST_PLATFORM_USER_AGENT=false: the user agent alone no longer makes a change the platform's", async () => {
    const hardened = await start({ TRUST_PLATFORM_USER_AGENT: "false", PLATFORM_USER_IDS: APP_USER });
    try {
      expect((await post(hardened, bodyOf({ ...LIVE_ACTIVE_TO_WAITING, userAgent: OMNICHANNEL_AGENT }))).status).toBe(422);
      expect(
        (await post(hardened, bodyOf({ ...LIVE_ACTIVE_TO_WAITING, userAgent: OMNICHANNEL_AGENT, initiatingUserId: APP_USER }))).json,
      ).toMatchObject({ allowed: true, initiator: "platform" });
    } finally {
      await hardened.close();
    }
  });

  test("a platform change without a pre-image passes (logged)", async () => {
    const reply = await post(enforce, bodyOf({ ...LIVE_ACTIVE_TO_WAITING, preImage: false, userAgent: OMNICHANNEL_AGENT }));
    expect(reply.json).toMatchObject({ allowed: true, reason: "insufficient-context", gap: "no-pre-image" });
  });
});

describe("a user change without enough context", () => {
  test("no pre-image: 422 in enforce mode, saying what to register", async () => {
    const reply = await post(enforce, bodyOf({ ...LIVE_ACTIVE_TO_WAITING, preImage: false }));
    expect(reply.status).toBe(422);
    expect(reply.json).toMatchObject({ allowed: false, reason: "insufficient-context", gap: "no-pre-image" });
    expect(reply.json.message).toContain("Register one with the columns statuscode, statecode, msdyn_channel and msdyn_liveworkstreamid");
  });

  test("x-ms-dynamics-msg-size-exceeded (parameters and images removed): 422 enforce, 200 audit", async () => {
    const stripped = buildContext(LIVE_ACTIVE_TO_WAITING);
    for (const name of ["InputParameters", "PreEntityImages", "PostEntityImages", "ParentContext"]) delete stripped[name];
    const headers = { "x-ms-dynamics-msg-size-exceeded": "true" };
    expect((await post(enforce, JSON.stringify(stripped), { headers })).json).toMatchObject({ allowed: false, gap: "size-exceeded" });
    const relaxed = await post(audit, JSON.stringify(stripped), { headers });
    expect(relaxed.status).toBe(200);
    expect(relaxed.json).toMatchObject({ allowed: true, reason: "insufficient-context", gap: "size-exceeded" });
    expect(logsWith(audit, "audit mode: allowed unchecked: insufficient-context").length).toBeGreaterThan(0);
  });

  test("a pre-image without statuscode: 422, asking for the column", async () => {
    const reply = await post(enforce, bodyOf({ ...LIVE_ACTIVE_TO_WAITING, from: null }));
    expect(reply.json).toMatchObject({ allowed: false, gap: "no-status-in-pre-image" });
  });
});

describe("pass with 200", () => {
  test("another table", async () => {
    expect((await post(enforce, bodyOf({ ...LIVE_ACTIVE_TO_WAITING, table: "incident" }))).json).toMatchObject({
      allowed: true,
      reason: "not-applicable",
    });
  });
  test("another message", async () => {
    expect((await post(enforce, bodyOf({ ...LIVE_ACTIVE_TO_WAITING, message: "Assign" }))).json).toMatchObject({
      allowed: true,
      reason: "not-applicable",
    });
  });
  test("an update that does not touch the status", async () => {
    const reply = await post(enforce, bodyOf({ ...LIVE_ACTIVE_TO_WAITING, to: null }));
    expect(reply.json).toMatchObject({ allowed: true, reason: "no-status-change" });
  });
  test("an unchanged status", async () => {
    expect((await post(enforce, bodyOf({ from: Status.Active, to: Status.Active, channels: ["live-chat"] }))).json).toMatchObject({
      allowed: true,
      reason: "unchanged",
    });
  });
  test("statecode alone, naming the current state", async () => {
    expect((await post(enforce, bodyOf({ from: Status.Active, to: null, toState: State.Open }))).json).toMatchObject({
      reason: "no-status-change",
    });
  });
});

describe("messages and wire shapes", () => {
  test("SetState and SetStateDynamicEntity read State/Status (Status -1 is the state's default)", async () => {
    for (const message of ["SetState", "SetStateDynamicEntity"]) {
      const close = await post(
        enforce,
        bodyOf({ message, from: Status.WrapUp, to: Status.Closed, toState: State.Closed, channels: ["sms"] }),
      );
      expect(close.json).toMatchObject({ allowed: true, from: Status.WrapUp, to: Status.Closed });
      const byDefault = await post(enforce, bodyOf({ message, from: Status.Closed, to: -1, toState: State.Open, channels: ["sms"] }));
      expect(byDefault.json).toMatchObject({ allowed: false, reason: "terminal", to: Status.Open });
      const noState = await post(enforce, bodyOf({ message, from: Status.Active, to: Status.Waiting, channels: ["sms"] }));
      expect(noState.json).toMatchObject({ allowed: false, gap: "no-state-parameter" });
    }
  });

  test("statecode that does not go with the statuscode: 422 state-mismatch", async () => {
    const reply = await post(enforce, bodyOf({ from: Status.WrapUp, to: Status.Closed, toState: State.Open, channels: ["sms"] }));
    expect(reply.json).toMatchObject({ allowed: false, reason: "state-mismatch", to: Status.Closed, state: State.Open });
    expect(reply.json.message).toBe("Status reason Closed does not belong to state 0; Dataverse pairs every status reason with one state.");
  });

  test("Create starts from Open: Open is fine, a user creating it Closed is not", async () => {
    expect((await post(enforce, bodyOf({ message: "Create", to: Status.Open, channels: ["live-chat"] }))).json).toMatchObject({
      allowed: true,
      reason: "unchanged",
    });
    expect(
      (await post(enforce, bodyOf({ message: "Create", to: Status.Closed, toState: State.Closed, channels: ["live-chat"] }))).json,
    ).toMatchObject({ allowed: false, reason: "not-for-actor" });
  });

  test("msdyn_channel as an OptionSetValueCollection, a bare array, or Web API text", async () => {
    for (const channelShape of ["collection", "array", "text"] as const) {
      const reply = await post(enforce, bodyOf({ from: Status.Active, to: Status.Waiting, channels: ["sms", "video"], channelShape }));
      expect({ channelShape, channel: reply.json.channel }).toEqual({ channelShape, channel: "messaging" });
    }
  });

  test("a pre-image under any alias: the first image, or PRE_IMAGE_ALIAS", async () => {
    expect((await post(enforce, bodyOf({ ...LIVE_ACTIVE_TO_WAITING, preImage: "before" }))).json).toMatchObject({
      reason: "not-for-channel",
    });
    const aliased = await start({ PRE_IMAGE_ALIAS: "statusimage" });
    try {
      expect((await post(aliased, bodyOf({ ...LIVE_ACTIVE_TO_WAITING, preImage: "statusimage" }))).json).toMatchObject({
        reason: "not-for-channel",
      });
      expect((await post(aliased, bodyOf({ ...LIVE_ACTIVE_TO_WAITING, preImage: "other" }))).json).toMatchObject({
        reason: "insufficient-context",
        gap: "no-pre-image",
      });
    } finally {
      await aliased.close();
    }
  });

  test("a channel the model does not know is validated as unknown and logged", async () => {
    const reply = await post(enforce, bodyOf({ from: Status.Active, to: Status.WrapUp, channels: [192999999] }));
    expect(reply.json).toMatchObject({ allowed: true, channel: "unknown" });
    expect(enforce.logs().some((l) => Array.isArray(l.unknownChannelValues) && l.unknownChannelValues.includes(192999999))).toBe(true);
  });
});

describe("modes", () => {
  test("audit answers 200 and logs the would-be denial", async () => {
    const reply = await post(audit, bodyOf({ ...LIVE_ACTIVE_TO_WAITING, initiatingUserId: USER_ID }), {
      headers: { "x-ms-correlation-request-id": "corr-audit-1" },
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ allowed: true, modelAllowed: false, mode: "audit" });
    expect(audit.logs().find((l) => l.correlationId === "corr-audit-1")).toMatchObject({
      msg: "audit mode: status change allowed although the model would deny it",
    });
  });

  test("off answers 200 without checking", async () => {
    const reply = await post(off, bodyOf(LIVE_ACTIVE_TO_WAITING));
    expect(reply.json).toMatchObject({ allowed: true, reason: "validation-off" });
  });

  test("off still requires the key", async () => {
    expect((await post(off, bodyOf(), { key: null })).status).toBe(401);
  });
});
