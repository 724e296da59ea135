/**
 * --discover-platform-users: which application users changed conversations recently, so an admin can
 * confirm them into the webhook's PLATFORM_USER_IDS. Microsoft documents no list of Omnichannel's
 * application users (PLATFORM.md §1), so each environment names its own; this finds the candidates:
 * the conversations' creators and last modifiers over a window, joined with the systemusers that have
 * an applicationid (application users, per the systemuser table reference). The join is pure.
 */
import { CONVERSATION_SET, Conversation } from "../admin/columns";
import { renderColumns } from "../admin/format";
import type { Row } from "../webapi/client";
import { isGuid } from "../webapi/guid";
import { odataDate } from "../webapi/paths";

export interface Candidate {
  readonly systemuserid: string;
  readonly name: string;
  readonly applicationid: string;
  readonly disabled: boolean;
  /** Conversations in the window this user created / last modified. */
  readonly created: number;
  readonly modified: number;
  /** The latest modifiedon among them (ISO 8601). */
  readonly lastSeen: string | undefined;
}

export const conversationsChangedSince = (since: Date) =>
  `${CONVERSATION_SET}?$select=${Conversation.createdBy},${Conversation.modifiedBy},${Conversation.modifiedOn}&$filter=${Conversation.modifiedOn} ge ${odataDate(since)}`;

export const APPLICATION_USERS = "systemusers?$select=systemuserid,fullname,applicationid,isdisabled&$filter=applicationid ne null";

interface Tally {
  created: number;
  modified: number;
  lastSeen: string | undefined;
}

/** Per user id (lower case): how many conversations they created and last modified. */
export function tallyUsers(rows: readonly Row[]): Map<string, Tally> {
  const tally = new Map<string, Tally>();
  const entry = (id: unknown): Tally | undefined => {
    if (!isGuid(id)) return undefined;
    const key = id.toLowerCase();
    let found = tally.get(key);
    if (!found) tally.set(key, (found = { created: 0, modified: 0, lastSeen: undefined }));
    return found;
  };
  for (const row of rows) {
    const creator = entry(row[Conversation.createdBy]);
    if (creator) creator.created++;
    const modifier = entry(row[Conversation.modifiedBy]);
    if (modifier) {
      modifier.modified++;
      const at = typeof row[Conversation.modifiedOn] === "string" ? (row[Conversation.modifiedOn] as string) : undefined;
      if (at && (!modifier.lastSeen || at > modifier.lastSeen)) modifier.lastSeen = at;
    }
  }
  return tally;
}

/** The application users among them, most active first (then by name, so the order is stable). */
export function platformCandidates(tally: ReadonlyMap<string, Tally>, applicationUsers: readonly Row[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const user of applicationUsers) {
    if (!isGuid(user.systemuserid)) continue;
    const seen = tally.get(user.systemuserid.toLowerCase());
    if (!seen) continue;
    candidates.push({
      systemuserid: user.systemuserid.toLowerCase(),
      name: typeof user.fullname === "string" ? user.fullname : "",
      applicationid: typeof user.applicationid === "string" ? user.applicationid : "",
      disabled: user.isdisabled === true,
      ...seen,
    });
  }
  return candidates.sort((a, b) => b.created + b.modified - (a.created + a.modified) || a.name.localeCompare(b.name));
}

export function formatCandidates(candidates: readonly Candidate[], scanned: number, since: Date): string {
  const head = `${candidates.length} application user${candidates.length === 1 ? "" : "s"} created or last changed conversations since ${since.toISOString()} (${scanned} conversations read).`;
  if (candidates.length === 0)
    return `${head}\nNone of the conversations' creators or last modifiers is an application user: widen --since, or check that Omnichannel handled conversations in this window.\n`;
  const header = ["name", "systemuserid", "applicationid", "created", "modified", "last modified"];
  const rows = candidates.map((c) => [
    c.name + (c.disabled ? " (disabled)" : ""),
    c.systemuserid,
    c.applicationid,
    String(c.created),
    String(c.modified),
    c.lastSeen ?? "",
  ]);
  return [
    head,
    "",
    renderColumns(header, rows),
    "Confirm each one is Omnichannel's own (or another integration you trust to move conversations freely) before",
    "listing it in the webhook's PLATFORM_USER_IDS: their changes are never blocked. For example:",
    `PLATFORM_USER_IDS=${candidates.map((c) => c.systemuserid).join(",")}`,
    "",
  ].join("\n");
}
