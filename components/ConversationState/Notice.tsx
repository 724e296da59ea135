/** A read problem, a setup hint or the answer to a move, as a Fluent message bar with its one action. */
import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, Spinner } from "@fluentui/react-components";
import { NOTICE } from "./styles";
import type { Notice as NoticeModel } from "./viewModel";
import type { Say } from "./strings";

export interface NoticeProps {
  readonly notice: NoticeModel;
  readonly say: Say;
  readonly onRetry: () => void;
  readonly onDismiss: () => void;
}

export const Notice = ({ notice, say, onRetry, onDismiss }: NoticeProps) => (
  <MessageBar intent={notice.intent} style={NOTICE} data-notice={notice.intent}>
    <MessageBarBody>
      {notice.busy && <Spinner size="extra-tiny" aria-hidden />} {notice.text}
    </MessageBarBody>
    {(notice.retry || notice.dismiss) && (
      <MessageBarActions>
        {notice.retry && <Button onClick={onRetry}>{say("control.retry")}</Button>}
        {notice.dismiss && <Button onClick={onDismiss}>{say("control.dismiss")}</Button>}
      </MessageBarActions>
    )}
  </MessageBar>
);
