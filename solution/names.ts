/** Dataverse naming rules for publishers and components, and stable web resource ids. */
import { createHash } from "node:crypto";
import { WEB_RESOURCE_TYPES, type Publisher } from "./config";
import { problem, type Problem } from "./problems";

/** Publisher prefix: 2–8 letters or digits, starting with a letter, never "mscrm". */
export function checkPublisher(publisher: Publisher): Problem[] {
  const problems: Problem[] = [];
  if (!/^[A-Za-z][A-Za-z0-9]{1,7}$/.test(publisher.prefix) || /^mscrm/i.test(publisher.prefix)) {
    problems.push(
      problem(
        "bad-prefix",
        `Publisher prefix "${publisher.prefix}" is not valid: Dataverse wants 2–8 letters or digits, starting with a letter, not "mscrm".`,
        `Set PUBLISHER.prefix in solution/config.ts to the prefix of the publisher in your environment (ours is "ocs").`,
      ),
    );
  }
  if (!Number.isInteger(publisher.optionValuePrefix) || publisher.optionValuePrefix < 10000 || publisher.optionValuePrefix > 99999) {
    problems.push(
      problem(
        "bad-prefix",
        `Option value prefix ${publisher.optionValuePrefix} is outside 10000–99999.`,
        `Set PUBLISHER.optionValuePrefix in solution/config.ts to the publisher's CustomizationOptionValuePrefix.`,
      ),
    );
  }
  return problems;
}

/** Every component name must start with `<prefix>_`, or Dataverse refuses the import. */
export function checkPrefixed(kind: string, name: string, prefix: string): Problem[] {
  if (name.startsWith(`${prefix}_`)) return [];
  return [
    problem(
      "wrong-prefix",
      `${kind} "${name}" does not start with the publisher prefix "${prefix}_".`,
      `Derive the name from the publisher prefix in solution/config.ts (or change the publisher prefix to the one the component was made with).`,
    ),
  ];
}

/**
 * Web resource names: prefix_, then letters, digits, _ - . and single slashes, ending in an extension
 * of its type. A String (RESX) web resource holds one language: its name ends in `.<lcid>.resx` and
 * its LanguageCode is that LCID, or getResourceString cannot pick it for a user's language.
 */
export function checkWebResourceName(name: string, type: number, prefix: string, languageCode?: number): Problem[] {
  const problems = checkPrefixed("Web resource", name, prefix);
  const fix = `Rename it in solution/config.ts, e.g. "${prefix}_/conversationstate/form.js".`;
  if (!/^[A-Za-z0-9_\-./]+$/.test(name)) {
    problems.push(
      problem(
        "bad-web-resource-name",
        `Web resource name "${name}" has characters Dataverse refuses: only letters, digits, _ - . and / are allowed.`,
        fix,
      ),
    );
  }
  if (name.includes("//")) problems.push(problem("bad-web-resource-name", `Web resource name "${name}" has consecutive slashes.`, fix));
  if (name.endsWith("/") || name.endsWith("."))
    problems.push(problem("bad-web-resource-name", `Web resource name "${name}" ends with "${name.slice(-1)}".`, fix));
  const spec = WEB_RESOURCE_TYPES[type];
  if (!spec) {
    problems.push(
      problem(
        "bad-web-resource-name",
        `Web resource "${name}" has type ${type}, which is not a web resource type (1–12).`,
        `Use 3 for a script (see WEB_RESOURCE_TYPES in solution/config.ts).`,
      ),
    );
  } else {
    const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
    if (!extension || !spec.extensions.includes(extension)) {
      problems.push(
        problem(
          "bad-web-resource-name",
          `Web resource "${name}" is a ${spec.label} but its name does not end in .${spec.extensions.join(" or .")}.`,
          fix,
        ),
      );
    }
  }
  if (type === 12) problems.push(...checkResxLanguage(name, languageCode));
  return problems;
}

function checkResxLanguage(name: string, languageCode: number | undefined): Problem[] {
  const lcid = /\.(\d{4,5})\.resx$/i.exec(name)?.[1];
  const fix = `Name it <base>.<lcid>.resx (e.g. "ocs_/conversationstate/strings.1033.resx") with LanguageCode set to the same LCID; solution/strings.ts derives both from the resx file name.`;
  if (!lcid)
    return [
      problem(
        "bad-web-resource-name",
        `String (RESX) web resource "${name}" does not name its language: the name must end in .<lcid>.resx.`,
        fix,
      ),
    ];
  if (languageCode === undefined || !Number.isInteger(languageCode))
    return [problem("bad-web-resource-name", `String (RESX) web resource "${name}" has no LanguageCode (its name says ${lcid}).`, fix)];
  if (languageCode !== Number(lcid))
    return [
      problem(
        "bad-web-resource-name",
        `String (RESX) web resource "${name}" has LanguageCode ${languageCode}, but its name says ${lcid}.`,
        fix,
      ),
    ];
  return [];
}

/** RFC 4122 URL namespace: with the name below it makes the id a pure function of the name. */
const URL_NAMESPACE = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

/** UUID version 5 (SHA-1, RFC 4122 §4.3), lower case. */
export function uuidV5(name: string, namespace: string = URL_NAMESPACE): string {
  const hash = createHash("sha1")
    .update(Buffer.from(namespace.replace(/-/g, ""), "hex"))
    .update(name, "utf8")
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A web resource's id. Dataverse matches web resources by id on import, so it must never change
 * for a name: it is derived from the name alone (not the version, not the publisher).
 */
export function webResourceId(name: string): string {
  return uuidV5(`urn:dataverse:webresource:${name}`);
}

/** libraryUniqueId of a dependency in a web resource's DependencyXml: stable for the pair of names. */
export function dependencyId(dependent: string, library: string): string {
  return uuidV5(`urn:dataverse:webresource-dependency:${dependent}:${library}`);
}

/** The file inside the zip, named as Dataverse exports name it: name without . and /, then the id in capitals. */
export function webResourceFileName(name: string, id: string): string {
  return `WebResources/${name.replace(/[./]/g, "")}${id.toUpperCase()}`;
}
