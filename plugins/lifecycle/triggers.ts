/**
 * The named events that move a conversation, and who causes each. Localised labels live in the
 * resx files under "trigger.<name>"; the English label here is for the CLI and generated docs.
 */

export const ACTORS = ["agent", "customer", "system"] as const;
export type Actor = (typeof ACTORS)[number];

export interface TriggerDefinition {
  readonly actor: Actor;
  readonly label: string;
}

export const TRIGGERS = {
  "agent-picks": { actor: "agent", label: "agent picks" },
  "routing-assigns": { actor: "system", label: "routing assigns" },
  "customer-leaves-before-assignment": { actor: "customer", label: "customer leaves before assignment" },
  "agent-ends": { actor: "agent", label: "agent ends" },
  "customer-ends": { actor: "customer", label: "customer ends" },
  "customer-disconnected": { actor: "customer", label: "customer disconnected" },
  "agent-disconnect-timeout": { actor: "system", label: "agent disconnect timeout" },
  "agent-releases": { actor: "agent", label: "agent releases" },
  "agent-transfers": { actor: "agent", label: "agent transfers" },
  "agent-closes-session": { actor: "agent", label: "agent closes session" },
  "customer-closes-browser": { actor: "customer", label: "customer closes browser" },
  "agent-resolves-record": { actor: "agent", label: "agent resolves record" },
  "inactivity-timeout": { actor: "system", label: "inactivity timeout" },
  "agent-revives": { actor: "agent", label: "agent revives" },
  "customer-revives": { actor: "customer", label: "customer revives" },
  "auto-close-timeout": { actor: "system", label: "automatic closure" },
  "active-timeout": { actor: "system", label: "active timeout" },
} as const satisfies Record<string, TriggerDefinition>;

export type Trigger = keyof typeof TRIGGERS;

export const TRIGGER_NAMES = Object.keys(TRIGGERS) as Trigger[];

export function actorOf(trigger: Trigger): Actor {
  return TRIGGERS[trigger].actor;
}

export function parseActor(input: string): Actor | undefined {
  const text = input.trim().toLowerCase();
  return (ACTORS as readonly string[]).includes(text) ? (text as Actor) : undefined;
}
