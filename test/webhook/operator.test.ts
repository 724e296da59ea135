/**
 * The operator's close, over real HTTP on 127.0.0.1: an id in OPERATOR_USER_IDS closing a
 * conversation from any open status with an operator's msdyn_statuschangereason (PLATFORM.md §1),
 * and everything that is not that.
 */
import { OPERATOR_CLOSE_REASONS, STATUSES, State, Status, StatusChangeReason } from "../../plugins/lifecycle";
import { USER_ID, bodyOf, buildContext, option, type Variant } from "../fixtures/webhook/builder";
import { CASE_ENV, OPERATOR } from "./cases";
import { post, start, type Running } from "./harness";

let running: Running;
beforeAll(async () => {
  running = await start({ ...CASE_ENV, LOG_LEVEL: "debug" });
});
afterAll(() => running.close());

let correlation = 0;
async function decide(body: string) {
  const correlationId = `corr-operator-${++correlation}`;
  const reply = await post(running, body, { headers: { "x-ms-correlation-request-id": correlationId } });
  return { ...reply, line: running.logs().find((l) => l.correlationId === correlationId) };
}

/** A built context with columns added to its Target. */
function withTarget(variant: Variant, columns: Record<string, unknown>): string {
  const context = buildContext(variant);
  const target = (context.InputParameters as { value: { Attributes: { key: string; value: unknown }[] } }[])[0].value;
  for (const [key, value] of Object.entries(columns)) target.Attributes.push({ key, value });
  return JSON.stringify(context);
}

describe("operator (OPERATOR_USER_IDS) closing a stuck conversation", () => {
  const closeBy = (initiatingUserId: string, reason: number, from: number = Status.Active, extra: Variant = {}): string =>
    withTarget(
      { from, to: Status.Closed, toState: State.Closed, channels: ["live-chat"], initiatingUserId, ...extra },
      { msdyn_statuschangereason: option(reason) },
    );

  test("may close from every open status with either operator reason, logged (info) with the class and why", async () => {
    for (const reason of OPERATOR_CLOSE_REASONS) {
      for (const from of STATUSES.filter((s) => s.state === State.Open)) {
        const { status, json, line } = await decide(closeBy(OPERATOR, reason, from.value));
        expect({ reason, from: from.name, status, answer: json.reason }).toEqual({
          reason,
          from: from.name,
          status: 200,
          answer: "operator-close",
        });
        expect(line).toMatchObject({
          level: 30,
          msg: "operator close allowed",
          caller: "operator",
          why: expect.stringContaining(`msdyn_statuschangereason is ${reason}`),
        });
      }
    }
  });

  test("needs both the listed id and the reason; anyone else sending the reason is judged by the other rules", async () => {
    expect((await decide(closeBy(USER_ID, StatusChangeReason.ClosedInDataverseDirectlyByAdmin))).json).toMatchObject({
      allowed: false,
      caller: "interactive-user",
    });
    expect((await decide(closeBy(OPERATOR, StatusChangeReason.AutoClosedBySystem))).json).toMatchObject({
      allowed: false,
      caller: "interactive-user",
    });
    // The reason in the pre-image (what the row had) is not the request's: the Target's is read.
    const inPreImage = bodyOf({
      from: Status.Active,
      to: Status.Closed,
      toState: State.Closed,
      channels: ["live-chat"],
      initiatingUserId: OPERATOR,
    }).replace('"Value":192350003', `"Value":${StatusChangeReason.ClosedInDataverseDirectlyByAdmin}`);
    expect((await decide(inPreImage)).json).toMatchObject({ allowed: false, caller: "interactive-user" });
  });

  test("may not leave Closed or touch an internal status: other moves are judged as without the reason", async () => {
    const reopen = withTarget(
      {
        from: Status.Closed,
        fromState: State.Closed,
        to: Status.Active,
        toState: State.Open,
        channels: ["sms"],
        initiatingUserId: OPERATOR,
      },
      { msdyn_statuschangereason: option(StatusChangeReason.ClosedInDataverseDirectlyByAdmin) },
    );
    const { json, line } = await decide(reopen);
    expect(json).toMatchObject({ allowed: false, reason: "terminal", caller: "interactive-user" });
    expect(line?.why).toContain("is not a close from an open status, so it is judged as interactive-user");
    const internal = withTarget(
      {
        from: Status.Resolved,
        fromState: State.Resolved,
        to: Status.Closed,
        toState: State.Closed,
        channels: ["entity-records"],
        initiatingUserId: OPERATOR,
      },
      { msdyn_statuschangereason: option(StatusChangeReason.ClosedInDataverseDirectlyByAdmin) },
    );
    expect((await decide(internal)).json).toMatchObject({ allowed: false });
  });
});
