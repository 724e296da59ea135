/**
 * The form script carries out the control's transitionRequested: it finds the control by itself,
 * checks the move against the model, sets the status reason (and the status for Closed) and saves,
 * or writes through Xrm.WebApi when Status Reason is not on the form; it answers through done.
 * A small form context of the documented Client API members is enough here (xrm-mock has no
 * addEventHandler on controls, and no save promise).
 */
import { createForm } from "../../plugins/form/conversationForm";
import { TRANSITION_KEYS, transitionMessage } from "../../plugins/form/messages";
import type { TransitionRequest, TransitionResult } from "../../plugins/events/transitionRequested";
import { loadStrings } from "../../plugins/strings/resx";
import { agentVerdict } from "../../plugins/lifecycle/agent";
import { formatVerdict } from "../../plugins/lifecycle";
import { useResourceStrings } from "./harness";

const ID = "{0A1B2C3D-0000-4000-8000-000000000001}";

interface Column {
  value: unknown;
  dirty: boolean;
  canUpdate: boolean;
}

interface FakeForm {
  form: Xrm.FormContext;
  columns: Map<string, Column>;
  handlers: Map<string, ((request: unknown) => void)[]>;
  saves: Record<string, unknown>[];
  raise(request: Partial<TransitionRequest>): Promise<TransitionResult[]>;
}

function fakeForm(
  values: Record<string, unknown>,
  options: { controlOn?: string; formType?: number; saveFails?: string; id?: string; canUpdate?: boolean } = {},
): FakeForm {
  const columns = new Map<string, Column>(
    Object.entries(values).map(([name, value]) => [name, { value, dirty: false, canUpdate: options.canUpdate ?? true }]),
  );
  const handlers = new Map<string, ((request: unknown) => void)[]>();
  const saves: Record<string, unknown>[] = [];
  const controlColumn = options.controlOn ?? "msdyn_statusupdatedon";
  const codeComponent = {
    getName: () => controlColumn,
    addEventHandler: (name: string, handler: (request: unknown) => void) => handlers.set(name, [...(handlers.get(name) ?? []), handler]),
  };
  const attribute = (name: string) => {
    const column = columns.get(name);
    if (!column) return null;
    return {
      getName: () => name,
      getValue: () => column.value,
      setValue: (value: unknown) => {
        column.value = value;
        column.dirty = true;
      },
      getIsDirty: () => column.dirty,
      getInitialValue: () => column.value,
      getUserPrivilege: () => ({ canRead: true, canUpdate: column.canUpdate, canCreate: true }),
      addOnChange: () => undefined,
      controls: { forEach: (each: (control: unknown) => void) => (name === controlColumn ? each(codeComponent) : undefined) },
    };
  };
  const form = {
    getAttribute: attribute,
    getControl: (name: string) => (name === controlColumn ? codeComponent : null),
    ui: { getFormType: () => options.formType ?? 2, setFormNotification: () => true, clearFormNotification: () => true },
    data: {
      entity: { getId: () => options.id ?? ID, getEntityName: () => "msdyn_ocliveworkitem", addOnPostSave: () => undefined },
      save: async () => {
        const dirty = Object.fromEntries([...columns].filter(([, c]) => c.dirty).map(([name, c]) => [name, c.value]));
        if (options.saveFails) throw { errorCode: -2147220891, message: options.saveFails };
        saves.push(dirty);
        for (const column of columns.values()) column.dirty = false;
      },
      refresh: async () => undefined,
    },
  } as unknown as Xrm.FormContext;
  return {
    form,
    columns,
    handlers,
    saves,
    async raise(request) {
      const answers: TransitionResult[] = [];
      for (const handler of handlers.get("transitionRequested") ?? [])
        handler({ trigger: null, done: (r: TransitionResult) => answers.push(r), ...request });
      await new Promise((resolve) => setTimeout(resolve, 0));
      await new Promise((resolve) => setTimeout(resolve, 0));
      return answers;
    },
  };
}

// One library per page, as the platform loads the web resource once.
let library = createForm();
const load = (fake: FakeForm, parameter?: unknown): void =>
  library.onLoad({ getFormContext: () => fake.form } as unknown as Xrm.Events.EventContext, parameter);

let webApi: { updates: unknown[]; retrieves: unknown[] };
beforeEach(() => {
  library = createForm();
  webApi = { updates: [], retrieves: [] };
  (globalThis as unknown as { Xrm: unknown }).Xrm = {
    Utility: {},
    WebApi: {
      updateRecord: async (table: string, id: string, data: unknown) => {
        webApi.updates.push([table, id, data]);
        return { entityType: table, id };
      },
      retrieveRecord: async (table: string, id: string, query: string) => {
        webApi.retrieves.push([table, id, query]);
        return { msdyn_channel: "192340000" };
      },
    },
  };
  useResourceStrings(1033);
});

const en = loadStrings(1033);
const english = (key: string) => en[key];

test("onLoad subscribes to the control on Status updated on by itself", () => {
  const fake = fakeForm({ statuscode: 2, statecode: 0, msdyn_channel: [192360000] });
  load(fake);
  expect(fake.handlers.get("transitionRequested")).toHaveLength(1);
  load(fake); // a second onLoad does not subscribe twice
  expect(fake.handlers.get("transitionRequested")).toHaveLength(1);
});

test("or on the column named in the handler's parameters", () => {
  const fake = fakeForm({ statuscode: 2, msdyn_channel: [192360000] }, { controlOn: "ocs_statebadge" });
  load(fake, '{"control":"ocs_statebadge"}');
  expect(fake.handlers.get("transitionRequested")).toHaveLength(1);
});

test("an allowed move: working, then the status reason is set and the form saved", async () => {
  const fake = fakeForm({ statuscode: 2, statecode: 0, msdyn_channel: [192360000] });
  load(fake);
  expect(await fake.raise({ from: 2, to: 5, trigger: "agent-ends" })).toEqual([{ outcome: "working" }, { outcome: "changed" }]);
  expect(fake.saves).toEqual([{ statuscode: 5 }]);
});

test("Closed sets the status as well, then saves", async () => {
  const fake = fakeForm({ statuscode: 5, statecode: 0, msdyn_channel: [192360000] });
  load(fake);
  expect((await fake.raise({ from: 5, to: 4, trigger: "agent-closes-session" })).pop()).toEqual({ outcome: "changed" });
  expect(fake.saves).toEqual([{ statuscode: 4, statecode: 1 }]);
});

test("a denied move is refused with the model's sentence in the user's language, and nothing changes", async () => {
  const fake = fakeForm({ statuscode: 2, statecode: 0, msdyn_channel: [192360000] });
  load(fake);
  const answers = await fake.raise({ from: 2, to: 3, trigger: "agent-closes-session" });
  expect(answers.pop()).toEqual({
    outcome: "refused",
    reason: "not-for-channel",
    message: formatVerdict(agentVerdict(2, 3, "live-chat"), english),
  });
  expect(fake.saves).toEqual([]);
  expect(fake.columns.get("statuscode")?.value).toBe(2);
});

test("the refusal is localised: French", async () => {
  useResourceStrings(1036);
  const fake = fakeForm({ statuscode: 2, statecode: 0, msdyn_channel: [192360000] });
  load(fake);
  const fr = loadStrings(1036);
  const answer = (await fake.raise({ from: 2, to: 3 })).pop() as { message: string };
  expect(answer.message).toBe(formatVerdict(agentVerdict(2, 3, "live-chat"), (k) => fr[k]));
  expect(answer.message).toContain("conversation instantanée");
});

test("a failed save is reported, and the values are put back", async () => {
  const fake = fakeForm({ statuscode: 2, statecode: 0, msdyn_channel: [192360000] }, { saveFails: "The webhook refused the change." });
  load(fake);
  expect((await fake.raise({ from: 2, to: 5 })).pop()).toEqual({
    outcome: "failed",
    message: "The status was not changed: The webhook refused the change.",
  });
  expect(fake.columns.get("statuscode")).toMatchObject({ value: 2 });
});

test.each([
  ["a read-only form", { formType: 3 }, {}, "readOnly"],
  ["a new record", { id: "" }, {}, "newRecord"],
  ["no permission on Status Reason", { canUpdate: false }, {}, "noPermission"],
  ["a status that changed meanwhile", {}, { statuscode: 1 }, "changedMeanwhile"],
] as const)("%s is refused with words the agent can act on", async (_, options, values, reason) => {
  const fake = fakeForm({ statuscode: 2, statecode: 0, msdyn_channel: [192360000], ...values }, options);
  load(fake);
  const answer = (await fake.raise({ from: 2, to: 5 })).pop() as { outcome: string; reason: string; message: string };
  expect(answer).toMatchObject({ outcome: "refused", reason });
  expect(answer.message).toBe(
    transitionMessage(english, `form.transition.${reason}`, reason === "changedMeanwhile" ? { status: "Open", from: "Active" } : {}),
  );
  expect(fake.saves).toEqual([]);
});

test("a pending change to Status Reason is saved or discarded first", async () => {
  const fake = fakeForm({ statuscode: 2, statecode: 0, msdyn_channel: [192360000] });
  load(fake);
  fake.columns.get("statuscode")!.dirty = true;
  expect(((await fake.raise({ from: 2, to: 5 })).pop() as { reason: string }).reason).toBe("pendingChange");
});

test("Status Reason not on the form: written through Xrm.WebApi (channel read from the record), then the form refreshed", async () => {
  const fake = fakeForm({});
  load(fake);
  expect((await fake.raise({ from: 2, to: 3, trigger: "agent-closes-session" })).pop()).toEqual({ outcome: "changed" });
  expect(webApi.retrieves).toEqual([["msdyn_ocliveworkitem", "0A1B2C3D-0000-4000-8000-000000000001", "?$select=msdyn_channel"]]);
  expect(webApi.updates).toEqual([["msdyn_ocliveworkitem", "0A1B2C3D-0000-4000-8000-000000000001", { statuscode: 3, statecode: 0 }]]);
});

test("a malformed request is answered when it can be, and never throws", async () => {
  const fake = fakeForm({ statuscode: 2 });
  load(fake);
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  const answers: TransitionResult[] = [];
  for (const handler of fake.handlers.get("transitionRequested") ?? []) {
    handler({ from: "2", to: 5, done: (r: TransitionResult) => answers.push(r) });
    handler(null);
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(answers).toEqual([{ outcome: "failed", message: "The status was not changed: malformed request" }]);
  expect(warn).toHaveBeenCalledTimes(2);
  warn.mockRestore();
});

test("the English fallbacks are the English resx, word for word", () => {
  const none = () => undefined;
  for (const key of TRANSITION_KEYS) expect(transitionMessage(none, key)).toBe(en[key]);
});
