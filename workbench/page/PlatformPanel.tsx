/**
 * What Omnichannel does on its own, sent by the workbench's server with the platform's user agent
 * as the Omnichannel application user: the lifecycle's moves by the system and the customer from the
 * current status (routing assigns, the customer disconnects or revives, the automatic closures), a
 * new conversation per channel and mode, and the simulated clock.
 */
import * as React from "react";
import { Button, Card, CardHeader, Divider, Select, Subtitle2, Text, tokens } from "@fluentui/react-components";
import { STATUSES } from "../../plugins/lifecycle/statuses";
import { request } from "../host/webApi";
import { workbench, type PlatformMove } from "./api";
import { statusName, triggerName } from "./labels";
import type { Strings } from "./strings";

export const NEW_CONVERSATIONS = [
  { kind: "live-chat", label: "Live chat" },
  { kind: "persistent-chat", label: "Persistent chat" },
  { kind: "sms", label: "SMS" },
  { kind: "voice", label: "Voice" },
  { kind: "record", label: "Case (record)" },
] as const;

const JUMPS = ["5m", "15m", "1h", "1d", "30d"] as const;

export interface PlatformPanelProps {
  readonly conversationId: string | null;
  readonly strings: Strings;
  readonly now: string | null;
  readonly revision: number;
  readonly onError: (message: string) => void;
  readonly onCreated: (id: string) => void;
}

const ROW: React.CSSProperties = { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS };

export const PlatformPanel = ({ conversationId, strings, now, revision, onError, onCreated }: PlatformPanelProps) => {
  const [moves, setMoves] = React.useState<PlatformMove[]>([]);
  const [write, setWrite] = React.useState<number>(STATUSES[0].value);
  const [answer, setAnswer] = React.useState<string | null>(null);
  React.useEffect(() => setAnswer(null), [conversationId]);
  React.useEffect(() => {
    if (!conversationId) return setMoves([]);
    workbench.platformMoves(conversationId).then(setMoves, (e: Error) => onError(e.message));
  }, [conversationId, revision]);

  const run = (work: Promise<unknown>) => work.catch((e: Error) => onError(e.message));

  // An API client's PATCH behind the form, as the agent, from this browser: the webhook judges it.
  const writeBehindTheForm = async (): Promise<void> => {
    if (!conversationId) return;
    const status = STATUSES.find((s) => s.value === write);
    try {
      await request(`msdyn_ocliveworkitems(${conversationId})`, {
        method: "PATCH",
        body: { statuscode: write, statecode: status?.state },
        headers: { "If-Match": "*" },
      });
      setAnswer(`Saved: ${statusName(write, strings)}.`);
    } catch (error) {
      setAnswer(`Refused (HTTP ${(error as { status?: number }).status}): ${(error as { message?: string }).message}`);
    }
  };

  return (
    <Card appearance="outline" data-panel="platform">
      <CardHeader
        header={<Subtitle2>Platform</Subtitle2>}
        description={<Text size={200}>Sent as Omnichannel: its application user and user agent.</Text>}
      />
      <Text weight="semibold">New conversation</Text>
      <div style={ROW}>
        {NEW_CONVERSATIONS.map((c) => (
          <Button
            key={c.kind}
            size="small"
            data-new={c.kind}
            onClick={() => run(workbench.newConversation(c.kind).then((r) => onCreated(r.id)))}
          >
            {c.label}
          </Button>
        ))}
      </div>
      <Divider />
      <Text weight="semibold">The platform's moves from here</Text>
      <div style={ROW}>
        {moves.length === 0 && <Text size={200}>None for this status and channel.</Text>}
        {moves.map((m) => (
          <Button
            key={`${m.trigger}-${m.to}`}
            size="small"
            data-trigger={m.trigger}
            onClick={() => conversationId && run(workbench.platformMove(conversationId, m.trigger, m.to))}
          >
            {triggerName(m.trigger, strings)} → {statusName(m.to, strings)}
          </Button>
        ))}
      </div>
      <Divider />
      <Text weight="semibold">Clock</Text>
      <Text size={200} data-clock>
        {now ? new Date(now).toISOString().replace("T", " ").slice(0, 19) + " UTC (simulated)" : "—"}
      </Text>
      <div style={ROW}>
        {JUMPS.map((jump) => (
          <Button key={jump} size="small" data-jump={jump} onClick={() => run(workbench.advance(jump))}>
            +{jump}
          </Button>
        ))}
      </div>
      <Divider />
      <Text weight="semibold">Write behind the form</Text>
      <Text size={200}>
        A PATCH of the status reason through the Web API as the agent, not through the form: only the webhook checks it.
      </Text>
      <div style={ROW}>
        <Select aria-label="Status reason to write" value={String(write)} onChange={(_, d) => setWrite(Number(d.value))} data-write-status>
          {STATUSES.map((s) => (
            <option key={s.value} value={s.value}>
              {statusName(s.value, strings)}
            </option>
          ))}
        </Select>
        <Button size="small" onClick={() => void writeBehindTheForm()} disabled={!conversationId} data-command="api-write">
          PATCH
        </Button>
      </div>
      {answer && (
        <Text size={200} data-api-answer>
          {answer}
        </Text>
      )}
    </Card>
  );
};
