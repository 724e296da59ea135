/**
 * Fixtures shaped like the RemoteExecutionContext payloads Microsoft's docs capture (the contact
 * Update on "Use webhooks to create external handlers for server events", the msdyn_agentstatus
 * ones on "Synchronize agent presence status across multiple systems"), with our table's columns:
 * escaped slashes everywhere, `\/Date(…)\/` with and without an offset, a nested ParentContext,
 * SharedVariables holding KeyValuePairOfstringstring values, AAD object ids, an empty
 * InitiatingUserAgent. They parse, and each is answered as its caller's rule says (cases.ts runs
 * them through both hosts).
 */
import { callerFactsOf } from "../../plugins/callerFacts";
import { validateStatusChange } from "../../plugins/validate-status-change";
import { parseContext, type Entity, type RemoteExecutionContext } from "../../plugins/context";
import { Status } from "../../plugins/lifecycle";
import { loadSettings } from "../../plugins/webhook/settings";
import { CASE_ENV, fixture } from "./cases";

const NAMES = ["decline-closes-in-ccaas-message.json", "auto-close-empty-user-agent.json", "assignment-by-ccaas-user-agent.json"] as const;
const parsed = (name: string): RemoteExecutionContext => parseContext(JSON.parse(fixture(name)));

test.each(NAMES)("%s is in the captured wire shape (escaped slashes, typed values)", (name) => {
  const text = fixture(name);
  expect(text).toContain('"__type": "Entity:http:\\/\\/schemas.microsoft.com\\/xrm\\/2011\\/Contracts"');
  expect(text).toMatch(/"\\\/Date\(\d+\)\\\/"/);
  expect(text).toContain('"InitiatingUserAzureActiveDirectoryObjectId"');
  const context = parsed(name);
  const target = (context.InputParameters.get("Target") as { entity: Entity }).entity;
  expect(target.LogicalName).toBe("msdyn_ocliveworkitem");
  expect(context.PreEntityImages.get("PreImage")?.Attributes.get("statuscode")).toMatchObject({ type: "OptionSetValue" });
  expect(context.SharedVariables.get("IsAutoTransact")).toBe(true);
});

test("dates: with an offset, without one, as a column value", () => {
  expect(parsed("decline-closes-in-ccaas-message.json").OperationCreatedOn?.toISOString()).toBe(new Date(1722582039000).toISOString());
  expect(parsed("assignment-by-ccaas-user-agent.json").OperationCreatedOn?.getTime()).toBe(1722582039000);
  expect(fixture("assignment-by-ccaas-user-agent.json")).toContain("\\/Date(1722582039000-0700)\\/");
  expect(parsed("auto-close-empty-user-agent.json").OperationCreatedOn?.getTime()).toBe(1721816905000);
  const target = (parsed("auto-close-empty-user-agent.json").InputParameters.get("Target") as { entity: Entity }).entity;
  expect(target.Attributes.get("msdyn_closedon")).toEqual({ type: "DateTime", date: new Date(1721816905000), offsetMinutes: null });
});

test("a nested ParentContext: the same Update at stage 30, inside CCaaS_RejectConversation", () => {
  const context = parsed("decline-closes-in-ccaas-message.json");
  const parent = context.ParentContext;
  expect([parent?.MessageName, parent?.Stage, parent?.ParentContext?.MessageName, parent?.ParentContext?.ParentContext]).toEqual([
    "Update",
    30,
    "CCaaS_RejectConversation",
    null,
  ]);
  expect(parent?.SharedVariables.get("ChangedEntityTypes")).toEqual([
    { type: "Other", typeName: "KeyValuePairOfstringstring" },
    { type: "Other", typeName: "KeyValuePairOfstringstring" },
  ]);
  expect(callerFactsOf(context).parentMessages).toEqual(["Update", "CCaaS_RejectConversation"]);
});

test("an empty InitiatingUserAgent is an API client's, and each fixture gets its caller's answer", () => {
  const settings = loadSettings(CASE_ENV);
  const decide = (name: string) => validateStatusChange(parsed(name), settings, { sizeExceeded: false });
  expect(parsed("auto-close-empty-user-agent.json").InitiatingUserAgent).toBe("");
  expect(decide("auto-close-empty-user-agent.json")).toMatchObject({
    allowed: true,
    caller: { class: "api-client", why: "no InitiatingUserAgent" },
  });
  expect(decide("decline-closes-in-ccaas-message.json")).toMatchObject({ allowed: true, caller: { class: "platform-parent-message" } });
  expect(decide("assignment-by-ccaas-user-agent.json")).toMatchObject({
    allowed: true,
    caller: { class: "platform-user-agent" },
    verdict: { params: { from: Status.Open, to: Status.Active, channel: "voice" } },
  });
  // Listed, the same application user is the platform.
  const listed = loadSettings({ ...CASE_ENV, PLATFORM_USER_IDS: "09eb2446-db10-4f8a-9f8a-6045bdd4c6be" });
  expect(validateStatusChange(parsed("auto-close-empty-user-agent.json"), listed, { sizeExceeded: false })).toMatchObject({
    caller: { class: "platform" },
  });
});
