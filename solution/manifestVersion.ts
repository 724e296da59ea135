/**
 * The control's version: the `version` attribute of `<manifest><control>` in ControlManifest.Input.xml
 * (and in the ControlManifest.xml pcf-scripts builds from it). Read by parsing the XML, so comments,
 * attribute order and the other elements (properties, events, platform libraries with versions of
 * their own) can change freely. Model-driven apps load a control's new bundle only when this version
 * goes up (Power Apps docs, "Code components application lifecycle management", Versioning and
 * deploying updates).
 */
import { create } from "xmlbuilder2";

const decoder = new TextDecoder();

interface Element {
  nodeType: number;
  nodeName: string;
  childNodes: ArrayLike<Element>;
  getAttribute(name: string): string | null;
}

const child = (node: Element, name: string): Element | undefined =>
  Array.from(node.childNodes).find((c) => c.nodeType === 1 && c.nodeName === name);

/** `1.2.3` from `<manifest><control version="1.2.3">`; throws a message naming the file when it is missing. */
export function readControlVersion(xml: Uint8Array | string, label: string): string {
  let root: Element;
  try {
    root = create(typeof xml === "string" ? xml.replace(/^\uFEFF/, "") : decoder.decode(xml)).root().node as unknown as Element;
  } catch (error) {
    throw new Error(`${label} is not well-formed XML: ${(error as Error).message}`);
  }
  const control = root.nodeName === "manifest" ? child(root, "control") : undefined;
  const version = control?.getAttribute("version");
  if (!version) throw new Error(`${label} has no <manifest><control version="…">. Add the control's version (major.minor.patch).`);
  return version;
}

/** Blanks comments, CDATA and processing instructions (same length), so a search finds only real markup. */
const maskNonMarkup = (text: string): string =>
  text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>/g, (match) => " ".repeat(match.length));

/**
 * The same text with only the control's version attribute changed, so a release leaves every other
 * byte of the manifest (comments, layout) as the author wrote it. The value found by text must be
 * the one the XML parser reads, or nothing is changed.
 */
export function setControlVersion(text: string, next: string, label: string): string {
  const current = readControlVersion(text, label);
  const masked = maskNonMarkup(text);
  const tag = /<control\b[^>]*>/.exec(masked);
  const attribute = tag ? /\sversion\s*=\s*(["'])([^"']*)\1/.exec(tag[0]) : null;
  if (!tag || !attribute || attribute[2] !== current) {
    throw new Error(`Could not find the version attribute of <control> in ${label} as written; set version="${next}" there by hand.`);
  }
  const start = tag.index + attribute.index + attribute[0].indexOf(attribute[1]!) + 1;
  return `${text.slice(0, start)}${next}${text.slice(start + current.length)}`;
}
