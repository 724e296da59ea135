/** The client's pure parts: path checks and encoding, GUIDs, redaction. */
import { isGuid, parseGuidInput } from "../../plugins/webapi/guid";
import { checkFilter, encodePath, odataDate, sameApiPath, splitPath } from "../../plugins/webapi/paths";
import { REDACTED, Redactor, formsOf } from "../../plugins/webapi/redact";

const ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

test("every filter the commands send passes the check", () => {
  for (const filter of [
    "name eq 'Update'",
    `_sdkmessageid_value eq ${ID} and primaryobjecttypecode eq 'msdyn_ocliveworkitem'`,
    `_objectid_value eq ${ID} and objecttypecode eq 'msdyn_ocliveworkitem'`,
    `statecode eq 0 and statuscode eq 5 and _msdyn_cdsqueueid_value eq ${ID}`,
    "applicationid ne null",
    "modifiedon ge 2025-03-01T09:00:00Z",
    "name eq 'O''Brien & Sons (tier 1) eq x'",
    "IsAuditEnabled/Value eq true",
  ])
    expect(() => checkFilter(filter, "GET x")).not.toThrow();
});

test.each([
  ["_sdkmessageid_value eq ../systemusers", /the value "..\/systemusers" in the \$filter is not a GUID or another literal/],
  [`_objectid_value eq ${ID}) or (1 eq 1`, /unbalanced parentheses/],
  [`_objectid_value eq ${ID} or 1 eq 1`, /the \$filter clause "1 eq 1" is not/],
  ["name eq 'unterminated", /unterminated string literal/],
  ["(name eq 'x'", /unbalanced parentheses/],
  ["name eq 'x' or statecode", /is not "<column> <operator> <value>"/],
  [`_objectid_value eq ${ID.replace("0f", "zz")}`, /is not a GUID or another literal/],
])("a filter that is not plain comparisons of literals is refused: %s", (filter, message) => {
  expect(() => checkFilter(filter, "GET x")).toThrow(message);
});

test("query options split on & outside quotes only, and each value is encoded", () => {
  expect(splitPath("queues?$select=queueid,name&$filter=name eq 'A&B'")).toEqual({
    resource: "queues",
    options: [
      ["$select", "queueid,name"],
      ["$filter", "name eq 'A&B'"],
    ],
  });
  expect(encodePath("queues?$select=queueid,name&$filter=name eq 'A&B #1'", "GET queues")).toBe(
    "queues?$select=queueid%2Cname&$filter=name%20eq%20'A%26B%20%231'",
  );
  expect(encodePath(`audits(${ID})/Microsoft.Dynamics.CRM.RetrieveAuditDetails`, "GET audits")).toBe(
    `audits(${ID})/Microsoft.Dynamics.CRM.RetrieveAuditDetails`,
  );
  expect(() => encodePath("audits?$expand=userid", "GET audits")).toThrow('the query option "$expand" is not one this client sends');
  expect(() => encodePath("audits?$select=a;b", "GET audits")).toThrow("is not a list of column names");
});

test("a next link must stay in this environment's Web API, without dot segments", () => {
  const env = "https://contoso.crm.dynamics.com";
  expect(sameApiPath(env, `${env}/api/data/v9.2/audits?$skiptoken=%3Ccookie%3E`, "GET audits")).toBe("audits?$skiptoken=%3Ccookie%3E");
  expect(() => sameApiPath(env, "https://evil.example.net/api/data/v9.2/audits", "GET audits")).toThrow("it was not followed");
  expect(() => sameApiPath(env, `${env}/api/data/v9.2/audits/../systemusers`, "GET audits")).toThrow("it was not followed");
  expect(() => sameApiPath(env, `${env}/api/data/v9.2/%2e%2e/x`, "GET audits")).toThrow("it was not followed");
  expect(() => sameApiPath(env, 42, "GET audits")).toThrow("is not a URL");
});

test("GUIDs: strict from answers, forgiving (braces, case, spaces) from people", () => {
  expect(isGuid(ID)).toBe(true);
  expect(isGuid(`{${ID}}`)).toBe(false);
  expect(isGuid(`${ID})/..`)).toBe(false);
  expect(parseGuidInput(` {${ID.toUpperCase()}} `)).toBe(ID);
  expect(parseGuidInput("12345")).toBeUndefined();
  expect(odataDate(new Date("2025-03-01T09:00:00.123Z"))).toBe("2025-03-01T09:00:00Z");
});

test("a secret is known in every form it is configured, sent and echoed in", () => {
  const forms = formsOf(" Bearer abc/def+ghi\n");
  for (const form of ["abc/def+ghi", "Bearer abc/def+ghi", "abc%2Fdef%2Bghi", " Bearer abc/def+ghi\n", " Bearer abc/def+ghi\\n"])
    expect(forms).toContain(form);
  const redactor = new Redactor([" Bearer abc/def+ghi\n", undefined, "no"]);
  expect(redactor.redact("sent Bearer abc/def+ghi, echoed abc%2Fdef%2Bghi; short no stays")).toBe(
    `sent ${REDACTED}, echoed ${REDACTED}; short no stays`,
  );
  expect(redactor.clip("x".repeat(10) + "Bearer abc/d", 100)).toBe("x".repeat(10) + REDACTED);
  // Redacted first, then cut: the cut can never split the secret.
  expect(redactor.clip("tail abc/def+ghi and more", 12)).toBe(`tail ${REDACTED} and`);
});
