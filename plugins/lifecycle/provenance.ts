/**
 * Where each transition comes from: the seed's section and scenario, word for word, or PLATFORM.md
 * §3 for the automatic closures, and why a channel list is narrower than the seed's Type column.
 * Docs, the CLI and tests read this; runtime bundles (control, form script) never import it.
 */
import type { Transition } from "./transitions";

export type Source =
  | { readonly doc: "seed"; readonly section: "Open" | "Active" | "Waiting" | "Wrap-up" }
  | { readonly doc: "platform"; readonly section: "§3 Timeouts" };

export interface Provenance {
  readonly source: Source;
  /** The seed's scenario, word for word (or PLATFORM.md's, for the automatic closures). */
  readonly scenario: string;
  readonly note?: string;
}

// Plain literals, not calls, so bundlers can drop this module when nothing reads it.
const OPEN: Source = { doc: "seed", section: "Open" };
const ACTIVE: Source = { doc: "seed", section: "Active" };
const WAITING: Source = { doc: "seed", section: "Waiting" };
const WRAP_UP: Source = { doc: "seed", section: "Wrap-up" };
const PLATFORM: Source = { doc: "platform", section: "§3 Timeouts" };

/** Keyed by transition id. */
export const PROVENANCE: Readonly<Record<string, Provenance>> = {
  "open-active:agent-picks": {
    source: OPEN,
    scenario: "When an agent picks the conversation from the **Open work items** stream.",
    note: "Voice is push only (PLATFORM.md §2), so agents never pick it.",
  },
  "open-active:routing-assigns": {
    source: OPEN,
    scenario: "When the routing and work distribution feature pushes (assigns) the conversation to the agent.",
  },
  "open-closed:customer-leaves-before-assignment": {
    source: OPEN,
    scenario: "When the customer disconnects or ends the chat before the conversation is assigned to the agent.",
  },
  "active-wrap-up:agent-ends": {
    source: ACTIVE,
    scenario: "When an agent selects the **End** button on communication panel during the conversation with the customer.",
  },
  "active-wrap-up:customer-ends": {
    source: ACTIVE,
    scenario: "When customer ends the conversation by selecting the **End** button on the portal chat widget (only for a chat channel).",
  },
  "active-wrap-up:customer-disconnected": {
    source: ACTIVE,
    scenario: "When the customer is disconnected from the conversation (applicable only to Live chat channel).",
  },
  "active-open:agent-disconnect-timeout": {
    source: ACTIVE,
    scenario: "When an agent disconnects the conversation and don't reconnect within a specified timeout period.",
  },
  "active-open:agent-releases": { source: ACTIVE, scenario: "When an agent releases the conversation to the queue." },
  "active-open:agent-transfers": { source: ACTIVE, scenario: "When an agent transfers the conversation to another queue." },
  "active-open:agent-closes-session": {
    source: ACTIVE,
    scenario: "When an agent closes the session while the conversation is active (applicable only to Live chat channel).",
  },
  "active-waiting:agent-closes-session": {
    source: ACTIVE,
    scenario:
      "When an agent closes the session (not ending the conversation by selecting the **End** button) while the conversation is active.",
    note: "Not voice: Waiting exists only for asynchronous and persistent chats.",
  },
  "active-waiting:customer-closes-browser": {
    source: WAITING,
    scenario: "When the customer closes the browser window without closing the chat widget.",
  },
  "active-closed:agent-resolves-record": {
    source: ACTIVE,
    scenario: "When an agent resolves the case (or get a record to non-active state) and closes the session.",
  },
  "wrap-up-closed:agent-closes-session": {
    source: WRAP_UP,
    scenario: "When the agent selects the **End** button in communication panel and closes the session.",
  },
  "waiting-closed:inactivity-timeout": {
    source: WAITING,
    scenario: "When there's no activity on this conversation from either customer or agent, within inactivity timeout period.",
  },
  "waiting-active:agent-revives": {
    source: WAITING,
    scenario: "When an agent revives the session from the **My work items** stream on **Omnichannel Agent Dashboard**.",
  },
  "waiting-open:customer-revives": {
    source: WAITING,
    scenario:
      "When the customer revives the conversation within a specified timeout period while the session is still active in the browser.",
  },
  "open-closed:auto-close-timeout": {
    source: PLATFORM,
    scenario: "Default automatic closure of an Open conversation after the channel's timeout.",
  },
  "active-closed:auto-close-timeout": {
    source: PLATFORM,
    scenario: "Default automatic closure of an Active SMS, Teams or social conversation after 30 days.",
  },
  "active-wrap-up:active-timeout": {
    source: PLATFORM,
    scenario: "An Active voice conversation moves to Wrap-up (not Closed) after 2 hours.",
  },
  "wrap-up-closed:auto-close-timeout": {
    source: PLATFORM,
    scenario: "Default automatic closure of a Wrap-up conversation after the channel's timeout.",
  },
};

/** English channel names as PLATFORM.md §1 lists them, keyed by msdyn_channel value (docs only). */
export const CHANNEL_LABELS: Readonly<Record<number, string>> = {
  192360000: "Live chat",
  19241000: "Microsoft Teams",
  192300000: "WhatsApp",
  192310000: "LINE",
  192320000: "WeChat",
  192330000: "Facebook",
  192340000: "SMS",
  192350001: "Twitter",
  192350002: "Custom",
  192450000: "Apple Messages for Business",
  192450001: "Google's Business Messages",
  192370000: "Voice",
  192440000: "Voice call",
  192350000: "Entity Records",
  192380000: "Video",
  192390000: "Co-browse",
  192400000: "Screen sharing",
};

export function provenanceOf(transition: Transition): Provenance {
  const found = PROVENANCE[transition.id];
  if (!found) throw new Error(`Transition ${transition.id} has no provenance: add it to plugins/lifecycle/provenance.ts.`);
  return found;
}
