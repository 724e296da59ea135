/** Names for people and values in the panels: status labels, triggers and users in plain words. */
import { statusOf } from "../../plugins/lifecycle/statuses";
import type { Seed } from "./api";
import type { Strings } from "./strings";

export const statusName = (value: unknown, strings: Strings): string => {
  const status = statusOf(value);
  return status ? (strings[`status.${status.name}`] ?? status.label) : value === null || value === undefined ? "—" : String(value);
};

export const triggerName = (trigger: string, strings: Strings): string => strings[`trigger.${trigger}`] ?? trigger;

export function userName(id: string, seed: Seed | null): string {
  if (!seed) return id;
  const [key] = Object.entries(seed.users).find(([, value]) => value === id) ?? [];
  return key === "agent" ? "Agent" : key === "admin" ? "Administrator" : key === "application" ? "Omnichannel (application user)" : id;
}

export const time = (iso: string): string => new Date(iso).toISOString().replace("T", " ").slice(0, 19);
