import { createForm } from "../../plugins/form/conversationForm";
import { ALL_CHANNEL_KINDS, Status, STATUSES, evaluate, formatTemplate, formatVerdict } from "../../plugins/lifecycle";
import { loadStrings } from "../../plugins/strings/resx";
import { KIND_SETUPS, makeForm } from "./harness";
import * as XrmMock from "xrm-mock";

const handlers = createForm();
const SAVE = 1;
const DEACTIVATE = 5;
const REACTIVATE = 6;

function expectedText(lcid: number, key: string, from: number, to: number, kind: Parameters<typeof evaluate>[2]): string {
  const strings = loadStrings(lcid);
  return formatTemplate(strings[key], { message: formatVerdict(evaluate(from, to, kind, "agent"), (k) => strings[k]) });
}

describe("onSave stops a denied change before it reaches Dataverse", () => {
  test("a pending change another script made (setValue fires no OnChange) is stopped and explained", () => {
    const form = makeForm(handlers, { status: Status.Active, channels: KIND_SETUPS["live-chat"].channels });
    form.load();
    form.status.setValue(Status.Waiting);
    expect(form.save()).toBe(false);
    expect(form.notifications().map((n) => n.message)).toEqual([
      expectedText(1033, "form.saveBlocked", Status.Active, Status.Waiting, "live-chat"),
    ]);
    expect(form.notifications()[0].message).toMatch(/^This conversation can't be saved: Active → Waiting is not available for live chat\./);
  });

  test("in Arabic too", () => {
    const form = makeForm(handlers, { status: Status.Closed, channels: KIND_SETUPS.messaging.channels, lcid: 1025 });
    form.load();
    form.status.setValue(Status.Open);
    expect(form.save()).toBe(false);
    expect(form.notifications()[0].message).toBe(expectedText(1025, "form.saveBlocked", Status.Closed, Status.Open, "messaging"));
  });

  test("a valid save is never blocked, and clears an old notification", () => {
    const form = makeForm(handlers, { status: Status.Active, channels: KIND_SETUPS["live-chat"].channels });
    form.load();
    form.pick(Status.Waiting);
    expect(form.notifications()).toHaveLength(1);
    expect(form.save()).toBe(true);
    expect(form.notifications()).toEqual([]);
  });

  test("after a save, the next change is judged from what was saved", () => {
    const form = makeForm(handlers, { status: Status.Active, channels: KIND_SETUPS.messaging.channels });
    form.load();
    form.pick(Status.WrapUp);
    expect(form.save()).toBe(true);
    form.pick(Status.Closed);
    // Active → Closed is the system's on messaging, but Wrap-up → Closed is the agent's.
    expect(form.save()).toBe(true);
  });

  test("a save that fails on the server puts back what was last saved", () => {
    const form = makeForm(handlers, { status: Status.Active, channels: KIND_SETUPS.messaging.channels });
    form.load();
    form.pick(Status.WrapUp);
    const entity = form.formContext.data.entity as XrmMock.EntityMock;
    // The platform's PostSave after a failed save.
    const failed = {
      getFormContext: () => form.formContext,
      getEventArgs: () => ({ getIsSaveSuccess: () => false }),
    } as unknown as Xrm.Events.PostSaveEventContext;
    const handlersBefore = entity.postSaveEventHandlers.slice();
    entity.postSaveEventHandlers = [];
    expect(form.save()).toBe(true);
    handlersBefore.forEach((h) => h(failed));
    entity.postSaveEventHandlers = handlersBefore;
    // Still unsaved Active → Wrap-up → Closed: the pending change is judged from Active again.
    form.status.setValue(Status.Closed);
    expect(form.save()).toBe(false);
    expect(form.notifications()[0].message).toContain("Active → Closed");
  });

  test("without onLoad registered, a save is judged from the value the form loaded with", () => {
    const form = makeForm(handlers, { status: Status.Active, channels: KIND_SETUPS.voice.channels });
    form.status.setValue(Status.Waiting);
    expect(form.save()).toBe(false);
  });
});

describe("Deactivate (save mode 5) moves the conversation to Closed", () => {
  test("blocked where an agent cannot close from the current status", () => {
    const form = makeForm(handlers, { status: Status.Active, channels: KIND_SETUPS.messaging.channels });
    form.load();
    expect(form.save(DEACTIVATE)).toBe(false);
    expect(form.notifications()[0].message).toBe(expectedText(1033, "form.deactivateBlocked", Status.Active, Status.Closed, "messaging"));
    expect(form.notifications()[0].message).toMatch(/^This conversation can't be closed now: /);
  });

  test("every status and channel kind: blocked exactly when the model denies the agent → Closed", () => {
    for (const kind of ALL_CHANNEL_KINDS) {
      for (const from of STATUSES) {
        const form = makeForm(handlers, { status: from.value, channels: KIND_SETUPS[kind].channels });
        form.load(KIND_SETUPS[kind].parameter);
        const allowed = from.value === Status.Closed || evaluate(from.value, Status.Closed, kind, "agent").allowed;
        expect({ kind, from: from.label, saved: form.save(DEACTIVATE) }).toEqual({ kind, from: from.label, saved: allowed });
        expect(form.notifications()).toHaveLength(allowed ? 0 : 1);
      }
    }
  });

  test("a pending invalid change is reported first", () => {
    const form = makeForm(handlers, { status: Status.Active, channels: KIND_SETUPS["live-chat"].channels });
    form.load();
    form.status.setValue(Status.Waiting);
    expect(form.save(DEACTIVATE)).toBe(false);
    expect(form.notifications()[0].message).toMatch(/^This conversation can't be saved: /);
  });
});

describe("Reactivate (save mode 6)", () => {
  test("Closed is terminal: reactivation is blocked on every channel kind, in the user's language", () => {
    for (const kind of ALL_CHANNEL_KINDS) {
      for (const lcid of [1033, 1025, 1036]) {
        const form = makeForm(handlers, { status: Status.Closed, channels: KIND_SETUPS[kind].channels, lcid });
        form.load(KIND_SETUPS[kind].parameter);
        expect(form.save(REACTIVATE)).toBe(false);
        expect(form.notifications()[0].message).toBe(expectedText(lcid, "form.reactivateBlocked", Status.Closed, Status.Open, kind));
      }
    }
    const form = makeForm(handlers, { status: Status.Closed, channels: KIND_SETUPS.voice.channels });
    form.load();
    form.save(REACTIVATE);
    expect(form.notifications()[0].message).toBe(
      "Closed conversations can't be reopened: Closed is final. “Agents can't reactivate or reopen closed conversations.”",
    );
  });
});

describe("Reactivate of a conversation that is not closed", () => {
  test("is not judged: it does not change the status reason", () => {
    for (const status of [Status.Open, Status.Active, Status.Waiting, Status.WrapUp]) {
      const form = makeForm(handlers, { status, channels: KIND_SETUPS["live-chat"].channels });
      form.load();
      expect(form.save(REACTIVATE)).toBe(true);
    }
  });
});

describe("no false blocks", () => {
  test("every move the model allows an agent saves, on every channel kind", () => {
    for (const kind of ALL_CHANNEL_KINDS) {
      for (const from of STATUSES) {
        for (const to of STATUSES) {
          if (!evaluate(from.value, to.value, kind, "agent").allowed) continue;
          const form = makeForm(handlers, { status: from.value, channels: KIND_SETUPS[kind].channels });
          form.load(KIND_SETUPS[kind].parameter);
          form.pick(to.value);
          expect({ kind, from: from.label, to: to.label, saved: form.save(), notes: form.notifications() }).toEqual({
            kind,
            from: from.label,
            to: to.label,
            saved: true,
            notes: [],
          });
        }
      }
    }
  });

  test("an unknown channel never blocks what some known channel lets an agent do", () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const someKind = ALL_CHANNEL_KINDS.some((k) => k !== "unknown" && evaluate(from.value, to.value, k, "agent").allowed);
        if (!someKind) continue;
        for (const setup of [{ channels: KIND_SETUPS.unknown.channels }, { channels: null }, { noChannel: true }]) {
          const form = makeForm(handlers, { status: from.value, ...setup });
          form.load();
          form.status.setValue(to.value);
          expect({ from: from.label, to: to.label, saved: form.save() }).toEqual({ from: from.label, to: to.label, saved: true });
        }
      }
    }
  });

  test("an unknown or missing status never blocks a save, whatever the mode", () => {
    for (const status of [null, 192350099]) {
      for (const mode of [SAVE, DEACTIVATE, REACTIVATE]) {
        const form = makeForm(handlers, { status, channels: KIND_SETUPS["live-chat"].channels });
        form.load();
        expect(form.save(mode)).toBe(true);
        form.status.setValue((status === null ? 192350099 : null) as number);
        expect(form.save(mode)).toBe(true);
      }
      // From an unknown status to a known one: the model cannot judge the move, so it passes.
      const form = makeForm(handlers, { status, channels: KIND_SETUPS["live-chat"].channels });
      form.load();
      form.status.setValue(Status.Waiting);
      expect(form.save(SAVE)).toBe(true);
    }
  });

  test("a form without a Status Reason column is left alone", () => {
    const form = makeForm(handlers, { status: Status.Active, channels: KIND_SETUPS.messaging.channels });
    const bare = { ...form.formContext, getAttribute: () => null } as unknown as Xrm.FormContext;
    const args = new XrmMock.SaveEventArgumentsMock(DEACTIVATE as XrmEnum.SaveMode);
    const context = new XrmMock.SaveEventContextMock({ formContext: bare, eventArgs: args });
    handlers.onLoad(context);
    handlers.onStatusChange(context);
    handlers.onSave(context);
    expect(args.isDefaultPrevented()).toBe(false);
  });
});
