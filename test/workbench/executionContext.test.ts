/** The context's wire format, and what Dataverse removes from one over 256 KB. */
import { buildContext, fitToSize, MESSAGE_SIZE_LIMIT, sdkValue, wcfDate } from "../../workbench/dataverse/executionContext";
import { CONVERSATION, ENTITY_SETS } from "../../workbench/dataverse/tables";
import { parseContext } from "../../plugins/context";
import { SEED } from "./harness";

const column = (name: string) => CONVERSATION.columns.find((c) => c.name === name)!;
const input = (target: Record<string, unknown>) => ({
  message: "Update" as const,
  stage: 10,
  mode: 0,
  step: { id: SEED.messages.update, name: "a step" },
  set: CONVERSATION,
  id: "0e76dc8a-41b5-ec11-983f-0022482bf046",
  target,
  preImages: [],
  postImages: [],
  userId: SEED.users.agent,
  userAgent: "Mozilla/5.0",
  correlationId: "1d6a3c42-0000-4000-8000-000000000001",
  operationId: "1d6a3c42-0000-4000-8000-000000000002",
  requestId: "1d6a3c42-0000-4000-8000-000000000003",
  createdOn: 1_700_000_000_000,
  organizationId: SEED.organizationId,
  organizationName: "workbench",
  businessUnitId: SEED.businessUnitId,
});

test("typed values: OptionSetValue, a collection of them, EntityReference, /Date(ms)/", () => {
  expect(sdkValue(ENTITY_SETS, column("statuscode"), 5, {})).toEqual({
    __type: "OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts",
    Value: 5,
  });
  expect(sdkValue(ENTITY_SETS, column("msdyn_channel"), "192360000,192380000", {})).toEqual([
    { __type: "OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts", Value: 192360000 },
    { __type: "OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts", Value: 192380000 },
  ]);
  expect(sdkValue(ENTITY_SETS, column("msdyn_activeagentid"), SEED.users.agent, {})).toMatchObject({
    Id: SEED.users.agent,
    LogicalName: "systemuser",
  });
  expect(wcfDate("2026-03-02T09:00:00Z")).toBe(`/Date(${Date.parse("2026-03-02T09:00:00Z")})/`);
});

test("the project's own context parser reads what the workbench sends", () => {
  const context = parseContext(JSON.parse(fitToSize(buildContext(ENTITY_SETS, input({ statuscode: 3, msdyn_channel: "192340000" }))).body));
  expect(context.MessageName).toBe("Update");
  expect(context.InputParameters.get("Target")).toMatchObject({ type: "Entity" });
  expect(context.OperationCreatedOn?.getTime()).toBe(1_700_000_000_000);
});

test("over 256 KB, InputParameters, PreEntityImages, PostEntityImages and ParentContext are removed", () => {
  const small = fitToSize(buildContext(ENTITY_SETS, input({ subject: "short" })));
  expect(small.exceeded).toBe(false);
  const big = fitToSize(buildContext(ENTITY_SETS, input({ msdyn_title: "x".repeat(MESSAGE_SIZE_LIMIT) })));
  expect(big.exceeded).toBe(true);
  const body = JSON.parse(big.body) as Record<string, unknown>;
  for (const name of ["InputParameters", "PreEntityImages", "PostEntityImages", "ParentContext"]) expect(body).not.toHaveProperty(name);
  expect(body).toMatchObject({ MessageName: "Update", PrimaryEntityId: "0e76dc8a-41b5-ec11-983f-0022482bf046", Stage: 10 });
  expect(Buffer.byteLength(big.body)).toBeLessThan(MESSAGE_SIZE_LIMIT);
});
