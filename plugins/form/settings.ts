/**
 * The optional onLoad parameter that makers type into the handler's "comma separated list of
 * parameters": where the conversation mode comes from. Live chat is persistent only when the
 * workstream says so (msdyn_conversationmode), which the conversation form does not show.
 */
import { parseConversationMode, type ConversationModeName } from "../lifecycle/channels";

export interface FormSettings {
  /** A fixed mode for every conversation on this form. */
  readonly mode: ConversationModeName;
  /** A column on the form holding msdyn_conversationmode values; wins over `mode` when it has a value. */
  readonly modeAttribute?: string;
  /** The column the Conversation state control is placed on, when it is not msdyn_statusupdatedon. */
  readonly control?: string;
}

/**
 * Accepts nothing (live), a mode ("persistent", "live", 192350001), or a JSON object
 * '{"mode":"persistent"}' / '{"modeAttribute":"ocs_conversationmode"}' / '{"control":"<column>"}'.
 * A setting it cannot read falls back to live chat and says so on the console, so a typo never blocks an agent.
 */
export function parseSettings(parameter: unknown): FormSettings {
  let value = parameter;
  if (typeof value === "string" && value.trim()[0] === "{") {
    try {
      value = JSON.parse(value);
    } catch {
      // Not JSON: read below as a mode name, which it is not either.
    }
  }
  const { mode, modeAttribute, control } = (value !== null && typeof value === "object" ? value : { mode: value }) as {
    mode?: unknown;
    modeAttribute?: unknown;
    control?: unknown;
  };
  const parsed = parseConversationMode(mode);
  const isColumn = (name: unknown): boolean => name === undefined || (typeof name === "string" && name.trim() !== "");
  if (parsed && isColumn(modeAttribute) && isColumn(control)) {
    return { mode: parsed, modeAttribute: modeAttribute as string | undefined, control: (control as string | undefined)?.trim() };
  }
  console.warn(
    `ConversationState.Form.onLoad: ignored ${JSON.stringify(parameter)}; expected "live", "persistent", 192350001 or '{"mode":"persistent","modeAttribute":"<column>","control":"<column>"}'. Using live chat.`,
  );
  return { mode: "live" };
}

/** The mode for this form now: the mode column when it holds a known value, else the fixed mode. */
export function modeOf(settings: FormSettings, read: (attribute: string) => unknown): ConversationModeName {
  const value = settings.modeAttribute ? read(settings.modeAttribute) : null;
  return (value != null && parseConversationMode(value)) || settings.mode;
}
