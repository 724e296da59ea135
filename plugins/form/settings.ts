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
}

/**
 * Accepts nothing (live), a mode ("persistent", "live", 192350001), or a JSON object
 * '{"mode":"persistent"}' / '{"modeAttribute":"ocs_conversationmode"}'. A setting it cannot read
 * falls back to live chat and says so on the console, so a typo never blocks an agent.
 */
export function parseSettings(parameter: unknown): FormSettings {
  let value = parameter;
  if (typeof value === "string" && value.trim().charAt(0) === "{") {
    try {
      value = JSON.parse(value);
    } catch {
      return rejected(parameter);
    }
  }
  if (value !== null && typeof value === "object") {
    const { mode, modeAttribute } = value as { mode?: unknown; modeAttribute?: unknown };
    const parsed = parseConversationMode(mode);
    if (!parsed || (modeAttribute !== undefined && typeof modeAttribute !== "string")) return rejected(parameter);
    return typeof modeAttribute === "string" ? { mode: parsed, modeAttribute } : { mode: parsed };
  }
  const parsed = parseConversationMode(value);
  return parsed ? { mode: parsed } : rejected(parameter);
}

function rejected(parameter: unknown): FormSettings {
  console.warn(
    `ConversationState.Form.onLoad: ignored the parameter ${JSON.stringify(parameter)}; expected "live", "persistent", 192350001 or '{"mode":"persistent"}' / '{"modeAttribute":"<column>"}'. Using live chat.`,
  );
  return { mode: "live" };
}

/** The mode for this form now: the mode column when it holds a known value, else the fixed mode. */
export function modeOf(settings: FormSettings, read: (attribute: string) => unknown): ConversationModeName {
  if (!settings.modeAttribute) return settings.mode;
  const value = read(settings.modeAttribute);
  return (value !== null && value !== undefined && parseConversationMode(value)) || settings.mode;
}
