/**
 * The simulated Active Conversation form: a command bar with Save, the form script's notifications,
 * and the conversation's fields, Status updated on showing the production control. The form is the
 * host's Client API over the local Dataverse; the shipped form script runs on its events.
 */
import * as React from "react";
import {
  Button,
  Card,
  CardHeader,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  Title3,
  tokens,
} from "@fluentui/react-components";
import { mountConversation, type MountedConversation } from "../host/conversationForm";
import type { XrmForm } from "../host/xrmForm";
import { STATUSES } from "../../plugins/lifecycle/statuses";
import { ConversationColumn as C } from "../../plugins/lifecycle/conversationTable";
import { channelKindOf } from "../../plugins/lifecycle/channels";
import { isDark, themeOf, type MakerSettings, type PageLook } from "./look";
import type { Strings } from "./strings";

/** The control class the production bundle registered, and the shipped form script's global. */
interface PageGlobals {
  ControlClass: ConstructorParameters<typeof Object>[0];
  ConversationState: { Form: Parameters<typeof mountConversation>[0]["formScript"] };
}

export interface FormPanelProps {
  readonly id: string;
  readonly look: PageLook;
  readonly maker: MakerSettings;
  readonly strings: Strings;
  /** Bumped when the record changed on the server (the platform moved it, the clock jumped): the form reads it again. */
  readonly revision: number;
  readonly onSaved: () => void;
}

const SECTION: React.CSSProperties = { display: "grid", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL };

export const FormPanel = ({ id, look, maker, strings, revision, onSaved }: FormPanelProps) => {
  const slot = React.useRef<HTMLDivElement>(null);
  const [mounted, setMounted] = React.useState<MountedConversation | null>(null);
  const [problem, setProblem] = React.useState<string | null>(null);
  const [, rendered] = React.useReducer((n: number) => n + 1, 0);
  const [saving, setSaving] = React.useState(false);

  const formLook = React.useMemo(
    () => ({
      languageId: look.lcid,
      strings,
      theme: themeOf(look.theme),
      dark: isDark(look.theme),
      readOnly: look.readOnly,
      masked: look.masked,
      offline: false,
    }),
    [look, strings],
  );

  React.useEffect(() => {
    let current: MountedConversation | null = null;
    let cancelled = false;
    const globals = globalThis as unknown as PageGlobals;
    setProblem(null);
    mountConversation({
      id,
      container: slot.current as HTMLElement,
      Control: globals.ControlClass as never,
      formScript: globals.ConversationState.Form,
      formScriptParameter: maker.formParameter || undefined,
      inputs: { conversationMode: maker.conversationMode, unavailableActions: maker.unavailableActions, actions: maker.actions },
      statusOptions: STATUSES.map((s) => ({ value: s.value, text: strings[`status.${s.name}`] ?? s.label })),
      look: formLook,
    }).then(
      (conversation) => {
        if (cancelled) return conversation.destroy();
        current = conversation;
        conversation.form.onChange(rendered);
        setMounted(conversation);
      },
      (error: { message?: string }) => setProblem(error.message ?? String(error)),
    );
    return () => {
      cancelled = true;
      current?.destroy();
      setMounted(null);
    };
    // The form opens again for another record, language, read-only or masked state, or other maker settings.
  }, [id, look.lcid, look.readOnly, look.masked, maker]);

  React.useEffect(() => mounted?.update(formLook), [mounted, formLook]);
  // A change on the server: the form reads the record again, as formContext.data.refresh does; the control follows.
  React.useEffect(() => {
    if (revision > 0) void mounted?.form.formContext.data.refresh(false);
  }, [revision]);

  const form: XrmForm | undefined = mounted?.form;
  const status = form?.values.statuscode as number | null | undefined;
  const channels = (form?.values.msdyn_channel as number[] | null) ?? [];
  const save = async (): Promise<void> => {
    if (!form) return;
    setSaving(true);
    if (await form.userSave()) onSaved();
    setSaving(false);
  };

  return (
    <Card appearance="outline" style={{ padding: 0 }} data-panel="form">
      <div
        style={{
          display: "flex",
          gap: tokens.spacingHorizontalS,
          padding: tokens.spacingHorizontalS,
          borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
        }}
      >
        <Button appearance="subtle" onClick={save} disabled={!form || look.readOnly || saving} data-command="save">
          Save
        </Button>
        <Button appearance="subtle" onClick={() => void form?.formContext.data.refresh(false)} disabled={!form}>
          Refresh
        </Button>
        {saving && <Spinner size="tiny" label="Saving…" />}
      </div>
      {problem && (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {form?.notifications.map((n) => (
        <MessageBar key={n.id} intent={n.level === "ERROR" ? "error" : n.level === "WARNING" ? "warning" : "info"} data-notification={n.id}>
          <MessageBarBody>{n.message}</MessageBarBody>
        </MessageBar>
      ))}
      <CardHeader
        header={<Title3>{String(form?.values.subject ?? "Conversation")}</Title3>}
        description={<Text>Active Conversation</Text>}
        style={{ padding: tokens.spacingHorizontalL }}
      />
      <div style={SECTION} dir={look.lcid === 1025 ? "rtl" : "ltr"}>
        <Field label={strings["property.statusUpdatedOn.name"] ?? "Status updated on"}>
          <div ref={slot} data-field={C.StatusUpdatedOn} />
        </Field>
        <Field label="Status Reason">
          <Select
            data-field={C.Status}
            value={look.masked || status == null ? "" : String(status)}
            disabled={!form || look.readOnly || look.masked}
            onChange={(_, data) => form?.userChange(C.Status, Number(data.value))}
          >
            {look.masked && <option value="">••••</option>}
            {(form?.optionsOf(C.Status) ?? []).map((o) => (
              <option key={o.value} value={o.value}>
                {o.text}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Channel">
          <Text data-field={C.Channel}>
            {channels.join(", ") || "—"} ({channelKindOf(channels).kind})
          </Text>
        </Field>
      </div>
    </Card>
  );
};
