/**
 * context.utils.getEntityMetadata over the Web API: the option sets' labels in the user's language
 * (UserLocalizedLabel), shaped as the Client API's getEntityMetadata documents its answer:
 * Attributes is a collection read with get(name), and an option set's OptionSet holds
 * value: { value, text } pairs.
 */
import { request } from "./webApi";

interface OptionMetadata {
  readonly Value: number;
  readonly Label?: { readonly UserLocalizedLabel?: { readonly Label?: string } | null };
}

/** The metadata cast of each column kind ("Query table definitions using the Web API"). */
const CAST: Readonly<Record<string, string>> = {
  statuscode: "Microsoft.Dynamics.CRM.StatusAttributeMetadata",
  statecode: "Microsoft.Dynamics.CRM.StateAttributeMetadata",
};

async function optionSetOf(table: string, column: string): Promise<Record<number, { value: number; text: string }>> {
  const cast = CAST[column] ?? "Microsoft.Dynamics.CRM.PicklistAttributeMetadata";
  const answer = await request<{ OptionSet?: { Options?: OptionMetadata[] } }>(
    `EntityDefinitions(LogicalName='${table}')/Attributes(LogicalName='${column}')/${cast}?$select=LogicalName&$expand=OptionSet`,
  );
  const options: Record<number, { value: number; text: string }> = {};
  for (const option of answer.OptionSet?.Options ?? []) {
    options[option.Value] = { value: option.Value, text: option.Label?.UserLocalizedLabel?.Label ?? String(option.Value) };
  }
  return options;
}

export async function getEntityMetadata(table: string, columns: readonly string[] = []): Promise<unknown> {
  const attributes = new Map<string, unknown>();
  await Promise.all(
    columns.map(async (column) =>
      attributes.set(column, { LogicalName: column, EntityLogicalName: table, OptionSet: await optionSetOf(table, column) }),
    ),
  );
  return { LogicalName: table, Attributes: { get: (name: string) => attributes.get(name), getAll: () => [...attributes.values()] } };
}
