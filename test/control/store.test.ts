/**
 * The control's store with the real reader over a fake PCF context: when it reads, which answer it
 * keeps, and how a move goes through transitionRequested. Timers are jest's fake ones where a wait
 * for the form's answer is tested, so no test depends on the machine's speed.
 */
import { createReader } from "../../components/ConversationState/reader";
import { settingsOf } from "../../components/ConversationState/settings";
import { Store } from "../../components/ConversationState/store";
import type { TransitionRequest } from "../../plugins/events/transitionRequested";
import { CONVERSATION_ID, conversation, fakeContext, flush, type FakeContext, type FakeOptions } from "./context";

function setUp(options: FakeOptions = {}): { context: FakeContext; store: Store; requests: TransitionRequest[]; update: () => void } {
  const context = fakeContext(options);
  const requests: TransitionRequest[] = [];
  context.events = { transitionRequested: (request) => requests.push(request) };
  const store = new Store({ reader: createReader(context), events: () => context.events, ackMs: 3000 });
  const update = (): void => store.update(settingsOf(context));
  return { context, store, requests, update };
}

const recordReads = (context: FakeContext): string[] => context.calls.filter((c) => c.startsWith("msdyn_ocliveworkitem "));

test("the first update reads the record once, with $select of the columns it shows", async () => {
  const { context, store, update } = setUp();
  update();
  expect(store.state).toMatchObject({ reading: true, record: null });
  await flush();
  expect(store.state).toMatchObject({ reading: false, record: { status: 2, channels: [192360000] } });
  expect(recordReads(context)).toEqual([
    `msdyn_ocliveworkitem ${CONVERSATION_ID} ?$select=statuscode,statecode,msdyn_channel,msdyn_statuschangereason,_msdyn_liveworkstreamid_value,msdyn_statusupdatedon`,
  ]);
});

test("updateView with nothing changed never reads again", async () => {
  const { context, update } = setUp();
  update();
  await flush();
  for (let i = 0; i < 20; i++) update();
  await flush();
  expect(recordReads(context)).toHaveLength(1);
});

test("a change of the bound Status updated on reads again; the value the record already has does not", async () => {
  const { context, store, update } = setUp();
  update();
  await flush();
  const read = store.state.record?.statusUpdatedOn;
  context.set("statusUpdatedOn", new Date(read as number));
  update();
  await flush();
  expect(recordReads(context)).toHaveLength(1);
  context.rows[CONVERSATION_ID] = conversation(5, { msdyn_statusupdatedon: new Date().toISOString() });
  context.set("statusUpdatedOn", new Date());
  update();
  await flush();
  expect(recordReads(context)).toHaveLength(2);
  expect(store.state.record).toMatchObject({ status: 5 });
});

test("a slow answer never overwrites a newer one: the older read is dropped", async () => {
  const other = "0a1b2c3d-0000-4000-8000-000000000002";
  const { context, store, update } = setUp({ hold: true, rows: { [CONVERSATION_ID]: conversation(2), [other]: conversation(5) } });
  update();
  context.set("entityId", other);
  update();
  expect(context.held).toBe(2);
  await context.release(1); // the newer read (the other record) answers first
  expect(store.state).toMatchObject({ reading: false, record: { status: 5 } });
  await context.release(0); // then the first one, late
  expect(store.state).toMatchObject({ reading: false, record: { status: 5 } });
});

test("a status change on the form while the first read is on its way reads again; the newer answer is kept", async () => {
  const { context, store, update } = setUp({ hold: true });
  update();
  context.rows[CONVERSATION_ID] = conversation(5, { msdyn_statusupdatedon: new Date().toISOString() });
  context.set("statusUpdatedOn", new Date());
  update();
  expect(context.held).toBe(2);
  await context.release(1); // the read started after the change answers first
  expect(store.state).toMatchObject({ reading: false, record: { status: 5 } });
  context.rows[CONVERSATION_ID] = conversation(2); // what the first read would have seen
  await context.release(0);
  expect(store.state).toMatchObject({ reading: false, record: { status: 5 } });
});

test("while a refresh is on its way the last record stays on screen, marked as refreshing", async () => {
  const { context, store, update } = setUp({ hold: true });
  update();
  await context.release();
  context.set("statusUpdatedOn", new Date());
  update();
  expect(store.state).toMatchObject({ reading: true, record: { status: 2 } });
  await context.release();
  expect(store.state).toMatchObject({ reading: false, record: { status: 2 } });
});

test.each([
  ["forbidden", { errorCode: -2147220960, message: "Principal user is missing prvReadmsdyn_ocliveworkitem privilege" }, false],
  ["notFound", { errorCode: -2147220969, message: "msdyn_ocliveworkitem With Id = … Does Not Exist" }, false],
  ["offline", { message: "Failed to fetch" }, true],
  ["readFailed", { errorCode: -2147204784, message: "Generic SQL error." }, false],
] as const)("a %s read shows that problem, with the platform's message", async (problem, error, offline) => {
  const { store, update } = setUp({ rows: { [CONVERSATION_ID]: { error } }, offline });
  update();
  await flush();
  expect(store.state).toMatchObject({ reading: false, problem: { kind: problem, message: error.message }, record: null });
});

test("retry reads again and shows the record once it answers", async () => {
  const { context, store, update } = setUp({ rows: { [CONVERSATION_ID]: { error: { message: "Failed to fetch" } } }, offline: true });
  update();
  await flush();
  context.rows[CONVERSATION_ID] = conversation(3);
  store.retry();
  expect(store.state).toMatchObject({ reading: true, problem: null });
  await flush();
  expect(store.state).toMatchObject({ reading: false, problem: null, record: { status: 3 } });
});

test.each([
  ["no Entity Id or Entity Name", { entityId: null, entityName: null }, "not-configured"],
  ["Entity Name but no id: a new record", { entityId: "", entityName: "msdyn_ocliveworkitem" }, "new-record"],
  ["another table", { entityName: "account" }, "wrong-table"],
] as const)("%s: nothing is read", async (_, params, kind) => {
  const { context, store, update } = setUp({ params });
  update();
  await flush();
  expect(store.state.target.kind).toBe(kind);
  expect(store.state).toMatchObject({ reading: false, record: null });
  expect(context.calls).toEqual([]);
});

test("labels are asked once, and the workstream's mode once per workstream", async () => {
  const { context, store, update } = setUp({
    workstreams: { "0a1b2c3d-0000-4000-8000-0000000000aa": { msdyn_conversationmode: 192350001 } },
  });
  update();
  await flush();
  store.retry();
  await flush();
  expect(context.calls.filter((c) => c.startsWith("metadata"))).toEqual([
    "metadata msdyn_ocliveworkitem statuscode,msdyn_statuschangereason",
  ]);
  expect(context.calls.filter((c) => c.startsWith("msdyn_liveworkstream "))).toHaveLength(1);
  expect(store.state.modes).toEqual({ "0a1b2c3d-0000-4000-8000-0000000000aa": "persistent" });
});

describe("a move", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  async function shown(options: FakeOptions = {}) {
    const setup = setUp(options);
    setup.update();
    await jest.runOnlyPendingTimersAsync();
    return setup;
  }

  test("raises transitionRequested with from, to, trigger and done", async () => {
    const { store, requests } = await shown();
    store.request(5, "agent-ends");
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ from: 2, to: 5, trigger: "agent-ends" });
    expect(typeof requests[0].done).toBe("function");
    expect(store.state.action).toEqual({ kind: "pending" });
  });

  test("changed: reads the record again", async () => {
    const { context, store, requests } = await shown();
    store.request(5, "agent-ends");
    context.rows[CONVERSATION_ID] = conversation(5);
    requests[0].done({ outcome: "working" });
    requests[0].done({ outcome: "changed" });
    await jest.runOnlyPendingTimersAsync();
    expect(store.state.action).toEqual({ kind: "idle" });
    expect(store.state.record).toMatchObject({ status: 5 });
    expect(recordReads(context)).toHaveLength(2);
  });

  test("refused: the form's message is kept until dismissed; only one final answer counts", async () => {
    const { store, requests } = await shown();
    store.request(3, "agent-closes-session");
    requests[0].done({ outcome: "refused", reason: "not-for-channel", message: "Active → Waiting is not available for live chat." });
    requests[0].done({ outcome: "changed" });
    expect(store.state.action).toEqual({ kind: "refused", message: "Active → Waiting is not available for live chat." });
    store.dismiss();
    expect(store.state.action).toEqual({ kind: "idle" });
  });

  test("no handler within the wait: the agent is told the form library is missing", async () => {
    const { store, context } = await shown();
    context.events = {} as typeof context.events;
    store.request(5, "agent-ends");
    jest.advanceTimersByTime(2999);
    expect(store.state.action.kind).toBe("pending");
    jest.advanceTimersByTime(1);
    expect(store.state.action).toEqual({ kind: "no-handler" });
  });

  test("a handler that said it is working is waited for, however long the save takes", async () => {
    const { store, requests } = await shown();
    store.request(5, "agent-ends");
    requests[0].done({ outcome: "working" });
    jest.advanceTimersByTime(60_000);
    expect(store.state.action).toEqual({ kind: "pending" });
  });

  test("a handler that says it is working after the wait is waited for again", async () => {
    const { store, requests } = await shown();
    store.request(5, "agent-ends");
    jest.advanceTimersByTime(5000);
    expect(store.state.action).toEqual({ kind: "no-handler" });
    requests[0].done({ outcome: "working" });
    expect(store.state.action).toEqual({ kind: "pending" });
    requests[0].done({ outcome: "changed" });
    expect(store.state.action).toEqual({ kind: "idle" });
  });

  test("a late answer after the wait still counts", async () => {
    const { store, requests } = await shown();
    store.request(5, "agent-ends");
    jest.advanceTimersByTime(5000);
    requests[0].done({ outcome: "failed", message: "The server was unavailable." });
    expect(store.state.action).toEqual({ kind: "failed", message: "The server was unavailable." });
  });

  test("a handler that throws fails the move with its message", async () => {
    const { store, context } = await shown();
    context.events = {
      transitionRequested: () => {
        throw new Error("handler broke");
      },
    };
    store.request(5, "agent-ends");
    expect(store.state.action).toEqual({ kind: "failed", message: "handler broke" });
  });

  test("a second move waits for the first", async () => {
    const { store, requests } = await shown();
    store.request(5, "agent-ends");
    store.request(1, "agent-releases");
    expect(requests).toHaveLength(1);
  });

  test("no record on screen: nothing is raised", async () => {
    const { store, requests } = await shown({ params: { entityId: null, entityName: null } });
    store.request(5, "agent-ends");
    expect(requests).toHaveLength(0);
    expect(store.state.action.kind).toBe("idle");
  });
});
