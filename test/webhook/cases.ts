/**
 * One table of requests and the answers they must get, run through both hosts (hosts.test.ts: the
 * plain server over real HTTP and the Azure Functions handler with @azure/functions' HttpRequest)
 * and through the unpacked package (package.test.ts). Every step of the pipeline has a case.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { State, Status, StatusChangeReason } from "../../plugins/lifecycle";
import { BODY_LIMIT_BYTES } from "../../plugins/webhook/settings";
import { OMNICHANNEL_AGENT, bodyOf, buildContext } from "../fixtures/webhook/builder";
import { KEY, SECOND_KEY } from "./harness";

export const APP_USER = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
export const OPERATOR = "3f2e1d0c-9b8a-4765-8432-10fedcba9876";

/** The settings every host runs the cases with. */
export const CASE_ENV: Readonly<Record<string, string>> = {
  WEBHOOK_KEYS: `${KEY},${SECOND_KEY}`,
  PLATFORM_USER_IDS: APP_USER,
  OPERATOR_USER_IDS: OPERATOR,
};

export const fixture = (name: string): string => readFileSync(join(__dirname, "../fixtures/webhook", name), "utf8");

export interface Case {
  readonly name: string;
  readonly method?: string;
  /** Everything after the path; default `?code=<KEY>`. */
  readonly query?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly expect: {
    readonly status: number;
    /** A subset of the JSON body. */
    readonly body?: Readonly<Record<string, unknown>>;
    /** Connection: close after the answer. */
    readonly closes?: boolean;
    readonly allow?: string;
  };
}

const user = (variant: Parameters<typeof bodyOf>[0] = {}): string => bodyOf(variant);
const withFields = (fields: Record<string, unknown>, variant: Parameters<typeof buildContext>[0] = {}): string =>
  JSON.stringify({ ...buildContext(variant), ...fields });
const operatorClose = (initiatingUserId: string, reason: number = StatusChangeReason.ClosedInDataverseDirectlyByAdmin): string => {
  const context = buildContext({
    from: Status.Active,
    to: Status.Closed,
    toState: State.Closed,
    channels: ["live-chat"],
    initiatingUserId,
  });
  const target = (context.InputParameters as { key: string; value: { Attributes: { key: string; value: unknown }[] } }[])[0].value;
  target.Attributes.push({
    key: "msdyn_statuschangereason",
    value: { __type: "OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts", Value: reason },
  });
  return JSON.stringify(context);
};

export const CASES: readonly Case[] = [
  // decide
  {
    name: "a user's live-chat Active → Waiting: 422",
    body: user({ from: Status.Active, to: Status.Waiting, channels: ["live-chat"] }),
    expect: { status: 422, body: { allowed: false, reason: "not-for-channel", caller: "interactive-user" } },
  },
  {
    name: "the same move on SMS: 200",
    body: user({ from: Status.Active, to: Status.Waiting, channels: ["sms"] }),
    expect: { status: 200, body: { allowed: true, reason: "allowed", channel: "messaging" } },
  },
  {
    name: "a status outside 0–7: 422 unknown-status",
    body: user({ from: Status.Active, to: 12345 }),
    expect: { status: 422, body: { reason: "unknown-status" } },
  },
  // callers
  {
    name: "platform: a listed application user, on a move the model has not",
    body: user({ from: Status.Active, to: Status.Waiting, channels: ["live-chat"], initiatingUserId: APP_USER }),
    expect: { status: 200, body: { allowed: true, caller: "platform", modelAllowed: false } },
  },
  {
    name: "platform by parent message: an agent's decline inside CCaaS_RejectConversation closes an Open live chat",
    body: fixture("decline-closes-in-ccaas-message.json"),
    expect: { status: 200, body: { allowed: true, caller: "platform-parent-message", from: Status.Open, to: Status.Closed } },
  },
  {
    name: "platform by user agent only: an assignment is allowed",
    body: fixture("assignment-by-ccaas-user-agent.json"),
    expect: { status: 200, body: { allowed: true, caller: "platform-user-agent", from: Status.Open, to: Status.Active, channel: "voice" } },
  },
  {
    name: "platform by user agent only: reopening a Closed conversation is denied",
    body: user({ from: Status.Closed, fromState: State.Closed, to: Status.Active, toState: State.Open, userAgent: OMNICHANNEL_AGENT }),
    expect: { status: 422, body: { allowed: false, reason: "terminal", caller: "platform-user-agent" } },
  },
  {
    name: "any other API client (empty user agent): an inactivity close from Waiting on SMS",
    body: fixture("auto-close-empty-user-agent.json"),
    expect: { status: 200, body: { allowed: true, caller: "api-client", from: Status.Waiting, to: Status.Closed } },
  },
  {
    name: "any other API client: Waiting on live chat exists for no one",
    body: user({ from: Status.Active, to: Status.Waiting, channels: ["live-chat"], userAgent: "contoso-sync/2.1" }),
    expect: { status: 422, body: { allowed: false, reason: "not-for-channel", caller: "api-client" } },
  },
  {
    name: "operator: a close from Active with ClosedInDataverseDirectlyByAdmin",
    body: operatorClose(OPERATOR),
    expect: { status: 200, body: { allowed: true, reason: "operator-close", caller: "operator", from: Status.Active, to: Status.Closed } },
  },
  {
    name: "the operator reason from someone not listed is judged as that caller",
    body: operatorClose("c2a7f0e1-5b6d-ee11-9cb2-000d3a5b8f21", StatusChangeReason.ForceClosedBySupervisor),
    expect: { status: 422, body: { allowed: false, caller: "interactive-user" } },
  },
  // fields the check never reads
  {
    name: "a platform change with unreadable Depth, Stage, OutputParameters and ParentContext: 200",
    body: withFields(
      { Depth: "deep", Stage: {}, OutputParameters: {}, SharedVariables: "x", ParentContext: 7 },
      { initiatingUserId: APP_USER },
    ),
    expect: { status: 200, body: { allowed: true, caller: "platform" } },
  },
  {
    name: "a user's change with unreadable fields the check never reads is judged, not refused",
    body: withFields({ Depth: "deep", Stage: {}, OutputParameters: {}, ParentContext: [] }, { channels: ["sms"] }),
    expect: { status: 200, body: { allowed: true, caller: "interactive-user" } },
  },
  // x-ms-dynamics-msg-size-exceeded
  {
    name: "msg-size-exceeded False is not exceeded",
    headers: { "x-ms-dynamics-msg-size-exceeded": "False" },
    body: user({ channels: ["sms"] }),
    expect: { status: 200, body: { reason: "allowed" } },
  },
  {
    name: "msg-size-exceeded true: a user's change cannot be checked",
    headers: { "x-ms-dynamics-msg-size-exceeded": "true" },
    body: user({ channels: ["sms"] }),
    expect: { status: 422, body: { reason: "insufficient-context", gap: "size-exceeded" } },
  },
  // key
  {
    name: "no key: 401, connection closed",
    query: "",
    body: user(),
    expect: { status: 401, body: { error: "missing-key" }, closes: true },
  },
  {
    name: "a wrong key: 401",
    query: "?code=not-the-key-at-all-0000",
    body: user(),
    expect: { status: 401, body: { error: "bad-key" }, closes: true },
  },
  {
    name: "an empty ?code= does not hide a valid header",
    query: "?code=",
    headers: { "x-webhook-key": SECOND_KEY },
    body: user({ channels: ["sms"] }),
    expect: { status: 200 },
  },
  {
    name: "a percent-encoded c%6Fde= is the code parameter",
    query: `?c%6Fde=${KEY}`,
    body: user({ channels: ["sms"] }),
    expect: { status: 200 },
  },
  // method, size, media type, depth, JSON, context
  { name: "GET: 405 with Allow", method: "GET", expect: { status: 405, body: { error: "method-not-allowed" }, allow: "POST" } },
  {
    name: "a declared body over 1 MB: 413 before reading it",
    headers: { "content-length": String(BODY_LIMIT_BYTES + 1) },
    body: "{",
    expect: { status: 413, body: { error: "body-too-large" }, closes: true },
  },
  {
    name: "text/plain: 415",
    headers: { "content-type": "text/plain" },
    body: user(),
    expect: { status: 415, body: { error: "unsupported-media-type" } },
  },
  {
    name: "a small body nested 100 deep: 400",
    body: "[".repeat(100) + "]".repeat(100),
    expect: { status: 400, body: { error: "malformed-json", message: expect.stringContaining("nested deeper than 64 levels") } },
  },
  { name: "not JSON: 400", body: '{"MessageName": "Update"', expect: { status: 400, body: { error: "malformed-json" } } },
  {
    name: "a prototype key: 400",
    body: '{"__proto__": {"x": 1}, "MessageName": "Update"}',
    expect: { status: 400, body: { error: "malformed-json" } },
  },
  { name: "JSON but not a context: 400", body: '{"hello": "world"}', expect: { status: 400, body: { error: "not-a-context" } } },
  {
    name: "a value the check reads with the wrong type: 400 naming it",
    body: user().replace(`"Value":${Status.Active}`, `"Value":"${Status.Active}"`),
    expect: {
      status: 400,
      body: { error: "not-a-context", message: expect.stringContaining("PreEntityImages[0].value.Attributes[0].value.Value") },
    },
  },
];
