import { createForm } from "../../plugins/form/conversationForm";
import { ALL_CHANNEL_KINDS, Status, STATUSES, evaluate, type ChannelKind } from "../../plugins/lifecycle";
import { KIND_SETUPS, STATUS_OPTIONS, makeForm, platformTransitions, settle, type FormSetup } from "./harness";

const handlers = createForm();
const ALL = STATUS_OPTIONS.map((o) => o.value);

function loaded(kind: ChannelKind, status: number | null, extra: Partial<FormSetup> = {}) {
  const setup = KIND_SETUPS[kind];
  const form = makeForm(handlers, { status, channels: setup.channels, header: true, ...extra });
  form.load(setup.parameter);
  return form;
}

describe("onLoad hides the Status Reason choices the model does not allow an agent", () => {
  for (const kind of ALL_CHANNEL_KINDS) {
    for (const from of STATUSES) {
      test(`${kind}, from ${from.label}`, () => {
        const form = loaded(kind, from.value);
        const expected = ALL.filter((to) => to === from.value || evaluate(from.value, to, kind, "agent").allowed);
        expect(form.shown()).toEqual({ statuscode: expected, header_statuscode: expected });
      });
    }
  }

  test("the seed's cases, spelled out", () => {
    expect(loaded("live-chat", Status.Active).shown().statuscode).toEqual([Status.Open, Status.Active, Status.WrapUp]);
    expect(loaded("messaging", Status.Active).shown().statuscode).toEqual([Status.Open, Status.Active, Status.Waiting, Status.WrapUp]);
    expect(loaded("record", Status.Active).shown().statuscode).toEqual([Status.Active, Status.Closed]);
    expect(loaded("messaging", Status.Waiting).shown().statuscode).toEqual([Status.Active, Status.Waiting]);
    expect(loaded("voice", Status.Open).shown().statuscode).toEqual([Status.Open]);
    expect(loaded("live-chat", Status.WrapUp).shown().statuscode).toEqual([Status.Closed, Status.WrapUp]);
    for (const kind of ALL_CHANNEL_KINDS) expect(loaded(kind, Status.Closed).shown().statuscode).toEqual([Status.Closed]);
  });

  test("choices come back, in their original order, when the status changes", () => {
    const form = loaded("messaging", Status.Waiting);
    expect(form.shown().statuscode).toEqual([Status.Active, Status.Waiting]);
    form.pick(Status.Active);
    expect(form.shown()).toEqual({ statuscode: [1, 2, 3, 5], header_statuscode: [1, 2, 3, 5] });
    form.pick(Status.WrapUp);
    expect(form.shown().statuscode).toEqual([Status.Closed, Status.WrapUp]);
  });

  test("a second onLoad on the same form starts from the original choices, not the filtered ones", () => {
    const form = loaded("messaging", Status.Waiting);
    form.status.setValue(Status.Active);
    form.load();
    expect(form.shown().statuscode).toEqual([1, 2, 3, 5]);
  });

  test("the unknown channel kind offers what some known channel allows", () => {
    expect(loaded("unknown", Status.Active).shown().statuscode).toEqual([1, 2, 3, 4, 5]);
    const noChannel = makeForm(handlers, { status: Status.Active, noChannel: true });
    noChannel.load();
    expect(noChannel.shown().statuscode).toEqual([1, 2, 3, 4, 5]);
  });

  test("an unknown or missing status is not filtered", () => {
    for (const status of [99, null]) expect(loaded("live-chat", status).shown().statuscode).toEqual(ALL);
  });
});

describe("the conversation mode", () => {
  const persistent = (parameter: unknown, extra: FormSetup["extra"] = []) => {
    const form = makeForm(handlers, { status: Status.Active, channels: KIND_SETUPS["live-chat"].channels, extra });
    form.load(parameter);
    return form.shown().statuscode.includes(Status.Waiting);
  };

  test("a fixed mode: JSON, a name or the workstream's option value", () => {
    expect(persistent('{"mode":"persistent"}')).toBe(true);
    expect(persistent("persistent")).toBe(true);
    expect(persistent(192350001)).toBe(true);
    expect(persistent({ mode: "persistent" })).toBe(true);
    expect(persistent(undefined)).toBe(false);
    expect(persistent('{"mode":"live"}')).toBe(false);
  });

  test("a column on the form wins when it has a value", () => {
    const parameter = '{"modeAttribute":"ocs_conversationmode"}';
    expect(persistent(parameter, [{ name: "ocs_conversationmode", value: 192350001 }])).toBe(true);
    expect(persistent(parameter, [{ name: "ocs_conversationmode", value: 192350000 }])).toBe(false);
    expect(
      persistent('{"mode":"persistent","modeAttribute":"ocs_conversationmode"}', [{ name: "ocs_conversationmode", value: null }]),
    ).toBe(true);
    expect(persistent(parameter)).toBe(false);
  });

  test("a parameter it cannot read means live chat, with a console warning that says what it expected", () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      for (const bad of ["persistant", "{mode:persistent}", '{"mode":"weekly"}', '{"modeAttribute":7}', 42]) {
        warn.mockClear();
        expect(persistent(bad)).toBe(false);
        expect(warn).toHaveBeenCalledTimes(1);
        expect(warn.mock.calls[0][0]).toContain('expected "live", "persistent"');
      }
    } finally {
      warn.mockRestore();
    }
  });
});

describe("Dataverse's own transitions (getAllowedStatusTransitions)", () => {
  test("its answer is intersected with the model", async () => {
    const form = makeForm(handlers, { status: Status.Active, channels: KIND_SETUPS.messaging.channels });
    const asked = platformTransitions(() => [Status.Open, Status.Closed]);
    form.load();
    expect(asked).toHaveBeenCalledWith("msdyn_ocliveworkitem", Status.Active);
    expect(form.shown().statuscode).toEqual([1, 2, 3, 5]);
    await settle();
    // Closed is Dataverse's but not the model's for an agent on messaging; Waiting and Wrap-up are the model's only.
    expect(form.shown().statuscode).toEqual([Status.Open, Status.Active]);
  });

  test("asked again for each new status, once per status", async () => {
    const form = makeForm(handlers, { status: Status.Waiting, channels: KIND_SETUPS.messaging.channels });
    const asked = platformTransitions((s) => (s === Status.Active ? [Status.WrapUp] : [Status.Active]));
    form.load();
    await settle();
    form.pick(Status.Active);
    await settle();
    expect(form.shown().statuscode).toEqual([Status.Active, Status.WrapUp]);
    form.pick(Status.WrapUp);
    await settle();
    expect(asked.mock.calls.map((c) => c[1])).toEqual([Status.Waiting, Status.Active, Status.WrapUp]);
  });

  test("a late answer for a status the form has left is kept but not applied", async () => {
    let answer: (list: number[]) => void = () => undefined;
    const form = makeForm(handlers, { status: Status.Waiting, channels: KIND_SETUPS.messaging.channels });
    platformTransitions((s) => (s === Status.Waiting ? new Promise<number[]>((resolve) => (answer = resolve)) : []));
    form.load();
    form.pick(Status.Active);
    answer([Status.Waiting]);
    await settle();
    expect(form.shown().statuscode).toEqual([1, 2, 3, 5]);
  });

  test("a failure, an empty answer or a missing API leaves the model alone in charge", async () => {
    const cases: (() => void)[] = [
      () => platformTransitions(() => Promise.reject(new Error("0x80048408"))),
      () => platformTransitions(() => []),
      () =>
        platformTransitions(() => {
          throw new Error("Method not implemented.");
        }),
    ];
    for (const arrange of cases) {
      const form = makeForm(handlers, { status: Status.Active, channels: KIND_SETUPS.messaging.channels });
      arrange();
      form.load();
      await settle();
      expect(form.shown().statuscode).toEqual([1, 2, 3, 5]);
    }
  });
});
