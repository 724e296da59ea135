/**
 * Who is calling, and what they may do. The local Dataverse has no sign-in: every request is made
 * by the admin, who may act on behalf of another user with the documented headers ("Impersonate
 * another user using the Web API": MSCRMCallerID with a systemuserid, CallerObjectId with an Entra
 * object id). Each seeded user holds one role; a role is a set of privileges named as Dataverse
 * names them (prvRead<table>, prvCreate…, prvWrite…, prvDelete…, prvReadAuditSummary, …).
 */
import { fail } from "./errors";
import type { EntitySet, Row } from "./entitySets";

export type Role = "admin" | "agent" | "application";
export type Operation = "Read" | "Create" | "Write" | "Delete";

export const READ_AUDIT = "prvReadAuditSummary";
export const ACT_ON_BEHALF = "prvActOnBehalfOfAnotherUser";

export const privilegeOf = (operation: Operation, set: EntitySet): string =>
  set.logical === "audit" ? READ_AUDIT : `prv${operation}${set.logical}`;

const CONVERSATION_WORK = ["Read", "Create", "Write"].map((op) => `prv${op}msdyn_ocliveworkitem`);
const LOOKUPS = ["msdyn_liveworkstream", "queue", "systemuser", "usersettings", "organization"].map((t) => `prvRead${t}`);

/** Agents and the Omnichannel application user work conversations; neither may read the audit history. */
export const ROLES: Readonly<Record<Role, { readonly name: string; readonly privileges: ReadonlySet<string> | "all" }>> = {
  admin: { name: "System Administrator", privileges: "all" },
  agent: { name: "Omnichannel agent", privileges: new Set([...CONVERSATION_WORK, ...LOOKUPS, "prvWriteusersettings"]) },
  application: { name: "Omnichannel application user", privileges: new Set([...CONVERSATION_WORK, ...LOOKUPS]) },
};

export interface Caller {
  /** The systemuser the operation runs as (UserId, createdby, audit userid). */
  readonly userId: string;
  readonly fullname: string;
  readonly role: Role;
  /** The admin, when the request impersonates another user (audit callinguserid, createdonbehalfby). */
  readonly onBehalfOf?: string;
  readonly userAgent: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isGuid = (text: string): boolean => GUID.test(text);

export function holds(role: Role, privilege: string): boolean {
  const privileges = ROLES[role].privileges;
  return privileges === "all" || privileges.has(privilege);
}

export interface Directory {
  readonly users: ReadonlyMap<string, Row>;
  readonly roles: Readonly<Record<string, Role>>;
  readonly defaultUserId: string;
  readonly businessUnitId: string;
}

function header(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The caller of a request, from MSCRMCallerID / CallerObjectId, else the default user (the admin). */
export function callerOf(headers: Readonly<Record<string, string | string[] | undefined>>, directory: Directory): Caller {
  const userAgent = header(headers, "user-agent") ?? "";
  const principal = directory.defaultUserId;
  const as = (userId: string, onBehalfOf?: string): Caller => {
    const user = directory.users.get(userId);
    return { userId, fullname: String(user?.fullname ?? ""), role: directory.roles[userId] ?? "agent", onBehalfOf, userAgent };
  };
  const byId = header(headers, "mscrmcallerid");
  const byObjectId = header(headers, "callerobjectid");
  if (byId === undefined && byObjectId === undefined) return as(principal);
  const wanted = (byId ?? byObjectId ?? "")
    .trim()
    .replace(/^\{(.*)\}$/, "$1")
    .toLowerCase();
  if (wanted === "") throw fail("invalidCallerId", { detail: "Provided CallerId is either NULL or empty string." });
  if (!isGuid(wanted))
    throw fail("invalidCallerId", {
      detail: `'${wanted}' is not a GUID: give the systemuserid (MSCRMCallerID) or the Entra object id (CallerObjectId).`,
    });
  const user =
    byId !== undefined
      ? directory.users.get(wanted)
      : [...directory.users.values()].find((u) => String(u.azureactivedirectoryobjectid).toLowerCase() === wanted);
  if (!user) throw fail("objectDoesNotExist", { entity: "systemuser", id: wanted });
  const userId = String(user.systemuserid);
  if (userId === principal) return as(principal);
  if (!holds(directory.roles[principal] ?? "agent", ACT_ON_BEHALF))
    throw fail("cannotActOnBehalf", { detail: `The calling user ${principal} lacks ${ACT_ON_BEHALF}.` });
  return as(userId, principal);
}

/** 403 PrivilegeDenied unless the caller's role holds the privilege. */
export function demand(caller: Caller, privilege: string, entity: string, businessUnitId: string): void {
  if (!holds(caller.role, privilege)) throw fail("privilegeDenied", { userId: caller.userId, businessUnitId, privilege, entity });
}
