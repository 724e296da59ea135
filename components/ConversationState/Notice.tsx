/** A read problem, a setup hint or the answer to a move, as a Fluent message bar with its one button. */
import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, Spinner } from "@fluentui/react-components";
import { NOTICE } from "./styles";
import type { Notice as NoticeModel } from "./viewModel";
import type { Say } from "./strings";

export interface NoticeProps {
  readonly notice: NoticeModel;
  readonly say: Say;
  /** What its button does. */
  readonly onClick: () => void;
}

export const Notice = ({ notice, say, onClick }: NoticeProps) => (
  // Multiline: a form field is narrow, and the message must wrap rather than be cut.
  <MessageBar intent={notice.intent} layout="multiline" style={NOTICE} data-notice={notice.intent}>
    <MessageBarBody>
      {notice.busy && <Spinner size="extra-tiny" aria-hidden />} {notice.text}
    </MessageBarBody>
    {notice.button && (
      <MessageBarActions>
        <Button onClick={onClick}>{say(`control.${notice.button}`)}</Button>
      </MessageBarActions>
    )}
  </MessageBar>
);
