/** The Dataverse webhook wire format: parse a posted RemoteExecutionContext and read its values. */
export { parseContext } from "./parse";
export { parseDate, parseValue, parseEntity, MAX_NESTING, MAX_OPTION_VALUES } from "./values";
export { parseKeyValues } from "./pairs";
export { ContextError } from "./errors";
export { optionOf, optionsOf, referenceOf, entityOf, normaliseGuid } from "./read";
export type { RemoteExecutionContext, Entity, Value } from "./types";
