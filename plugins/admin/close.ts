/**
 * stuck --close --yes: closes the listed conversations as an admin would in Dataverse, statuscode
 * Closed with its statecode and msdyn_statuschangereason ClosedInDataverseDirectlyByAdmin (192350016),
 * each PATCH with If-Match the etag it was listed with, so a conversation that changed since it was
 * listed is never touched (Dataverse answers 412). Batches run a few PATCHes at once; Retry-After
 * on 429 holds every request of the client (webapi/client.ts). Every outcome is counted.
 */
import { Status, StatusChangeReason, stateOf } from "../lifecycle";
import type { Row, WebApiClient } from "../webapi/client";
import { WebApiError } from "../webapi/errors";
import { CONVERSATION_SET, Conversation } from "./columns";
import type { OpenConversation } from "./stuck";
import { mapLimit } from "./session";

export const DEFAULT_BATCH_SIZE = 10;
/** Dataverse's service protection allows 52 concurrent requests per user; stay well below. */
export const MAX_BATCH_SIZE = 50;

/** The columns a close writes (SetState through PATCH, as the table reference documents). */
export const CLOSE_BODY: Row = {
  [Conversation.state]: stateOf(Status.Closed),
  [Conversation.status]: Status.Closed,
  [Conversation.statusChangeReason]: StatusChangeReason.ClosedInDataverseDirectlyByAdmin,
};

export type Outcome =
  | { readonly id: string; readonly result: "closed" }
  /** 412 or 404: it changed (or went) since it was listed; left alone. */
  | { readonly id: string; readonly result: "changed"; readonly message: string }
  /** Dataverse said no (the webhook's denial, a privilege): its error. */
  | { readonly id: string; readonly result: "refused"; readonly message: string }
  /** No answer to act on (timeout, network, throttled past the retries, a server error). */
  | { readonly id: string; readonly result: "failed"; readonly message: string }
  /** Not tried: the run stopped first (the token was refused). */
  | { readonly id: string; readonly result: "not-tried"; readonly message: string };

export type Result = Outcome["result"];
export const RESULTS: readonly Result[] = ["closed", "changed", "refused", "failed", "not-tried"];

export type Tally = Record<Result, number>;

export function tallyOf(outcomes: readonly Outcome[]): Tally {
  const tally = Object.fromEntries(RESULTS.map((r) => [r, 0])) as Tally;
  for (const outcome of outcomes) tally[outcome.result]++;
  return tally;
}

/** What a failed PATCH means for the summary. */
export function outcomeOf(id: string, error: unknown): Outcome {
  if (!(error instanceof WebApiError)) throw error;
  switch (error.code) {
    case "changed-meanwhile":
      return { id, result: "changed", message: "changed since listed, skipped (412: its etag no longer matches)" };
    case "not-found":
      return { id, result: "changed", message: "gone since listed, skipped (404)" };
    case "forbidden":
      return { id, result: "refused", message: error.message };
    case "dataverse":
      return error.status !== undefined && error.status >= 400 && error.status < 500
        ? { id, result: "refused", message: error.message }
        : { id, result: "failed", message: error.message };
    default:
      return { id, result: "failed", message: error.message };
  }
}

export interface Progress {
  /** After each conversation. */
  tick(done: number, tally: Tally): void;
  /** After each batch. */
  batch(index: number, batches: number, done: number, tally: Tally): void;
  stop(): void;
}

export async function closeAll(
  client: WebApiClient,
  conversations: readonly OpenConversation[],
  batchSize: number,
  progress: Progress,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const running = tallyOf([]);
  const batches = Math.ceil(conversations.length / batchSize);
  let stopped: string | undefined;
  const settle = (outcome: Outcome): Outcome => {
    running[outcome.result]++;
    progress.tick(
      RESULTS.reduce((sum, r) => sum + running[r], 0),
      { ...running },
    );
    return outcome;
  };
  try {
    for (let b = 0; b < batches; b++) {
      const batch = conversations.slice(b * batchSize, (b + 1) * batchSize);
      if (stopped !== undefined) {
        const reason = stopped;
        outcomes.push(...batch.map((c) => settle({ id: c.id, result: "not-tried", message: reason })));
        continue;
      }
      const results = await mapLimit(batch, batchSize, async (conversation): Promise<Outcome> => {
        try {
          await client.update(CONVERSATION_SET, conversation.id, CLOSE_BODY, conversation.etag);
          return settle({ id: conversation.id, result: "closed" });
        } catch (error) {
          // A refused token fails every request alike: stop after this batch.
          if (error instanceof WebApiError && error.code === "unauthorized") stopped = `not tried: ${error.message}`;
          return settle(outcomeOf(conversation.id, error));
        }
      });
      outcomes.push(...results);
      progress.batch(b + 1, batches, outcomes.length, { ...running });
    }
  } finally {
    progress.stop();
  }
  return outcomes;
}
