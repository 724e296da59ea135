/**
 * A conversation form in xrm-mock: statuscode (body and header controls), msdyn_channel
 * (multi-select: number[]), the user's language, the RESX web resources behind
 * Xrm.Utility.getResourceString, and helpers that act like the agent.
 * Works with the source (createForm) and with the built bundle's ConversationState.Form.
 */
import { readFileSync } from "node:fs";
import { XrmMockGenerator } from "xrm-mock";
import * as XrmMock from "xrm-mock";
import { CHANNELS, STATUSES, type ChannelKind, type ConversationModeName } from "../../plugins/lifecycle";
import type { ConversationForm } from "../../plugins/form/conversationForm";
import { STRINGS_WEB_RESOURCE } from "../../plugins/form/resources";
import { availableLanguages, parseResx, resxPath } from "../../plugins/strings/resx";

export const NOTIFICATION_ID = "ocs_conversationstate";
export const ENTITY = "msdyn_ocliveworkitem";

/** Status Reason choices as Dataverse labels them, in option-set order. */
export const STATUS_OPTIONS: Xrm.OptionSetValue[] = STATUSES.map((s) => ({ text: s.label, value: s.value }));

const channel = (name: string): number => (CHANNELS.find((c) => c.name === name) as (typeof CHANNELS)[number]).value;

/** msdyn_channel values and the onLoad parameter that give each channel kind. */
export const KIND_SETUPS: Readonly<Record<ChannelKind, { channels: number[]; parameter?: string; mode: ConversationModeName }>> = {
  "live-chat": { channels: [channel("live-chat")], mode: "live" },
  "persistent-chat": { channels: [channel("live-chat")], parameter: '{"mode":"persistent"}', mode: "persistent" },
  messaging: { channels: [channel("sms")], mode: "live" },
  voice: { channels: [channel("voice")], mode: "live" },
  record: { channels: [channel("entity-records")], mode: "live" },
  // A channel Microsoft might add tomorrow: not in msdyn_streamsource as we know it.
  unknown: { channels: [192990000], mode: "live" },
};

/** The RESX web resources the solution ships: each resx file as it is (no merging), by LCID. */
export const SHIPPED_RESX: Readonly<Record<number, Readonly<Record<string, string>>>> = Object.fromEntries(
  availableLanguages().map((lcid) => [lcid, parseResx(readFileSync(resxPath(lcid), "utf8"))]),
);

/** What the organisation has deployed and how its platform answers getResourceString. */
export interface PlatformStrings {
  /** The organisation's base language (default 1033). */
  orgLanguage?: number;
  /** The RESX web resources `${STRINGS_WEB_RESOURCE}.<lcid>.resx` deployed (default: the shipped ones). */
  resx?: Readonly<Record<number, Readonly<Record<string, string>>>>;
  /**
   * A user language without its own RESX: "throws" is the documented "<name> does not exist." (the
   * default); "base" answers from the base language's RESX, as the documented fallback reads.
   */
  missingLanguage?: "throws" | "base";
}

/**
 * Installs Xrm.Utility.getResourceString on its documented contract: the key from the RESX of the user's
 * language, else from the organisation's base language, else null; an exception naming the web
 * resource when no RESX answers for the user's language (or the name is not one deployed).
 */
export function useResourceStrings(userLanguage: number, platform: PlatformStrings = {}): jest.Mock<string | null, [string, string]> {
  const { orgLanguage = 1033, resx = SHIPPED_RESX, missingLanguage = "throws" } = platform;
  const fake = jest.fn((webResourceName: string, key: string) => {
    const own = webResourceName === STRINGS_WEB_RESOURCE ? resx[userLanguage] : undefined;
    const base = webResourceName === STRINGS_WEB_RESOURCE ? resx[orgLanguage] : undefined;
    if (!own && (missingLanguage === "throws" || !base)) throw new Error(`${webResourceName} does not exist.`);
    return own?.[key] ?? base?.[key] ?? null;
  });
  // @types/xrm says string; the documentation says null for a key no language has.
  Xrm.Utility.getResourceString = fake as (webResourceName: string, key: string) => string;
  return fake;
}

export interface FormSetup {
  status: number | null;
  channels?: number[] | null;
  /** The user's language (default 1033). */
  lcid?: number;
  /** The RESX web resources behind getResourceString (default: the shipped ones, English organisation). */
  platform?: PlatformStrings;
  /** Leave msdyn_channel off the form. */
  noChannel?: boolean;
  /** Add a header_statuscode control too. */
  header?: boolean;
  extra?: { name: string; value: unknown }[];
}

export interface TestForm {
  readonly formContext: XrmMock.FormContextMock;
  readonly status: XrmMock.OptionSetAttributeMock;
  /** Choice values shown by each statuscode control, by control name. */
  shown(): Record<string, number[]>;
  notifications(): { message: string; level: string; uniqueId: string }[];
  load(parameter?: unknown): void;
  /** The agent picks a Status Reason: the value changes, then OnChange runs. */
  pick(value: number | null): void;
  /** A save of the given mode (1 save, 5 deactivate, 6 reactivate); true when it went through. */
  save(mode?: number): boolean;
}

let records = 0;

/** A fresh form for a new conversation record (pass `id` to reopen the same record). */
export function makeForm(handlers: ConversationForm, setup: FormSetup & { id?: string }): TestForm {
  const id = setup.id ?? `{6d3b0000-0000-0000-0000-${String(++records).padStart(12, "0")}}`;
  XrmMockGenerator.initialise({ entity: { id, entityName: ENTITY } });
  (XrmMockGenerator.context.userSettings as { languageId: number }).languageId = setup.lcid ?? 1033;
  useResourceStrings(setup.lcid ?? 1033, setup.platform);
  const controls = [{ name: "statuscode", options: STATUS_OPTIONS.map((o) => ({ ...o })) }];
  if (setup.header) controls.push({ name: "header_statuscode", options: STATUS_OPTIONS.map((o) => ({ ...o })) });
  const status = XrmMockGenerator.Attribute.createOptionSet(
    { name: "statuscode", value: setup.status as number, options: STATUS_OPTIONS },
    controls,
  );
  if (!setup.noChannel) addAttribute("msdyn_channel", setup.channels === undefined ? null : setup.channels);
  for (const { name, value } of setup.extra ?? []) addAttribute(name, value);
  const formContext = XrmMockGenerator.getFormContext();
  const eventContext = (): Xrm.Events.EventContext =>
    new XrmMock.EventContextMock({
      formContext,
      context: XrmMockGenerator.context,
      eventSource: status as unknown as Xrm.Attributes.Attribute,
    });
  formContext.data.entity.addOnSave((context: Xrm.Events.EventContext) => handlers.onSave(context as Xrm.Events.SaveEventContext));
  return {
    formContext,
    status,
    shown() {
      const result: Record<string, number[]> = {};
      status.controls.forEach((c) => {
        result[c.getName()] = (c as Xrm.Controls.OptionSetControl).getOptions().map((o) => o.value);
      });
      return result;
    },
    notifications: () => [
      ...((formContext.ui as unknown as { formNotifications?: { message: string; level: string; uniqueId: string }[] }).formNotifications ??
        []),
    ],
    load(parameter) {
      handlers.onLoad(eventContext(), parameter);
    },
    pick(value) {
      status.setValue(value as number);
      handlers.onStatusChange(eventContext());
    },
    save(mode = 1) {
      const before = formContext.data.entity as XrmMock.EntityMock;
      let prevented = false;
      const watch = (context: Xrm.Events.SaveEventContext): void => {
        prevented = context.getEventArgs().isDefaultPrevented();
      };
      before.addOnSave(watch as Xrm.Events.SaveEventHandler);
      before.save(mode as unknown as Xrm.EntitySaveMode);
      before.removeOnSave(watch as Xrm.Events.SaveEventHandler);
      return !prevented;
    },
  };
}

function addAttribute(name: string, value: unknown): void {
  const attribute = new XrmMock.AttributeMock({ name, value: value as never, isDirty: false, submitMode: "dirty" });
  (Xrm.Page.data.entity.attributes as unknown as XrmMock.ItemCollectionMock<Xrm.Attributes.Attribute>).push(
    attribute as unknown as Xrm.Attributes.Attribute,
  );
}

/** Lets getAllowedStatusTransitions answer (or fail) and records what was asked. */
export function platformTransitions(answer: (status: number) => Promise<number[]> | number[]): jest.Mock {
  const asked = jest.fn((entityName: string, status: number) => {
    const result = answer(status);
    return Array.isArray(result) ? Promise.resolve(result) : result;
  });
  (Xrm.Utility as unknown as { getAllowedStatusTransitions: unknown }).getAllowedStatusTransitions = asked;
  return asked;
}

/** Waits for pending promise callbacks (the platform's answer). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
