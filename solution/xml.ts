/**
 * One way to write and read the solution's XML: xmlbuilder2, a UTF-8 byte-order mark (pac writes
 * one), pretty-printed, and no character that XML 1.0 forbids in any value we write. Parsing what we
 * serialised and serialising it again gives the same bytes, which is what lets a zip go to the
 * SolutionPackager layout and back unchanged (test/solution/layout.test.ts).
 */
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";

export const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const BOM = "\uFEFF";
const encoder = new TextEncoder();
const decoder = new TextDecoder(); // drops a leading byte-order mark

export const newDocument = () => create({ version: "1.0", encoding: "utf-8" });

/**
 * XML 1.0 `Char`: tab, newline, carriage return, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF.
 * Anything else (control characters, lone surrogates, U+FFFE/U+FFFF) makes the document unreadable
 * to Dataverse, so we refuse it rather than write it (https://www.w3.org/TR/xml/#charsets).
 */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export class XmlCharacterError extends Error {
  constructor(
    readonly where: string,
    readonly codePoint: number,
  ) {
    const hex = codePoint.toString(16).toUpperCase().padStart(4, "0");
    super(
      `${where} contains U+${hex}, a character XML 1.0 forbids, so Dataverse could not read the file. Remove it from the value (for names and descriptions, in solution/config.ts; for files, in the file itself) and run the command again.`,
    );
    this.name = "XmlCharacterError";
  }
}

/** Throws XmlCharacterError naming `where` when `value` holds a character XML 1.0 forbids. */
export function checkXmlText(value: string, where: string): void {
  const found = FORBIDDEN.exec(value);
  if (found) throw new XmlCharacterError(where, found[0].codePointAt(0)!);
}

interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
  attributes?: ArrayLike<{ name: string; value: string }>;
}

/** Every attribute value and text of the document, each checked with its path (`ImportExportXml/…/@name`). */
function checkTree(node: DomNode, path: string, label: string): void {
  for (const attribute of Array.from(node.attributes ?? [])) checkXmlText(attribute.value, `${label}: ${path}/@${attribute.name}`);
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 1) checkTree(child, `${path}/${child.nodeName}`, label);
    else if (child.nodeValue !== null) checkXmlText(child.nodeValue, `${label}: ${path}`);
  }
}

/** The document as bytes: BOM, declaration, pretty-printed (or on one line), ending in a newline when pretty. */
export function serialise(doc: XMLBuilder, label: string, pretty = true): Uint8Array {
  const root = doc.root().node as unknown as DomNode;
  checkTree(root, root.nodeName, label);
  return encoder.encode(`${BOM}${doc.end({ prettyPrint: pretty })}${pretty ? "\n" : ""}`);
}

/** Refuses a file we are about to pack whose text or attributes hold a character XML 1.0 forbids. */
export function checkXmlDocument(bytes: Uint8Array, label: string): void {
  const root = parseXml(bytes, label).root().node as unknown as DomNode;
  checkTree(root, root.nodeName, label);
}

/** Parses a file we read (zip entry or folder file); the error names the file. */
export function parseXml(bytes: Uint8Array, label: string): XMLBuilder {
  try {
    return create(decoder.decode(bytes));
  } catch (error) {
    throw new Error(
      `${label} is not well-formed XML (${(error as Error).message}). Restore it from a build (\`npm run build\`) or from git.`,
    );
  }
}

/** The element children of a DOM node, in document order. */
export const elementChildren = (node: unknown): DomNode[] =>
  Array.from((node as DomNode).childNodes).filter((child) => child.nodeType === 1);

/** The text of an element child named `name`, or "" when there is none. */
export function childText(node: unknown, name: string): string {
  const child = elementChildren(node).find((c) => c.nodeName === name) as unknown as { textContent?: string } | undefined;
  return child?.textContent ?? "";
}
