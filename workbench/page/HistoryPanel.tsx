/** The conversation's audit trail (who changed the status, when) and the webhook's decisions with their reasons. */
import * as React from "react";
import {
  Badge,
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
import type { Audit, Callout, Seed } from "./api";
import { statusName, time, userName } from "./labels";
import type { Strings } from "./strings";

export interface HistoryPanelProps {
  readonly audits: readonly Audit[];
  readonly callouts: readonly Callout[];
  readonly seed: Seed | null;
  readonly strings: Strings;
}

const verdictOf = (callout: Callout): { reason: string; message: string; caller: string } => {
  const answer = typeof callout.response === "object" && callout.response !== null ? callout.response : {};
  return {
    reason: answer.reason ?? String(callout.status ?? "no answer"),
    message: answer.message ?? (typeof callout.response === "string" ? callout.response : ""),
    caller: answer.callerClass ?? answer.initiator ?? "",
  };
};

export const HistoryPanel = ({ audits, callouts, seed, strings }: HistoryPanelProps) => (
  <>
    <Card appearance="outline" data-panel="audit">
      <CardHeader
        header={<Subtitle2>Audit trail</Subtitle2>}
        description={<Text size={200}>audits and RetrieveAuditDetails: status changes kept</Text>}
      />
      <Table size="small" aria-label="Audit trail">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>When</TableHeaderCell>
            <TableHeaderCell>Who</TableHeaderCell>
            <TableHeaderCell>Status reason</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {audits.length === 0 && (
            <TableRow>
              <TableCell colSpan={3}>No status changes audited.</TableCell>
            </TableRow>
          )}
          {audits.map((a) => (
            <TableRow key={a.auditId} data-audit={a.operation}>
              <TableCell>{time(a.createdOn)}</TableCell>
              <TableCell>{userName(a.userId, seed)}</TableCell>
              <TableCell>
                {a.operation === "Create" ? "created: " : `${statusName(a.changes.statuscode?.old, strings)} → `}
                {statusName(a.changes.statuscode?.new, strings)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
    <Card appearance="outline" data-panel="decisions">
      <CardHeader
        header={<Subtitle2>Webhook decisions</Subtitle2>}
        description={<Text size={200}>the synchronous step's calls and the webhook's answers</Text>}
      />
      <Table size="small" aria-label="Webhook decisions">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>When</TableHeaderCell>
            <TableHeaderCell>Move</TableHeaderCell>
            <TableHeaderCell>Verdict</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {callouts.length === 0 && (
            <TableRow>
              <TableCell colSpan={3}>No calls yet.</TableCell>
            </TableRow>
          )}
          {callouts.map((c) => {
            const verdict = verdictOf(c);
            return (
              <TableRow key={c.id} data-callout={c.outcome}>
                <TableCell>{time(c.at)}</TableCell>
                <TableCell>
                  {statusName(c.change.from, strings)} → {statusName(c.change.to, strings)}
                  <br />
                  <Text size={200}>
                    {userName(c.userId, seed)}
                    {verdict.caller ? ` (${verdict.caller})` : ""}
                  </Text>
                </TableCell>
                <TableCell>
                  <Badge appearance="tint" color={c.outcome === "passed" ? "success" : "danger"}>
                    {c.status ?? "—"} {verdict.reason}
                  </Badge>
                  <br />
                  <Text size={200}>{verdict.message}</Text>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Card>
  </>
);
