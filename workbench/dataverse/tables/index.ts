/** Every table the local Dataverse serves. */
import { EntitySets } from "../entitySets";
import { AUDITS } from "./audit";
import { CONVERSATION } from "./conversation";
import { ORGANIZATIONS, QUEUES, SYSTEMUSERS, USERSETTINGS, WORKSTREAMS } from "./people";
import { IMAGES, SDKMESSAGEFILTERS, SDKMESSAGES, SERVICEENDPOINTS, STEPS } from "./registration";

export {
  AUDITS,
  CONVERSATION,
  ORGANIZATIONS,
  QUEUES,
  SYSTEMUSERS,
  USERSETTINGS,
  WORKSTREAMS,
  SDKMESSAGES,
  SDKMESSAGEFILTERS,
  SERVICEENDPOINTS,
  STEPS,
  IMAGES,
};
export { CONVERSATION_SET } from "./conversation";

export const ENTITY_SETS = new EntitySets([
  CONVERSATION,
  WORKSTREAMS,
  QUEUES,
  SYSTEMUSERS,
  USERSETTINGS,
  ORGANIZATIONS,
  AUDITS,
  SDKMESSAGES,
  SDKMESSAGEFILTERS,
  SERVICEENDPOINTS,
  STEPS,
  IMAGES,
]);
