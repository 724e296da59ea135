/**
 * What an agent should be offered, written from the seed (conversation-states.md) and its wording:
 * pick, release to queue, end conversation, close session and keep waiting, resume, close.
 * Independent of the model on purpose, so a model change that breaks the seed shows here.
 */
export const KINDS = {
  "live-chat": { channel: [192360000], mode: "live" },
  "persistent-chat": { channel: [192360000], mode: "persistent" },
  messaging: { channel: [192340000], mode: "auto" },
  voice: { channel: [192370000], mode: "auto" },
  record: { channel: [192350000], mode: "auto" },
  unknown: { channel: [], mode: "auto" },
} as const;

export type Kind = keyof typeof KINDS;

// statuscode values as Dataverse ships them (PLATFORM.md §1), for readability of the table below.
export const OPEN = 1,
  ACTIVE = 2,
  WAITING = 3,
  CLOSED = 4,
  WRAP_UP = 5,
  RESOLVED = 6,
  SCHEDULED = 7;
export const ALL_STATUSES = [OPEN, ACTIVE, WAITING, CLOSED, WRAP_UP, RESOLVED, SCHEDULED];

const END = "End conversation",
  RELEASE = "Release to queue",
  KEEP_WAITING = "Close session and keep waiting",
  CLOSE = "Close",
  PICK = "Pick",
  RESUME = "Resume";

/** Buttons shown (unavailable moves hidden), in order, per channel kind and status. */
export const BUTTONS: Record<Kind, Record<number, string[]>> = {
  // Live chat has no Waiting; the agent closing the session sends it back to the queue.
  "live-chat": { [OPEN]: [PICK], [ACTIVE]: [END, RELEASE], [WAITING]: [], [WRAP_UP]: [CLOSE] },
  "persistent-chat": { [OPEN]: [PICK], [ACTIVE]: [END, RELEASE, KEEP_WAITING], [WAITING]: [RESUME], [WRAP_UP]: [CLOSE] },
  messaging: { [OPEN]: [PICK], [ACTIVE]: [END, RELEASE, KEEP_WAITING], [WAITING]: [RESUME], [WRAP_UP]: [CLOSE] },
  // Voice is push only: agents never pick it.
  voice: { [OPEN]: [], [ACTIVE]: [END, RELEASE], [WAITING]: [], [WRAP_UP]: [CLOSE] },
  // Records: "When an agent resolves the case ... and closes the session."
  record: { [OPEN]: [], [ACTIVE]: [CLOSE], [WAITING]: [], [WRAP_UP]: [] },
  // An unknown channel is never wedged: every agent move is offered.
  unknown: { [OPEN]: [PICK], [ACTIVE]: [END, RELEASE, KEEP_WAITING, CLOSE], [WAITING]: [RESUME], [WRAP_UP]: [CLOSE] },
};

export function buttonsFor(kind: Kind, status: number): string[] {
  return BUTTONS[kind][status] ?? [];
}

export const TARGET: Record<string, number> = {
  [PICK]: ACTIVE,
  [RESUME]: ACTIVE,
  [END]: WRAP_UP,
  [RELEASE]: OPEN,
  [KEEP_WAITING]: WAITING,
  [CLOSE]: CLOSED,
};

export const LABELS_EN: Record<number, string> = {
  [OPEN]: "Open",
  [ACTIVE]: "Active",
  [WAITING]: "Waiting",
  [CLOSED]: "Closed",
  [WRAP_UP]: "Wrap-up",
  [RESOLVED]: "Resolved",
  [SCHEDULED]: "Scheduled",
};
export const TONES: Record<number, string> = {
  [OPEN]: "open",
  [ACTIVE]: "active",
  [WAITING]: "waiting",
  [CLOSED]: "closed",
  [WRAP_UP]: "wrap-up",
  [RESOLVED]: "resolved",
  [SCHEDULED]: "scheduled",
};
