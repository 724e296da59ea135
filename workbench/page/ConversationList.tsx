/** The conversations in the local Dataverse, newest first; selecting one opens its form. */
import * as React from "react";
import {
  Card,
  CardHeader,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import { channelKindOf, channelValuesOf } from "../../plugins/lifecycle/channels";
import type { Conversation } from "./api";
import { statusName } from "./labels";
import type { Strings } from "./strings";

export interface ConversationListProps {
  readonly conversations: readonly Conversation[];
  readonly selected: string | null;
  readonly strings: Strings;
  readonly onSelect: (id: string) => void;
}

export const ConversationList = ({ conversations, selected, strings, onSelect }: ConversationListProps) => (
  <Card appearance="outline" data-panel="conversations">
    <CardHeader header={<Subtitle2>Conversations</Subtitle2>} />
    <Table size="small" aria-label="Conversations">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Subject</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {conversations.length === 0 && (
          <TableRow>
            <TableCell colSpan={2}>
              <Text>No conversations yet: start one from the platform panel.</Text>
            </TableCell>
          </TableRow>
        )}
        {conversations.map((c) => (
          <TableRow
            key={c.activityid}
            aria-selected={c.activityid === selected}
            data-conversation={c.activityid}
            onClick={() => onSelect(c.activityid)}
            style={{ cursor: "pointer", fontWeight: c.activityid === selected ? 600 : undefined }}
          >
            <TableCell>
              <button type="button" onClick={() => onSelect(c.activityid)} style={{ all: "unset", cursor: "pointer" }}>
                {c.subject ?? c.activityid}
              </button>
              <br />
              <Text size={200}>{channelKindOf(channelValuesOf(c.msdyn_channel)).kind}</Text>
            </TableCell>
            <TableCell>{statusName(c.statuscode, strings)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </Card>
);
