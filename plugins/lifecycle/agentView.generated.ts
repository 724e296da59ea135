// Generated from plugins/lifecycle by `npm run compile:lifecycle`. Do not edit: a test fails when it is stale.
// The lifecycle as the agent's control shows it, for its bundle: see agentView.ts.
import type { StatusRow, Why } from "./agentView";

/** Status reasons 1, 2, 3, 4, 5, 6, 7 (value = position + 1): name, state, capacity rule, 1 when final. */
export const STATUS_ROWS: readonly StatusRow[] = [["open","open","free"],["active","open","consumes"],["waiting","open","free"],["closed","closed","free",1],["wrap-up","open","wrap-up-block"],["resolved","resolved","not-documented"],["scheduled","scheduled","not-documented"]];

/** msdyn_channel values that decide a kind, by family (record, chat, messaging, voice): the first family a conversation has a value of wins. */
export const CHANNEL_GROUPS: readonly (readonly number[])[] = [[192350000],[192360000],[19241000,192300000,192310000,192320000,192330000,192340000,192350001,192350002,192450000,192450001],[192370000,192440000]];

/** The kind each group decides: [live mode, persistent mode]. */
export const GROUP_KINDS = [["record","live-chat","messaging","voice"],["record","persistent-chat","messaging","voice"]] as const;

/**
 * Per channel kind, for status reasons 1, 2… separated by |: the moves an agent makes on some channel, in
 * transition-table order, as pairs of characters: the target status, then 0 when this kind allows it, else n
 * for WHY[n - 1].
 */
export const MOVES: Readonly<Record<string, string>> = {
  "live-chat": "20|50103142|21||40||",
  "persistent-chat": "20|50103042|20||40||",
  "messaging": "20|50103043|20||40||",
  "voice": "24|50103142|21||40||",
  "record": "25|55153140|21||45||",
  "unknown": "20|50103040|20||40||",
};

/** Why a move is denied: the message's resx key, and its other values in filling order, each a resx key or several (a list). */
export const WHY: readonly Why[] = [
  ["verdict.notForChannel",{"rule":"rule.waiting-async-only"}],
  ["verdict.notForChannel",{"channels":"channelKind.messaging channelKind.record","rule":"rule.listedFor"}],
  ["verdict.notForActor",{"actors":"actor.system","trigger":"trigger.auto-close-timeout","actor":"actor.agent"}],
  ["verdict.notForActor",{"actors":"actor.system","trigger":"trigger.routing-assigns","actor":"actor.agent"}],
  ["verdict.notForChannel",{"channels":"channelKind.live-chat channelKind.persistent-chat channelKind.messaging channelKind.voice","rule":"rule.listedFor"}],
];
