/**
 * Status reasons, channels and actors as people type them (CLI, scripts): by value or by name.
 * Kept apart from the runtime tables so browser bundles do not carry the name indexes.
 */
import { CHANNELS, channelOf, type ChannelDefinition } from "./channels";
import { statusNamed, statusOf, type StatusDefinition } from "./statuses";
import { ACTORS, type Actor } from "./triggers";

const CHANNEL_BY_NAME: ReadonlyMap<string, ChannelDefinition> = new Map(CHANNELS.map((c) => [c.name, c]));

/** Accepts a value ("3"), a name ("wrap-up", "Wrap up", "wrapup") or a label; undefined if unknown. */
export function parseStatus(input: string): StatusDefinition | undefined {
  const text = input.trim().toLowerCase();
  if (/^\d+$/.test(text)) return statusOf(Number(text));
  const slug = text.replace(/[\s_]+/g, "-");
  return statusNamed(slug) ?? statusNamed(slug.replace(/^wrapup$/, "wrap-up"));
}

/** A channel by msdyn_channel value ("192340000") or name ("sms", "Live chat"). */
export function parseChannel(input: string): ChannelDefinition | { readonly unknownValue: number } | undefined {
  const text = input.trim().toLowerCase();
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return channelOf(value) ?? { unknownValue: value };
  }
  return CHANNEL_BY_NAME.get(text.replace(/[\s_]+/g, "-"));
}

export function parseActor(input: string): Actor | undefined {
  const text = input.trim().toLowerCase();
  return (ACTORS as readonly string[]).includes(text) ? (text as Actor) : undefined;
}
