/**
 * Turns a verdict into a sentence in any language. Pure: the caller supplies the strings
 * (resx in the control, an embedded map in the form script, the English resx in Node).
 */
import type { ChannelKind } from "./channels";
import { statusOf } from "./statuses";
import type { Verdict, VerdictParams } from "./verdict";

export type Strings = (key: string) => string | undefined;

/** Replaces {name} placeholders; an unknown placeholder is left as it is, so a gap is visible. */
export function formatTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}

const text = (strings: Strings, key: string, fallback: string): string => strings(key) ?? fallback;

export function statusLabel(strings: Strings, value: number): string {
  const status = statusOf(value);
  return status
    ? text(strings, `status.${status.name}`, status.label)
    : formatTemplate(text(strings, "status.unknown", "unknown status ({value})"), { value: String(value) });
}

export function channelKindLabel(strings: Strings, kind: ChannelKind): string {
  return text(strings, `channelKind.${kind}`, kind);
}

/** Every parameter of a verdict, localised and ready for its template. */
export function verdictValues(params: VerdictParams, strings: Strings): Record<string, string> {
  const list = (items: readonly string[]): string => items.join(text(strings, "list.separator", ", "));
  const values: Record<string, string> = {};
  if (params.from !== undefined) values.from = statusLabel(strings, params.from);
  if (params.to !== undefined) values.to = statusLabel(strings, params.to);
  if (params.value !== undefined) values.value = String(params.value);
  if (params.status !== undefined) values.status = statusLabel(strings, params.status);
  if (params.channel !== undefined) values.channel = channelKindLabel(strings, params.channel);
  if (params.actor !== undefined) values.actor = text(strings, `actor.${params.actor}`, params.actor);
  if (params.trigger !== undefined) values.trigger = text(strings, `trigger.${params.trigger}`, params.trigger);
  if (params.channels !== undefined) values.channels = list(params.channels.map((k) => channelKindLabel(strings, k)));
  if (params.actors !== undefined) values.actors = list(params.actors.map((a) => text(strings, `actor.${a}`, a)));
  // A denial quotes the seed's rule when one explains it, else says where the move does exist.
  values.rule =
    params.rule !== undefined
      ? text(strings, `rule.${params.rule}`, params.rule)
      : params.channels !== undefined
        ? formatTemplate(text(strings, "rule.listedFor", "{channels}"), { channels: values.channels as string })
        : "";
  return values;
}

export function formatVerdict(verdict: Pick<Verdict, "messageKey" | "params">, strings: Strings): string {
  return formatTemplate(text(strings, verdict.messageKey, verdict.messageKey), verdictValues(verdict.params, strings)).trim();
}
