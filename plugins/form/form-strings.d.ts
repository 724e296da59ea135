/** The virtual module scripts/build-form.ts generates from the resx files at build time. */
declare module "ocs:form-strings" {
  import type { StringTable } from "./strings";
  export const table: StringTable;
}
