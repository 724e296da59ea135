/**
 * conversation-state: ask the lifecycle model from a shell. argv → verdict → exit code.
 * Exit 0 allowed, 1 denied, 2 usage error. The admin commands (history, stuck) talk to Dataverse
 * and live in plugins/admin/.
 */
import { parseArgs } from "node:util";
import {
  ACTORS,
  CHANNELS,
  STATUSES,
  TRANSITIONS,
  channelKindOf,
  evaluate,
  formatVerdict,
  kindMask,
  parseActor,
  parseChannel,
  parseConversationMode,
  parseStatus,
  provenanceOf,
  statusOf,
  type Actor,
  type ChannelKind,
  type ChannelResolution,
  type StatusDefinition,
  type Transition,
} from "./lifecycle";
import { availableLanguages, loadStrings } from "./strings/resx";
import { renderTable } from "./table";
import { notAChannel } from "./channelOption";
import { isAdminCommand, runAdmin, type AdminIo } from "./admin";

interface Out {
  write(text: string): unknown;
}

export const HELP = `conversation-state: the Omnichannel conversation lifecycle, from the command line

Usage:
  conversation-state check --from <status> --to <status> --channel <channel>
                           [--mode live|persistent] [--actor agent|customer|system]
                           [--lang <lcid>] [--json]
  conversation-state table [--channel <channel>] [--mode live|persistent] [--json]
  conversation-state history <conversation id> --env <url> [--json | --csv]
  conversation-state stuck --env <url> [--channel …] [--status …] [--queue …] [--older-than …]
                           [--close [--yes]] [--json | --csv]
  conversation-state --help | --version

check   Is a status-reason change allowed? Prints the verdict and its reason.
        Without --actor the question is whether the move exists for that channel at all;
        with --actor, whether that actor can make it (the webhook asks as "agent").
        Exit status: 0 allowed, 1 denied, 2 usage error.
table   Prints the transition table (every row, or the rows for one channel).
history Replays a conversation's audited status changes through the model: each step's verdict,
        the time in each status and the capacity time. "conversation-state history --help".
stuck   Lists open conversations past their documented automatic closure (or --older-than),
        and closes them as an admin with --close --yes. "conversation-state stuck --help".
        history and stuck read DATAVERSE_TOKEN or AZURE_TENANT_ID, AZURE_CLIENT_ID and
        AZURE_CLIENT_SECRET, as register-webhook does (none for a loopback --env).

Options:
  --from, --to   A status reason by value (1-7) or name:
                 ${STATUSES.map((s) => `${s.value} ${s.name}`).join(", ")}.
  --channel      A channel by its msdyn_channel value or name:
                 ${CHANNELS.map((c) => c.name).join(", ")}.
                 An msdyn_channel value that is not in this list is checked as an
                 "unknown" channel: allowed what some known channel allows.
  --mode         The workstream's conversation mode, for live chat (default: live).
  --actor        ${ACTORS.join(", ")}.
  --lang         Language of the message, by LCID (default 1033; shipped: LANGS).
  --json         Print JSON: {"allowed", "reason", "message", ...}.
  -h, --help     Print this help.
  -v, --version  Print the version.

Examples:
  conversation-state check --from active --to waiting --channel live-chat      # exit 1
  conversation-state check --from 2 --to 3 --channel 192340000 --actor agent   # exit 0
  conversation-state table --channel whatsapp
`;

class UsageError extends Error {}

const OPTIONS = {
  from: { type: "string" },
  to: { type: "string" },
  channel: { type: "string" },
  mode: { type: "string" },
  actor: { type: "string" },
  lang: { type: "string" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
  version: { type: "boolean", short: "v", default: false },
} as const;

function requireStatus(flag: string, input: string | undefined): StatusDefinition {
  if (input === undefined) throw new UsageError(`--${flag} is required.`);
  const status = parseStatus(input);
  if (!status)
    throw new UsageError(`--${flag} "${input}" is not a status reason. Use 1-7 or one of: ${STATUSES.map((s) => s.name).join(", ")}.`);
  return status;
}

function resolveChannel(input: string | undefined, modeInput: string | undefined): ChannelResolution & { input: string } {
  if (input === undefined) throw new UsageError("--channel is required.");
  const mode = parseConversationMode(modeInput);
  if (!mode) throw new UsageError(`--mode "${modeInput}" is not a conversation mode. Use live or persistent.`);
  const channel = parseChannel(input);
  if (!channel) throw new UsageError(notAChannel(input));
  if ("unknownValue" in channel) return { ...channelKindOf([channel.unknownValue], mode), input };
  return { ...channelKindOf([channel.value], mode), input };
}

function resolveLanguage(input: string | undefined): number {
  if (input === undefined) return 1033;
  const lcid = Number(input);
  if (!availableLanguages().includes(lcid))
    throw new UsageError(`--lang "${input}" is not a shipped language. Use one of: ${availableLanguages().join(", ")}.`);
  return lcid;
}

function check(values: Record<string, string | boolean | undefined>, stdout: Out): number {
  const from = requireStatus("from", values.from as string | undefined);
  const to = requireStatus("to", values.to as string | undefined);
  const channel = resolveChannel(values.channel as string | undefined, values.mode as string | undefined);
  let actor: Actor | undefined;
  if (values.actor !== undefined) {
    actor = parseActor(values.actor as string);
    if (!actor) throw new UsageError(`--actor "${values.actor}" is not an actor. Use one of: ${ACTORS.join(", ")}.`);
  }
  const strings = loadStrings(resolveLanguage(values.lang as string | undefined));
  const verdict = evaluate(from.value, to.value, channel.kind, actor);
  const message = formatVerdict(verdict, (key) => strings[key]);
  if (values.json) {
    const body = {
      allowed: verdict.allowed,
      reason: verdict.reason,
      message,
      messageKey: verdict.messageKey,
      from: { value: from.value, name: from.name },
      to: { value: to.value, name: to.name },
      channel: {
        input: channel.input,
        kind: channel.kind,
        value: channel.channel?.value ?? channel.unknownValues[0] ?? null,
        name: channel.channel?.name ?? null,
      },
      actor: actor ?? null,
      transitions: verdict.transitions.map((t) => t.id),
    };
    stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  } else {
    const note = channel.kind === "unknown" ? ` (msdyn_channel ${channel.unknownValues.join(",")} is not a known channel)` : "";
    stdout.write(`${verdict.allowed ? "allowed" : "denied"} (${verdict.reason})${note}\n${message}\n`);
  }
  return verdict.allowed ? 0 : 1;
}

function table(values: Record<string, string | boolean | undefined>, stdout: Out): number {
  let kind: ChannelKind | undefined;
  if (values.channel !== undefined) kind = resolveChannel(values.channel as string, values.mode as string | undefined).kind;
  const rows: readonly Transition[] =
    kind === undefined ? TRANSITIONS : TRANSITIONS.filter((t) => (t.mask & kindMask(kind as ChannelKind)) !== 0);
  if (values.json) {
    stdout.write(
      `${JSON.stringify(
        rows.map((t) => ({ ...t, from: statusOf(t.from)?.name, to: statusOf(t.to)?.name, ...provenanceOf(t) })),
        null,
        2,
      )}\n`,
    );
  } else {
    stdout.write(renderTable(rows, kind));
  }
  return 0;
}

function version(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("../../package.json") as { version: string }).version;
}

/** check and table answer at once; history and stuck return a promise of the exit status. */
export function main(
  argv: readonly string[],
  stdout: Out = process.stdout,
  stderr: Out = process.stderr,
  io: Partial<AdminIo> = {},
): number | Promise<number> {
  const [first, ...rest] = argv;
  if (isAdminCommand(first)) {
    return runAdmin(first, rest, {
      stdout: (text) => stdout.write(text),
      stderr: (text) => stderr.write(text),
      env: process.env,
      progressStream: stderr === process.stderr ? process.stderr : undefined,
      ...io,
    });
  }
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    if (values.help || positionals[0] === "help") {
      stdout.write(HELP.replace("LANGS", availableLanguages().join(", ")));
      return 0;
    }
    if (values.version) {
      stdout.write(`${version()}\n`);
      return 0;
    }
    const [command, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
    if (command === "check") return check(values, stdout);
    if (command === "table") return table(values, stdout);
    throw new UsageError(
      command === undefined
        ? "A command is required: check, table, history or stuck."
        : `Unknown command "${command}". Use check, table, history or stuck.`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      stderr.write(`conversation-state: ${message}\nRun "conversation-state --help" for usage.\n`);
      return 2;
    }
    throw error;
  }
}
