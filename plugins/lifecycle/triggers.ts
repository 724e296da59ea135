/**
 * The named events that move a conversation, and who causes each. Their labels, in every language,
 * live in the resx files under "trigger.<name>".
 */

export const ACTORS = ["agent", "customer", "system"] as const;
export type Actor = (typeof ACTORS)[number];

/** Each trigger and the actor who causes it. */
export const TRIGGERS = {
  "agent-picks": "agent",
  "routing-assigns": "system",
  "customer-leaves-before-assignment": "customer",
  "agent-ends": "agent",
  "customer-ends": "customer",
  "customer-disconnected": "customer",
  "agent-disconnect-timeout": "system",
  "agent-releases": "agent",
  "agent-transfers": "agent",
  "agent-closes-session": "agent",
  "customer-closes-browser": "customer",
  "agent-resolves-record": "agent",
  "inactivity-timeout": "system",
  "agent-revives": "agent",
  "customer-revives": "customer",
  "auto-close-timeout": "system",
  "active-timeout": "system",
} as const satisfies Record<string, Actor>;

export type Trigger = keyof typeof TRIGGERS;

export const TRIGGER_NAMES = Object.keys(TRIGGERS) as Trigger[];

export function actorOf(trigger: Trigger): Actor {
  return TRIGGERS[trigger];
}
