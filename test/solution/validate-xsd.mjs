// Validates XML files against CustomizationsSolution.xsd with libxml2-wasm (an ES module, so the
// jest tests run this file as a child process). Usage: node validate-xsd.mjs <file.xml>...
// Prints one JSON line: [{ file, valid, errors: [{ line, message }] }].
// The schemas are test/fixtures/solution/schemas (verbatim copies); three adjustments are made to
// a temporary copy, both explained in that folder's README.md.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath, URL } from "node:url";
import { XmlDocument, XsdValidator, XmlValidateError } from "libxml2-wasm";
import { xmlRegisterFsInputProviders } from "libxml2-wasm/lib/nodejs.mjs";

const SCHEMAS = fileURLToPath(new URL("../fixtures/solution/schemas/", import.meta.url));

/** 1. EntityDataProviders (written by pac and Dataverse) is missing from the XSD: accept it, empty or not, before Languages. */
function addEntityDataProviders(xsd) {
  const anchor = '<xs:element name="Languages" type="LanguagesType" minOccurs="0" maxOccurs="1" />';
  if (!xsd.includes(anchor)) throw new Error("CustomizationsSolution.xsd changed: Languages element not found");
  const extra =
    '<xs:element name="EntityDataProviders" minOccurs="0" maxOccurs="1"><xs:complexType><xs:sequence><xs:any minOccurs="0" maxOccurs="unbounded" processContents="skip" /></xs:sequence></xs:complexType></xs:element>';
  return xsd.replace(anchor, `${extra}\n        ${anchor}`);
}

/** 2. Form control <parameters> has an ambiguous content model that libxml2 >= 2.10 refuses to compile; we write no forms, so accept any content there. */
function relaxFormParameters(xsd) {
  const lines = xsd.split("\n");
  const start = lines.findIndex((l) => l.startsWith('   <xs:element name="parameters"'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith("   </xs:element>"));
  if (start < 0 || end < 0) throw new Error("FormXml.xsd changed: form control <parameters> not found");
  const relaxed =
    '   <xs:element name="parameters" minOccurs="0" maxOccurs="1"><xs:complexType><xs:sequence><xs:any minOccurs="0" maxOccurs="unbounded" processContents="skip" /></xs:sequence></xs:complexType></xs:element>';
  return [...lines.slice(0, start), relaxed, ...lines.slice(end + 1)].join("\n");
}

/** 3. .NET reads "^" and "$" in a pattern as anchors; XSD reads them as literal characters, so no version could match. XSD patterns are anchored anyway: drop them. */
const dropAnchors = (xsd) => xsd.replace(/<xs:pattern value="\^([^"]*)\$" \/>/g, '<xs:pattern value="$1" />');

const dir = mkdtempSync(join(tmpdir(), "xsd-"));
try {
  for (const name of readdirSync(SCHEMAS).filter((n) => n.endsWith(".xsd"))) {
    let text = readFileSync(join(SCHEMAS, name), "utf8");
    if (name === "CustomizationsSolution.xsd") text = addEntityDataProviders(text);
    if (name === "FormXml.xsd") text = relaxFormParameters(text);
    writeFileSync(join(dir, name), dropAnchors(text));
  }
  xmlRegisterFsInputProviders();
  const main = join(dir, "CustomizationsSolution.xsd");
  const schema = XmlDocument.fromBuffer(readFileSync(main), { url: main });
  const validator = XsdValidator.fromDoc(schema);
  const results = process.argv.slice(2).map((file) => {
    const doc = XmlDocument.fromBuffer(readFileSync(file));
    try {
      validator.validate(doc);
      return { file, valid: true, errors: [] };
    } catch (error) {
      if (!(error instanceof XmlValidateError)) throw error;
      return { file, valid: false, errors: error.details.map((d) => ({ line: d.line, message: d.message.trim() })) };
    } finally {
      doc.dispose();
    }
  });
  validator.dispose();
  schema.dispose();
  process.stdout.write(`${JSON.stringify(results)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
