/** One representative wire shape per channel kind: what the pre-image must say for that kind. */
import type { ChannelKind } from "../../plugins/lifecycle";
import { WORKSTREAM_ID, type Variant } from "../fixtures/webhook/builder";

/** A value no msdyn_streamsource option has: the model's "unknown" kind. */
export const UNKNOWN_CHANNEL = 192999999;

/** Start the server with PERSISTENT_WORKSTREAMS = PERSISTENT_ID for the persistent-chat variant. */
export const PERSISTENT_ID = "6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";

export const KIND_VARIANTS: Readonly<Record<ChannelKind, Variant>> = {
  "live-chat": { channels: ["live-chat"], workstreamId: WORKSTREAM_ID },
  "persistent-chat": { channels: ["live-chat"], workstreamId: PERSISTENT_ID },
  messaging: { channels: ["sms"] },
  voice: { channels: ["voice"] },
  record: { channels: ["entity-records"] },
  unknown: { channels: [UNKNOWN_CHANNEL] },
};
