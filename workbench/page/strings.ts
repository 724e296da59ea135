/** The resx strings by language, loaded once from the page's server (the same files the solution ships). */
export type Strings = Readonly<Record<string, string>>;

const cache = new Map<number, Promise<Strings>>();

export function stringsFor(lcid: number): Promise<Strings> {
  let strings = cache.get(lcid);
  if (!strings) {
    strings = fetch(`/workbench/strings/${lcid}.json`).then((r) =>
      r.ok ? (r.json() as Promise<Strings>) : Promise.reject(new Error(`No strings for ${lcid}`)),
    );
    cache.set(lcid, strings);
  }
  return strings;
}

/** Every language's strings, for the form script's Xrm.Utility.getResourceString. */
export async function allStrings(lcids: readonly number[]): Promise<Record<number, Strings>> {
  return Object.fromEntries(await Promise.all(lcids.map(async (lcid) => [lcid, await stringsFor(lcid)] as const)));
}
