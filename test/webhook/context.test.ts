/** The WCF data-contract JSON wire format, parsed into a typed RemoteExecutionContext. */
import {
  ContextError,
  MAX_NESTING,
  MAX_OPTION_VALUES,
  parseContext,
  parseDate,
  parseValue,
  type Entity,
  type RemoteExecutionContext,
} from "../../plugins/context";
import { BASE_BODY, CONTRACTS, buildContext, option, reference } from "../fixtures/webhook/builder";

test("the fixture parses into typed collections and values", () => {
  const context = parseContext(JSON.parse(BASE_BODY));
  expect(context.MessageName).toBe("Update");
  expect(context.Stage).toBe(10);
  expect(context.OperationCreatedOn?.toISOString()).toBe(new Date(1718031245123).toISOString());
  const target = context.InputParameters.get("Target");
  expect(target).toMatchObject({ type: "Entity", entity: { LogicalName: "msdyn_ocliveworkitem" } });
  const image = context.PreEntityImages.get("PreImage");
  expect(image?.Attributes.get("statuscode")).toEqual({ type: "OptionSetValue", value: 2 });
  expect(image?.Attributes.get("msdyn_channel")).toEqual({ type: "OptionSetValueCollection", values: [192360000] });
  expect(image?.Attributes.get("msdyn_liveworkstreamid")).toMatchObject({
    type: "EntityReference",
    logicalName: "msdyn_liveworkstream",
    name: "Live chat workstream",
  });
  expect(image?.Attributes.get("msdyn_isoutbound")).toBe(false);
  expect(context.SharedVariables.get("IsAutoTransact")).toBe(true);
});

test("dates: /Date(ms)/ and /Date(ms±hhmm)/; anything else stays text", () => {
  expect(parseDate("/Date(1700000000000)/")).toEqual({ date: new Date(1700000000000), offsetMinutes: null });
  expect(parseDate("/Date(1700000000000+0530)/")).toEqual({ date: new Date(1700000000000), offsetMinutes: 330 });
  expect(parseDate("/Date(-86400000-0100)/")).toEqual({ date: new Date(-86400000), offsetMinutes: -60 });
  expect(parseDate("/Date(abc)/")).toBeUndefined();
  expect(parseDate("/Date(1+01)/")).toBeUndefined();
  expect(parseValue("/Date(12)/ later", "x")).toBe("/Date(12)/ later");
});

test("Money, EntityCollection, nested Entity and unknown __type values", () => {
  expect(parseValue({ __type: `Money:${CONTRACTS}`, Value: 12.5 }, "x")).toEqual({ type: "Money", value: 12.5 });
  const collection = parseValue(
    {
      __type: `EntityCollection:${CONTRACTS}`,
      EntityName: "contact",
      Entities: [{ LogicalName: "contact", Id: "1", Attributes: [{ key: "n", value: option(3) }] }],
    },
    "x",
  );
  expect(collection).toMatchObject({ type: "EntityCollection", entityName: "contact", entities: [{ LogicalName: "contact" }] });
  expect(parseValue({ __type: `ColumnSet:${CONTRACTS}`, AllColumns: true }, "x")).toEqual({ type: "Other", typeName: "ColumnSet" });
  expect(parseValue([option(1), option(2)], "x")).toEqual({ type: "OptionSetValueCollection", values: [1, 2] });
  expect(parseValue(reference("queue", "q1"), "x")).toMatchObject({ type: "EntityReference", id: "q1", name: null });
});

test("errors name the path and the problem; a value fails when it is read", () => {
  const bad = (body: unknown, read: (context: RemoteExecutionContext) => unknown = (c) => c): string => {
    try {
      read(parseContext(body));
    } catch (e) {
      expect(e).toBeInstanceOf(ContextError);
      return (e as Error).message;
    }
    throw new Error("parsed");
  };
  const target = (c: RemoteExecutionContext): Entity => (c.InputParameters.get("Target") as { entity: Entity }).entity;
  expect(bad(null)).toBe("body: expected a JSON object (a RemoteExecutionContext), got null");
  expect(bad({ MessageName: "Update" })).toBe("PrimaryEntityName: missing: is this a Dataverse RemoteExecutionContext?");
  const wrongOption = buildContext();
  (wrongOption.InputParameters as { value: { Attributes: { value: unknown }[] } }[])[0].value.Attributes[0].value = {
    __type: `OptionSetValue:${CONTRACTS}`,
    Value: 2.5,
  };
  expect(bad(wrongOption, (c) => target(c).Attributes.get("statuscode"))).toBe(
    "InputParameters[0].value.Attributes[0].value.Value: expected a whole number, got number 2.5",
  );
  expect(bad({ ...buildContext(), InputParameters: {} }, (c) => c.InputParameters)).toBe(
    "InputParameters: expected an array of {key, value} pairs, got an object",
  );
  expect(bad({ ...buildContext(), PreEntityImages: [{ key: 7 }] }, (c) => c.PreEntityImages)).toBe(
    "PreEntityImages[0]: expected {key, value} with a string key, got an object",
  );
  expect(bad({ ...buildContext(), Depth: "1" }, (c) => c.Depth)).toBe('Depth: expected a whole number, got "1"');
  expect(bad({ ...buildContext(), ParentContext: 7 }, (c) => c.ParentContext)).toBe(
    "ParentContext: expected a JSON object (a RemoteExecutionContext), got number 7",
  );
  let nested: unknown = 1;
  for (let i = 0; i <= MAX_NESTING + 2; i++)
    nested = { __type: `Entity:${CONTRACTS}`, LogicalName: "a", Attributes: [{ key: "a", value: nested }] };
  const deep = { ...buildContext(), SharedVariables: [{ key: "deep", value: nested }] };
  const readAll = (value: unknown): unknown =>
    typeof value === "object" && value !== null && "entity" in value
      ? readAll((value as { entity: Entity }).entity.Attributes.get("a"))
      : value;
  expect(bad(deep, (c) => readAll(c.SharedVariables.get("deep")))).toMatch(
    /^SharedVariables\[0\]\.value(\.Attributes\[0\]\.value)+: (values|entities) nested deeper than 8 levels$/,
  );
});

test("values are parsed when read, once; unread values never fail", () => {
  const body = buildContext();
  const shared = body.SharedVariables as { key: string; value: unknown }[];
  shared.push(
    { key: "broken", value: { __type: `OptionSetValue:${CONTRACTS}`, Value: "x" } },
    { key: "twice", value: 1 },
    { key: "twice", value: option(2) },
  );
  const context = parseContext(body);
  expect(context.PreEntityImages.get("PreImage")).toBe(context.PreEntityImages.get("PreImage"));
  expect(context.SharedVariables.get("twice")).toEqual({ type: "OptionSetValue", value: 2 });
  expect(context.SharedVariables.has("broken")).toBe(true);
  expect(() => context.SharedVariables.get("broken")).toThrow(`SharedVariables[${shared.length - 3}].value.Value: expected a whole number`);
  // Map semantics: one entry per key, in wire order, with the last value.
  const keys = shared.map((pair) => pair.key).filter((key, i, all) => all.indexOf(key) === i);
  expect(() => context.SharedVariables.size).toThrow(ContextError);
  const images = [...context.PreEntityImages.keys()];
  expect(images).toEqual(["PreImage"]);
  shared.splice(shared.length - 3, 1);
  const fine = parseContext(body);
  expect([...fine.SharedVariables.keys()]).toEqual(keys.filter((key) => key !== "broken"));
  expect(fine.SharedVariables.size).toBe(keys.length - 1);
  expect([...fine.SharedVariables].find(([key]) => key === "twice")?.[1]).toEqual({ type: "OptionSetValue", value: 2 });
});

test("a huge string in an error message is described, not echoed", () => {
  expect(() => parseContext({ ...buildContext(), MessageName: 5, x: "y" })).toThrow(
    "MessageName: expected a non-empty string, got number 5",
  );
  expect(() => parseContext({ ...buildContext(), Depth: "z".repeat(10_000) }).Depth).toThrow(
    "Depth: expected a whole number, got a string of 10000 characters",
  );
});

test("only MessageName and PrimaryEntityName are checked up front: a field never read never fails", () => {
  const odd = {
    Depth: "x",
    Stage: {},
    Mode: [],
    OutputParameters: {},
    SharedVariables: "x",
    PostEntityImages: 5,
    ParentContext: 7,
    OperationCreatedOn: 1,
  };
  const context = parseContext({ ...buildContext(), ...odd });
  expect(context.MessageName).toBe("Update");
  expect(context.PreEntityImages.get("PreImage")?.Attributes.get("statuscode")).toEqual({ type: "OptionSetValue", value: 2 });
  for (const name of Object.keys(odd)) expect(() => (context as unknown as Record<string, unknown>)[name]).toThrow(ContextError);
});

test("a ParentContext chain is read level by level, at most MAX_NESTING deep", () => {
  let chain: Record<string, unknown> | null = null;
  for (let i = 0; i <= MAX_NESTING + 1; i++) chain = { MessageName: `M${i}`, PrimaryEntityName: "x", ParentContext: chain };
  const context = parseContext({ ...buildContext(), ParentContext: chain });
  const names: string[] = [];
  expect(() => {
    for (let parent = context.ParentContext; parent !== null; parent = parent.ParentContext) names.push(parent.MessageName);
  }).toThrow(`nested deeper than ${MAX_NESTING} levels`);
  expect(names).toHaveLength(MAX_NESTING);
});

test("a multi-select choice: the first MAX_OPTION_VALUES values are parsed, the rest counted", () => {
  const many = Array.from({ length: MAX_OPTION_VALUES + 1000 }, (_, i) => option(i));
  expect(parseValue(many, "x")).toMatchObject({ type: "OptionSetValueCollection", omitted: 1000 });
  expect((parseValue(many, "x") as unknown as { values: number[] }).values).toHaveLength(MAX_OPTION_VALUES);
  const collection = parseValue({ __type: `OptionSetValueCollection:${CONTRACTS}`, Value: many }, "x");
  expect(collection).toMatchObject({ type: "OptionSetValueCollection", omitted: 1000 });
  expect(parseValue([option(1), option(2)], "x")).toEqual({ type: "OptionSetValueCollection", values: [1, 2] });
});
