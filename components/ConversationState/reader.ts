/**
 * The control's reads, through documented PCF APIs only: context.webAPI.retrieveRecord for the
 * conversation and its workstream's mode, context.utils.getEntityMetadata for the labels. Labels
 * and workstream modes are asked once per control; the record every time the store asks.
 */
import { parseConversationMode, type ConversationModeName } from "../../plugins/lifecycle/channels";
import { ConversationColumn as C, WORKSTREAM_TABLE, WorkstreamColumn } from "../../plugins/lifecycle/conversationTable";
import { optionLabels, type MetadataLabels } from "./labels";
import { recordOf, RECORD_SELECT, type ConversationRecord } from "./record";

export interface Reader {
  record(table: string, id: string): Promise<ConversationRecord>;
  /** The workstream's conversation mode, or null when it cannot be read (agents may lack the privilege). */
  workstreamMode(id: string): Promise<ConversationModeName | null>;
  labels(table: string): Promise<MetadataLabels>;
  isOffline(): boolean;
}

type Platform = Pick<ComponentFramework.Context<unknown>, "webAPI" | "utils" | "client">;

export function createReader(platform: Platform): Reader {
  const modes = new Map<string, Promise<ConversationModeName | null>>();
  let labels: Promise<MetadataLabels> | undefined;
  return {
    record: async (table, id) => recordOf(await platform.webAPI.retrieveRecord(table, id, RECORD_SELECT)),
    workstreamMode(id) {
      let mode = modes.get(id);
      if (!mode) {
        mode = platform.webAPI.retrieveRecord(WORKSTREAM_TABLE, id, `?$select=${WorkstreamColumn.ConversationMode}`).then(
          (row) => parseConversationMode(row[WorkstreamColumn.ConversationMode]) ?? null,
          () => null,
        );
        modes.set(id, mode);
      }
      return mode;
    },
    labels(table) {
      labels ??= platform.utils.getEntityMetadata(table, [C.Status, C.StatusChangeReason]).then(
        (metadata) => ({ status: optionLabels(metadata, C.Status), changeReason: optionLabels(metadata, C.StatusChangeReason) }),
        () => ({ status: new Map(), changeReason: new Map() }),
      );
      return labels;
    },
    isOffline: () => platform.client?.isOffline?.() === true,
  };
}
