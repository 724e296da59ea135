// Generated from plugins/lifecycle by scripts/compile-lifecycle.ts (`npm run build` runs it). Do not edit.
import type { AgentMove } from "./agent";
import { Status } from "./statuses";

/** Every move of the lifecycle and the verdict an agent gets for it on each channel kind; read through agent.ts. */
export const AGENT_MOVES: readonly AgentMove[] = [
  {
    from: Status.Open,
    to: Status.Active,
    verdicts: [
      {
        channels: ["live-chat", "persistent-chat", "messaging", "unknown"],
        reason: "allowed",
        params: { actor: "agent", trigger: "agent-picks" },
      },
      { channels: ["voice"], reason: "not-for-actor", params: { actor: "agent", actors: ["system"], trigger: "routing-assigns" } },
      { channels: ["record"], reason: "not-for-channel", params: { channels: ["live-chat", "persistent-chat", "messaging", "voice"] } },
    ],
  },
  {
    from: Status.Open,
    to: Status.Closed,
    verdicts: [
      {
        channels: ["live-chat", "persistent-chat", "unknown"],
        reason: "not-for-actor",
        params: { actor: "agent", actors: ["customer", "system"], trigger: "customer-leaves-before-assignment" },
      },
      {
        channels: ["messaging", "voice"],
        reason: "not-for-actor",
        params: { actor: "agent", actors: ["system"], trigger: "auto-close-timeout" },
      },
      { channels: ["record"], reason: "not-for-channel", params: { channels: ["live-chat", "persistent-chat", "messaging", "voice"] } },
    ],
  },
  {
    from: Status.Active,
    to: Status.WrapUp,
    verdicts: [
      {
        channels: ["live-chat", "persistent-chat", "messaging", "voice", "unknown"],
        reason: "allowed",
        params: { actor: "agent", trigger: "agent-ends" },
      },
      { channels: ["record"], reason: "not-for-channel", params: { channels: ["live-chat", "persistent-chat", "messaging", "voice"] } },
    ],
  },
  {
    from: Status.Active,
    to: Status.Open,
    verdicts: [
      {
        channels: ["live-chat", "persistent-chat", "messaging", "voice", "unknown"],
        reason: "allowed",
        params: { actor: "agent", trigger: "agent-releases" },
      },
      { channels: ["record"], reason: "not-for-channel", params: { channels: ["live-chat", "persistent-chat", "messaging", "voice"] } },
    ],
  },
  {
    from: Status.Active,
    to: Status.Waiting,
    verdicts: [
      {
        channels: ["live-chat", "voice", "record"],
        reason: "not-for-channel",
        params: { channels: ["persistent-chat", "messaging"], rule: "waiting-async-only" },
      },
      {
        channels: ["persistent-chat", "messaging", "unknown"],
        reason: "allowed",
        params: { actor: "agent", trigger: "agent-closes-session" },
      },
    ],
  },
  {
    from: Status.Active,
    to: Status.Closed,
    verdicts: [
      { channels: ["live-chat", "persistent-chat", "voice"], reason: "not-for-channel", params: { channels: ["messaging", "record"] } },
      { channels: ["messaging"], reason: "not-for-actor", params: { actor: "agent", actors: ["system"], trigger: "auto-close-timeout" } },
      { channels: ["record", "unknown"], reason: "allowed", params: { actor: "agent", trigger: "agent-resolves-record" } },
    ],
  },
  {
    from: Status.WrapUp,
    to: Status.Closed,
    verdicts: [
      {
        channels: ["live-chat", "persistent-chat", "messaging", "voice", "unknown"],
        reason: "allowed",
        params: { actor: "agent", trigger: "agent-closes-session" },
      },
      { channels: ["record"], reason: "not-for-channel", params: { channels: ["live-chat", "persistent-chat", "messaging", "voice"] } },
    ],
  },
  {
    from: Status.Waiting,
    to: Status.Closed,
    verdicts: [
      {
        channels: ["live-chat", "voice", "record"],
        reason: "not-for-channel",
        params: { channels: ["persistent-chat", "messaging"], rule: "waiting-async-only" },
      },
      {
        channels: ["persistent-chat", "messaging", "unknown"],
        reason: "not-for-actor",
        params: { actor: "agent", actors: ["system"], trigger: "inactivity-timeout" },
      },
    ],
  },
  {
    from: Status.Waiting,
    to: Status.Active,
    verdicts: [
      {
        channels: ["live-chat", "voice", "record"],
        reason: "not-for-channel",
        params: { channels: ["persistent-chat", "messaging"], rule: "waiting-async-only" },
      },
      { channels: ["persistent-chat", "messaging", "unknown"], reason: "allowed", params: { actor: "agent", trigger: "agent-revives" } },
    ],
  },
  {
    from: Status.Waiting,
    to: Status.Open,
    verdicts: [
      {
        channels: ["live-chat", "voice", "record"],
        reason: "not-for-channel",
        params: { channels: ["persistent-chat", "messaging"], rule: "waiting-async-only" },
      },
      {
        channels: ["persistent-chat", "messaging", "unknown"],
        reason: "not-for-actor",
        params: { actor: "agent", actors: ["customer"], trigger: "customer-revives" },
      },
    ],
  },
];
