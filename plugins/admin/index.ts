/** The admin commands of conversation-state: each reads its own flags; both talk to Dataverse. */
import { HISTORY_HELP, runHistory } from "./history";
import type { AdminIo } from "./session";
import { STUCK_HELP, runStuck } from "./stuckCommand";

export const ADMIN_COMMANDS = {
  history: { run: runHistory, help: HISTORY_HELP },
  stuck: { run: runStuck, help: STUCK_HELP },
} as const;

export type AdminCommand = keyof typeof ADMIN_COMMANDS;

export function isAdminCommand(name: string | undefined): name is AdminCommand {
  return name !== undefined && Object.prototype.hasOwnProperty.call(ADMIN_COMMANDS, name);
}

export function runAdmin(command: AdminCommand, argv: readonly string[], io: AdminIo): Promise<number> {
  return ADMIN_COMMANDS[command].run(argv, io);
}

export type { AdminIo };
