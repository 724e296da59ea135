/** Table definitions: option metadata with labels in every language and the caller's, and IsAuditEnabled. */
import { STATUSES, STATES, STATUS_CHANGE_REASONS } from "../../plugins/lifecycle";
import { loadStrings } from "../../plugins/strings/resx";
import { SEED, start, type Running } from "./harness";

let dv: Running;
beforeAll(async () => {
  dv = await start();
});
afterAll(() => dv.close());

const ENTITY = "EntityDefinitions(LogicalName='msdyn_ocliveworkitem')";
type Label = { Label: string; LanguageCode: number };
type Option = { Value: number; State?: number; DefaultStatus?: number; Label: { LocalizedLabels: Label[]; UserLocalizedLabel: Label } };

const options = async (path: string, headers: Record<string, string> = {}) => {
  const answer = await dv.send("GET", `${ENTITY}/${path}`, { headers });
  expect(answer.status).toBe(200);
  return (answer.json.OptionSet as { Options: Option[] }).Options;
};

test("statuscode: StatusAttributeMetadata with OptionSet, values from the model, labels from the resx files in 1033, 1025 and 1036", async () => {
  const answer = await dv.send(
    "GET",
    `${ENTITY}/Attributes(LogicalName='statuscode')/Microsoft.Dynamics.CRM.StatusAttributeMetadata?$select=LogicalName&$expand=OptionSet`,
  );
  expect(answer.json["@odata.context"]).toBe(
    `${dv.api}/$metadata#EntityDefinitions('msdyn_ocliveworkitem')/Attributes/Microsoft.Dynamics.CRM.StatusAttributeMetadata/$entity`,
  );
  expect(answer.json).toMatchObject({
    "@odata.type": "#Microsoft.Dynamics.CRM.StatusAttributeMetadata",
    LogicalName: "statuscode",
    MetadataId: expect.any(String),
  });
  const optionSet = answer.json.OptionSet as { OptionSetType: string; Name: string; Options: Option[] };
  expect(optionSet).toMatchObject({ OptionSetType: "Status", Name: "msdyn_ocliveworkitem_statuscode" });
  expect(optionSet.Options.map((o) => [o.Value, o.State])).toEqual(STATUSES.map((s) => [s.value, s.state]));
  for (const lcid of [1033, 1025, 1036]) {
    const strings = loadStrings(lcid);
    expect(optionSet.Options.map((o) => o.Label.LocalizedLabels.find((l) => l.LanguageCode === lcid)?.Label)).toEqual(
      STATUSES.map((s) => strings[`status.${s.name}`]),
    );
  }
  expect(optionSet.Options[0].Label.UserLocalizedLabel).toMatchObject({ Label: "Open", LanguageCode: 1033 });
});

test("UserLocalizedLabel follows the caller's usersettings.uilanguageid (PATCHed through the Web API)", async () => {
  const agent = { MSCRMCallerID: SEED.users.agent };
  const patch = await dv.send("PATCH", `usersettingscollection(${SEED.users.agent})`, { body: { uilanguageid: 1036 }, headers: agent });
  expect(patch.status).toBe(204);
  const french = await options(
    "Attributes(LogicalName='msdyn_statuschangereason')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$expand=OptionSet",
    agent,
  );
  const strings = loadStrings(1036);
  expect(french.map((o) => o.Value)).toEqual(STATUS_CHANGE_REASONS.map((r) => r.value));
  expect(french.map((o) => o.Label.UserLocalizedLabel)).toEqual(
    STATUS_CHANGE_REASONS.map((r) => expect.objectContaining({ Label: strings[`statusChangeReason.${r.name}`], LanguageCode: 1036 })),
  );
  await dv.send("PATCH", `usersettingscollection(${SEED.users.agent})`, { body: { uilanguageid: 1025 }, headers: agent });
  const arabic = await options(
    "Attributes(LogicalName='statecode')/Microsoft.Dynamics.CRM.StateAttributeMetadata?$expand=OptionSet",
    agent,
  );
  expect(arabic.map((o) => [o.Value, o.DefaultStatus])).toEqual(STATES.map((s) => [s.value, s.defaultStatus]));
  expect(arabic[0].Label.UserLocalizedLabel).toMatchObject({ Label: loadStrings(1025)["state.open"], LanguageCode: 1025 });
  // The admin's language did not change.
  expect(
    (await options("Attributes(LogicalName='statecode')/Microsoft.Dynamics.CRM.StateAttributeMetadata?$expand=OptionSet"))[0].Label
      .UserLocalizedLabel.LanguageCode,
  ).toBe(1033);
  // Formatted values follow the caller's language too.
  const post = await dv.send("POST", "msdyn_ocliveworkitems?$select=statuscode", {
    body: { subject: "x" },
    headers: { ...agent, Prefer: 'return=representation,odata.include-annotations="*"' },
  });
  expect(post.json["statuscode@OData.Community.Display.V1.FormattedValue"]).toBe(loadStrings(1025)["status.open"]);
  const refused = await dv.send("PATCH", `usersettingscollection(${SEED.users.agent})`, { body: { uilanguageid: 1031 }, headers: agent });
  expect(refused.json.error?.message).toContain("uilanguageid 1031 is not an enabled language; enabled: 1025, 1033, 1036");
  const someoneElse = await dv.send("PATCH", `usersettingscollection(${SEED.users.admin})`, {
    body: { uilanguageid: 1036 },
    headers: agent,
  });
  expect(someoneElse.status).toBe(403);
});

test("the table and its columns: IsAuditEnabled as 'Configure auditing' reads it, and the documented queries over it", async () => {
  const entity = await dv.send("GET", `${ENTITY}?$select=LogicalName,EntitySetName,PrimaryIdAttribute,IsAuditEnabled`);
  expect(entity.json).toEqual({
    "@odata.context": `${dv.api}/$metadata#EntityDefinitions(LogicalName,EntitySetName,PrimaryIdAttribute,IsAuditEnabled)/$entity`,
    LogicalName: "msdyn_ocliveworkitem",
    EntitySetName: "msdyn_ocliveworkitems",
    PrimaryIdAttribute: "activityid",
    IsAuditEnabled: { Value: true, CanBeChanged: true, ManagedPropertyLogicalName: "canmodifyauditsettings" },
    MetadataId: expect.any(String),
  });
  const audited = await dv.send(
    "GET",
    `${ENTITY}/Attributes?$select=LogicalName&$filter=${encodeURIComponent("IsAuditEnabled/Value eq true")}`,
  );
  const names = (audited.json.value ?? []).map((a) => a.LogicalName);
  expect(names).toEqual(expect.arrayContaining(["statuscode", "statecode", "msdyn_statuschangereason", "msdyn_activeagentid"]));
  expect(names).not.toContain("createdon");
  const tables = await dv.send(
    "GET",
    `EntityDefinitions?$select=LogicalName&$filter=${encodeURIComponent("IsAuditEnabled/Value eq true and IsPrivate eq false")}`,
  );
  expect((tables.json.value ?? []).map((t) => t.LogicalName)).toEqual(["msdyn_ocliveworkitem"]);
  const picklists = await dv.send("GET", `${ENTITY}/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName`);
  expect((picklists.json.value ?? []).map((a) => a.LogicalName)).toEqual([
    "msdyn_statuschangereason",
    "msdyn_workstreamworkdistributionmode",
  ]);
  const byType = await dv.send(
    "GET",
    `${ENTITY}/Attributes?$select=LogicalName&$filter=${encodeURIComponent("AttributeType eq Microsoft.Dynamics.CRM.AttributeTypeCode'Lookup'")}`,
  );
  expect((byType.json.value ?? []).map((a) => a.LogicalName)).toEqual([
    "msdyn_liveworkstreamid",
    "msdyn_cdsqueueid",
    "msdyn_activeagentid",
    "createdby",
    "modifiedby",
    "createdonbehalfby",
    "modifiedonbehalfby",
  ]);
  const channel = await dv.send(
    "GET",
    `${ENTITY}/Attributes(LogicalName='msdyn_channel')/Microsoft.Dynamics.CRM.MultiSelectPicklistAttributeMetadata?$select=LogicalName&$expand=GlobalOptionSet($select=Name)`,
  );
  expect(channel.json.GlobalOptionSet).toEqual({ Name: "msdyn_streamsource", MetadataId: expect.any(String) });
});

test("$expand=Attributes on the table, a global option set by name, and WhoAmI", async () => {
  const entity = await dv.send("GET", `${ENTITY}?$select=LogicalName&$expand=Attributes($select=LogicalName,ColumnNumber)`);
  const attributes = entity.json.Attributes as { LogicalName: string; ColumnNumber: number }[];
  expect(attributes[0]).toEqual({
    "@odata.type": "#Microsoft.Dynamics.CRM.UniqueidentifierAttributeMetadata",
    LogicalName: "activityid",
    ColumnNumber: 1,
    MetadataId: expect.any(String),
  });
  expect(attributes.map((a) => a.LogicalName)).toContain("msdyn_statusupdatedon");
  const global = await dv.send("GET", "GlobalOptionSetDefinitions(Name='msdyn_streamsource')?$select=Name,Options");
  expect((global.json.Options as { Value: number }[]).map((o) => o.Value)).toContain(192360000);
  const who = await dv.send("GET", "WhoAmI()");
  expect(who.json).toEqual({
    "@odata.context": `${dv.api}/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
    BusinessUnitId: SEED.businessUnitId,
    UserId: SEED.users.admin,
    OrganizationId: SEED.organizationId,
  });
});

test("metadata paths the docs do not allow are refused: a wrong cast, OptionSet without a cast, an unknown table", async () => {
  const wrongCast = await dv.send("GET", `${ENTITY}/Attributes(LogicalName='statuscode')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata`);
  expect(wrongCast.status).toBe(404);
  expect(wrongCast.json.error?.code).toBe("0x80060888");
  const noCast = await dv.send("GET", `${ENTITY}/Attributes(LogicalName='statuscode')?$expand=OptionSet`);
  expect(noCast.status).toBe(400);
  expect(noCast.json.error?.message).toContain("$expand=OptionSet");
  expect((await dv.send("GET", "EntityDefinitions(LogicalName='account')")).status).toBe(404);
  expect((await dv.send("GET", `${ENTITY}?$select=Colour`)).json.error?.message).toBe(
    "Could not find a property named 'Colour' on type 'Microsoft.Dynamics.CRM.EntityMetadata'.",
  );
  expect((await dv.send("PATCH", ENTITY, { body: {} })).status).toBe(405);
});
