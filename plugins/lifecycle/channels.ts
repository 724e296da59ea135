/**
 * Channels (msdyn_streamsource values, PLATFORM.md §1) and the channel kinds the lifecycle
 * distinguishes. A conversation's kind comes from its msdyn_channel values plus the
 * workstream's conversation mode (msdyn_conversationmode, PLATFORM.md §2).
 */

/**
 * live-chat: the seed's "Live chat" and its "Chat" type.
 * persistent-chat: a live-chat workstream in persistent mode (an "asynchronous/persistent chat").
 * messaging: the seed's "Channel" type except voice: SMS, social, Teams, WhatsApp and the rest.
 * voice: voice and voice-call channels ("Channel" type, synchronous).
 * record: entity records (cases, email, activities): the seed's "Record" type.
 */
export const CHANNEL_KINDS = ["live-chat", "persistent-chat", "messaging", "voice", "record"] as const;
export type KnownChannelKind = (typeof CHANNEL_KINDS)[number];

/**
 * "unknown" is a kind of its own, never a fallback by accident: a conversation whose channel
 * values name no known primary channel. The lifecycle allows it what some known kind allows
 * (see transitions.ts), so a channel Microsoft adds later is not wedged.
 */
export type ChannelKind = KnownChannelKind | "unknown";
export const ALL_CHANNEL_KINDS: readonly ChannelKind[] = [...CHANNEL_KINDS, "unknown"];

/** How a channel value contributes to a kind. "modality" values (video, co-browse,
 *  screen sharing) ride along a chat or voice session and never decide the kind alone. */
export type ChannelFamily = "chat" | "messaging" | "voice" | "record" | "modality";

export interface ChannelDefinition {
  readonly value: number;
  readonly name: string;
  readonly family: ChannelFamily;
}

export const CHANNELS: readonly ChannelDefinition[] = [
  { value: 192360000, name: "live-chat", family: "chat" },
  { value: 19241000, name: "teams", family: "messaging" }, // eight digits, as documented
  { value: 192300000, name: "whatsapp", family: "messaging" },
  { value: 192310000, name: "line", family: "messaging" },
  { value: 192320000, name: "wechat", family: "messaging" },
  { value: 192330000, name: "facebook", family: "messaging" },
  { value: 192340000, name: "sms", family: "messaging" },
  { value: 192350001, name: "twitter", family: "messaging" },
  { value: 192350002, name: "custom", family: "messaging" },
  { value: 192450000, name: "apple-messages", family: "messaging" },
  { value: 192450001, name: "google-business-messages", family: "messaging" },
  { value: 192370000, name: "voice", family: "voice" },
  { value: 192440000, name: "voice-call", family: "voice" },
  { value: 192350000, name: "entity-records", family: "record" },
  { value: 192380000, name: "video", family: "modality" },
  { value: 192390000, name: "co-browse", family: "modality" },
  { value: 192400000, name: "screen-sharing", family: "modality" },
];

/** msdyn_liveworkstream.msdyn_conversationmode */
export const ConversationMode = { Live: 192350000, Persistent: 192350001 } as const;
export type ConversationModeName = "live" | "persistent";

/** msdyn_liveworkstream.msdyn_workdistributionmode and msdyn_ocliveworkitem.msdyn_workstreamworkdistributionmode
 *  (PLATFORM.md §1, §2); voice is push only. */
export const WorkDistributionMode = { Push: 192350000, Pick: 192350001 } as const;

const BY_VALUE: ReadonlyMap<number, ChannelDefinition> = new Map(CHANNELS.map((c) => [c.value, c]));

export function channelOf(value: number): ChannelDefinition | undefined {
  return BY_VALUE.get(value);
}

/** Accepts the workstream's option value, "live"/"persistent", or nothing (live is the default). */
export function parseConversationMode(input: unknown): ConversationModeName | undefined {
  if (input === undefined || input === null || input === "") return "live";
  if (input === ConversationMode.Persistent || input === "persistent" || input === String(ConversationMode.Persistent)) return "persistent";
  if (input === ConversationMode.Live || input === "live" || input === String(ConversationMode.Live)) return "live";
  return undefined;
}

export interface ChannelResolution {
  readonly kind: ChannelKind;
  /** The channel that decided the kind; absent when the kind is unknown. */
  readonly channel?: ChannelDefinition;
  /** Values that are not in the msdyn_streamsource table, reported rather than ignored. */
  readonly unknownValues: readonly number[];
}

// A chat escalated to voice or video stays a chat, so chat wins over voice; records never mix.
const PRECEDENCE = ["record", "chat", "messaging", "voice"] as const satisfies readonly ChannelFamily[];

/** Web API returns msdyn_channel as "192360000" or "192360000,192380000"; the webhook as numbers. */
export function channelValuesOf(input: unknown): readonly number[] {
  // The webhook's common case, a list of whole numbers, as it is: flatMap costs it a third of a µs.
  if (Array.isArray(input)) return input.every(Number.isInteger) ? input : input.flatMap(channelValuesOf);
  if (typeof input === "number") return Number.isInteger(input) ? [input] : [];
  return typeof input === "string"
    ? input
        .split(",")
        .map((s) => s.trim())
        .filter((s) => /^\d+$/.test(s))
        .map(Number)
    : [];
}

export function channelKindOf(values: readonly number[], mode: ConversationModeName = "live"): ChannelResolution {
  const known: ChannelDefinition[] = [];
  const unknownValues: number[] = [];
  for (const value of values) {
    const channel = BY_VALUE.get(value);
    if (channel) known.push(channel);
    else unknownValues.push(value);
  }
  for (const family of PRECEDENCE) {
    const channel = known.find((c) => c.family === family);
    if (!channel) continue;
    // A chat is a live or a persistent one by the workstream's mode; the other families name their kind.
    return { kind: family === "chat" ? `${mode}-chat` : family, channel, unknownValues };
  }
  return { kind: "unknown", unknownValues };
}
