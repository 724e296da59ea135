/**
 * The workbench page: conversations, the Active Conversation form with the production control and
 * the shipped form script, the platform's moves and clock, the audit trail and the webhook's
 * decisions. Everything talks to the local Dataverse; server events keep the panels current.
 */
import * as React from "react";
import { FluentProvider, MessageBar, MessageBarBody, Title2, tokens } from "@fluentui/react-components";
import { installXrm } from "../host/xrmGlobal";
import { setCaller } from "../host/webApi";
import { conversations as listConversations, workbench, type Audit, type Callout, type Conversation, type Seed } from "./api";
import { followClock } from "./clock";
import { ConversationList } from "./ConversationList";
import { FormPanel } from "./FormPanel";
import { HistoryPanel } from "./HistoryPanel";
import { DEFAULT_MAKER, LANGUAGES, themeOf, type MakerSettings, type PageLook } from "./look";
import { PlatformPanel } from "./PlatformPanel";
import { allStrings, type Strings } from "./strings";
import { MakerBar, Toolbar } from "./Toolbar";

const GRID: React.CSSProperties = {
  display: "grid",
  gridTemplateColumns: "minmax(240px, 1fr) minmax(420px, 2fr) minmax(320px, 1.4fr)",
  gap: tokens.spacingHorizontalL,
  padding: tokens.spacingHorizontalL,
  alignItems: "start",
};

export const App = () => {
  const [look, setLook] = React.useState<PageLook>({ lcid: 1033, theme: "light", readOnly: false, masked: false });
  const [maker, setMaker] = React.useState<MakerSettings>(DEFAULT_MAKER);
  const [resx, setResx] = React.useState<Record<number, Strings> | null>(null);
  const [seed, setSeed] = React.useState<Seed | null>(null);
  const [list, setList] = React.useState<Conversation[]>([]);
  const [selected, setSelected] = React.useState<string | null>(null);
  const [now, setNow] = React.useState<string | null>(null);
  const [audits, setAudits] = React.useState<Audit[]>([]);
  const [callouts, setCallouts] = React.useState<Callout[]>([]);
  const [revision, setRevision] = React.useState(0);
  const [problem, setProblem] = React.useState<string | null>(null);
  const lcid = React.useRef(look.lcid);
  lcid.current = look.lcid;

  const refresh = React.useCallback(async (id: string | null) => {
    setList((await listConversations()).value);
    if (id) {
      setAudits(await workbench.audits(id));
      setCallouts(await workbench.callouts(id));
    }
  }, []);

  React.useEffect(() => {
    void (async () => {
      const strings = await allStrings(LANGUAGES.map((l) => l.lcid));
      installXrm(strings, () => lcid.current);
      setResx(strings);
      const seeded = await workbench.seed();
      setSeed(seeded);
      setCaller(seeded.users.agent);
      const clock = await workbench.clock();
      followClock(clock.offsetMs);
      setNow(clock.now);
      const first = (await listConversations()).value[0]?.activityid ?? null;
      setSelected(first);
      await refresh(first);
    })().catch((e: Error) => setProblem(e.message));
  }, [refresh]);

  // The server announces changes (the platform's moves, other writes, the clock): the panels follow.
  const current = React.useRef(selected);
  current.current = selected;
  React.useEffect(() => {
    const events = new EventSource("/workbench/api/events");
    const onChange = (event: MessageEvent<string>) => {
      const change = JSON.parse(event.data) as { id?: string; recordId?: string };
      void refresh(current.current);
      // Another writer moved the open record (not this form's own save): the form reads it again.
      if (change.id === current.current) setRevision((r) => r + 1);
    };
    events.addEventListener("change", onChange);
    events.addEventListener("callout", () => void refresh(current.current));
    events.addEventListener("clock", (event) => {
      const clock = JSON.parse((event as MessageEvent<string>).data) as { now: string; offsetMs: number };
      followClock(clock.offsetMs);
      setNow(clock.now);
      setRevision((r) => r + 1);
    });
    events.addEventListener("reset", () => void refresh(null));
    return () => events.close();
  }, [refresh]);

  const strings = resx?.[look.lcid] ?? {};
  const select = (id: string): void => {
    setSelected(id);
    void refresh(id);
  };
  return (
    <FluentProvider theme={themeOf(look.theme)} style={{ minHeight: "100vh", background: tokens.colorNeutralBackground2 }}>
      <header
        style={{
          display: "flex",
          flexWrap: "wrap",
          gap: tokens.spacingHorizontalXXL,
          alignItems: "center",
          padding: tokens.spacingHorizontalL,
          background: tokens.colorNeutralBackground1,
          borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
        }}
      >
        <Title2 as="h1">Conversation workbench</Title2>
        <Toolbar look={look} onLook={setLook} />
        <MakerBar maker={maker} onMaker={setMaker} />
      </header>
      {problem && (
        <MessageBar intent="error" data-problem>
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <main style={GRID}>
        <ConversationList conversations={list} selected={selected} strings={strings} onSelect={select} />
        {/* minWidth 0: the form's column keeps its width, and long content wraps inside it. */}
        <div style={{ minWidth: 0 }}>
          {selected && resx ? (
            <FormPanel
              id={selected}
              look={look}
              maker={maker}
              strings={strings}
              revision={revision}
              onSaved={() => void refresh(selected)}
            />
          ) : null}
        </div>
        <div style={{ display: "grid", gap: tokens.spacingVerticalL, minWidth: 0 }}>
          <PlatformPanel
            conversationId={selected}
            strings={strings}
            now={now}
            revision={revision}
            onError={setProblem}
            onCreated={select}
          />
          <HistoryPanel audits={audits} callouts={callouts} seed={seed} strings={strings} />
        </div>
      </main>
    </FluentProvider>
  );
};
