/**
 * Which messages and tables are checked, what happens when the context is short, and the modes —
 * over real HTTP. Who made the change (the caller classes) is callers.test.ts.
 */
import { State, Status } from "../../plugins/lifecycle";
import { USER_ID, bodyOf, buildContext } from "../fixtures/webhook/builder";
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
