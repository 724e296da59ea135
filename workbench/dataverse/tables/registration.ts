/**
 * The tables register-webhook writes (PLATFORM.md §5, §8; the serviceendpoint, sdkmessageprocessingstep
 * and sdkmessageprocessingstepimage table references): a webhook endpoint, its steps on a message of a
 * table, and their images. sdkmessages and sdkmessagefilters are Dataverse's own and read-only.
 */
import type { Column, EntitySet } from "../entitySets";

const create = { create: true, update: true } as const;
const fixed = { create: false, update: false } as const;
const lookup = (name: string, display: string, target: string, nav: string, required = false): Column => ({
  name,
  display,
  kind: "lookup",
  targets: [target],
  nav,
  required,
  ...create,
});

export const SDKMESSAGES: EntitySet = {
  set: "sdkmessages",
  logical: "sdkmessage",
  display: "Sdk Message",
  displayCollection: "Sdk Messages",
  key: "sdkmessageid",
  primaryName: "name",
  objectTypeCode: 4606,
  methods: ["GET"],
  columns: [
    { name: "sdkmessageid", display: "Sdk Message", kind: "key", ...fixed },
    { name: "name", display: "Name", kind: "string", maxLength: 256, ...fixed },
  ],
};

export const SDKMESSAGEFILTERS: EntitySet = {
  set: "sdkmessagefilters",
  logical: "sdkmessagefilter",
  display: "Sdk Message Filter",
  displayCollection: "Sdk Message Filters",
  key: "sdkmessagefilterid",
  objectTypeCode: 4607,
  methods: ["GET"],
  columns: [
    { name: "sdkmessagefilterid", display: "Sdk Message Filter", kind: "key", ...fixed },
    { name: "sdkmessageid", display: "Sdk Message", kind: "lookup", targets: ["sdkmessages"], nav: "sdkmessageid", ...fixed },
    { name: "primaryobjecttypecode", display: "Primary Object Type Code", kind: "entityname", ...fixed },
    { name: "iscustomprocessingstepallowed", display: "Custom Processing Step Allowed", kind: "bool", ...fixed },
  ],
};

export const SERVICEENDPOINTS: EntitySet = {
  set: "serviceendpoints",
  logical: "serviceendpoint",
  display: "Service Endpoint",
  displayCollection: "Service Endpoints",
  key: "serviceendpointid",
  primaryName: "name",
  objectTypeCode: 4618,
  methods: ["GET", "POST", "PATCH", "DELETE"],
  cascade: [["sdkmessageprocessingsteps", "_eventhandler_value"]],
  columns: [
    { name: "serviceendpointid", display: "ServiceEndpoint", kind: "key", create: true, update: false },
    { name: "name", display: "Name", kind: "string", maxLength: 256, required: true, ...create },
    { name: "contract", display: "Contract", kind: "int", required: true, ...create },
    { name: "authtype", display: "Specify Auth Type", kind: "int", ...create },
    { name: "messageformat", display: "Message Format", kind: "int", ...create },
    { name: "url", display: "Url Address", kind: "string", maxLength: 2000, ...create },
    // IsValidForRead False: the key cannot be read back (PLATFORM.md §5).
    { name: "authvalue", display: "Auth Value", kind: "string", maxLength: 2048, read: false, ...create },
    {
      name: "isauthvalueset",
      display: "Is Auth Value Set",
      kind: "bool",
      computed: (row) => typeof row.authvalue === "string" && row.authvalue !== "",
      ...fixed,
    },
    { name: "description", display: "Description", kind: "string", maxLength: 2000, ...create },
    { name: "connectionmode", display: "Connection Mode", kind: "int", ...create },
  ],
};

export const STEPS: EntitySet = {
  set: "sdkmessageprocessingsteps",
  logical: "sdkmessageprocessingstep",
  display: "Sdk Message Processing Step",
  displayCollection: "Sdk Message Processing Steps",
  key: "sdkmessageprocessingstepid",
  primaryName: "name",
  objectTypeCode: 4608,
  methods: ["GET", "POST", "PATCH", "DELETE"],
  cascade: [["sdkmessageprocessingstepimages", "_sdkmessageprocessingstepid_value"]],
  defaults: { statecode: 0, statuscode: 1, asyncautodelete: false, supporteddeployment: 0, filteringattributes: null },
  columns: [
    { name: "sdkmessageprocessingstepid", display: "Sdk Message Processing Step", kind: "key", create: true, update: false },
    { name: "name", display: "Name", kind: "string", maxLength: 256, required: true, ...create },
    { name: "stage", display: "Execution Stage", kind: "int", required: true, ...create },
    { name: "mode", display: "Execution Mode", kind: "int", required: true, ...create },
    { name: "rank", display: "Execution Order", kind: "int", required: true, ...create },
    { name: "supporteddeployment", display: "Deployment", kind: "int", ...create },
    { name: "filteringattributes", display: "Filtering Attributes", kind: "string", maxLength: 100000, ...create },
    { name: "statecode", display: "Status", kind: "int", ...create },
    { name: "statuscode", display: "Status Reason", kind: "int", ...create },
    { name: "asyncautodelete", display: "Asynchronous Automatic Delete", kind: "bool", ...create },
    { name: "description", display: "Description", kind: "string", maxLength: 256, ...create },
    lookup("eventhandler", "Event Handler", "serviceendpoints", "eventhandler_serviceendpoint", true),
    lookup("sdkmessageid", "SDK Message", "sdkmessages", "sdkmessageid", true),
    lookup("sdkmessagefilterid", "Sdk Message Filter", "sdkmessagefilters", "sdkmessagefilterid"),
  ],
};

export const IMAGES: EntitySet = {
  set: "sdkmessageprocessingstepimages",
  logical: "sdkmessageprocessingstepimage",
  display: "Sdk Message Processing Step Image",
  displayCollection: "Sdk Message Processing Step Images",
  key: "sdkmessageprocessingstepimageid",
  primaryName: "name",
  objectTypeCode: 4615,
  methods: ["GET", "POST", "PATCH", "DELETE"],
  columns: [
    { name: "sdkmessageprocessingstepimageid", display: "Sdk Message Processing Step Image", kind: "key", create: true, update: false },
    { name: "name", display: "Name", kind: "string", maxLength: 256, required: true, ...create },
    { name: "imagetype", display: "Image Type", kind: "int", required: true, ...create },
    { name: "entityalias", display: "Entity Alias", kind: "string", maxLength: 256, required: true, ...create },
    { name: "messagepropertyname", display: "Message Property Name", kind: "string", maxLength: 256, required: true, ...create },
    { name: "attributes", display: "Attributes", kind: "string", maxLength: 100000, ...create },
    { name: "description", display: "Description", kind: "string", maxLength: 256, ...create },
    lookup("sdkmessageprocessingstepid", "SDK Message Processing Step", "sdkmessageprocessingsteps", "sdkmessageprocessingstepid", true),
  ],
};
