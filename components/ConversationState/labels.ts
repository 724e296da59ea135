/**
 * Status and change-reason labels from the table's own metadata (context.utils.getEntityMetadata),
 * so renamed or translated choices show as the environment has them. Read as the Client API's
 * getEntityMetadata documents it: Attributes is a collection (get by name), and an option set's
 * OptionSet holds "key:value pairs", the value an option object with its text (or the label itself).
 * Any other shape gives no labels (the resx ones are used) and one console line saying what was seen.
 */
export type Labels = ReadonlyMap<number, string>;
export interface MetadataLabels {
  readonly status: Labels;
  readonly changeReason: Labels;
}

/** value → label of one option-set column. */
export function optionLabels(metadata: unknown, column: string): Labels {
  const attributes = (metadata as { Attributes?: { get?: (name: string) => unknown } } | null)?.Attributes;
  const options = (attributes?.get?.(column) as { OptionSet?: unknown } | undefined)?.OptionSet;
  const labels = new Map<number, string>();
  for (const [key, option] of Object.entries(options ?? {})) {
    const label = typeof option === "string" ? option : (option as { text?: unknown } | null)?.text;
    if (/^-?\d+$/.test(key) && typeof label === "string") labels.set(Number(key), label);
  }
  if (labels.size === 0)
    console.warn(`ConversationState: no option labels for ${column} in the table's metadata; showing the built-in ones.`, options);
  return labels;
}
