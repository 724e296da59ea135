/** The local Dataverse: the library the workbench builds on (see docs/workbench.md). */
export { createDataverse, Dataverse } from "./dataverse";
export type { DataverseOptions, LoggedRequest, Auditing } from "./dataverse";
export { buildDataverseApp, dataversePlugin, DEFAULT_BODY_LIMIT_BYTES } from "./app";
export type { DataversePluginOptions } from "./app";
export { API_PREFIX } from "./webApi";
export type { ApiRequest, ApiResponse } from "./webApi";
export { WORKBENCH_PREFIX } from "./workbenchApi";
export { SEED, PLATFORM_USER_AGENT, WORKBENCH_APPLICATION_ID } from "./seed";
export { ERRORS, DataverseError } from "./errors";
export type { CalloutRecord } from "./callout";
export { DEFAULT_WEBHOOK_TIMEOUT_MS } from "./callout";
export type { AuditEntry } from "./audit";
export type { WorkbenchEvent } from "./events";
export type { FaultSpec, Fault } from "./faults";
export type { SimulatedClock } from "./clock";
export { parseDuration } from "./clock";
export { StoreError, DATA_FORMAT } from "./store";
export { ENTITY_SETS, CONVERSATION_SET } from "./tables";
