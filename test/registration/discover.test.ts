/** register-webhook --discover-platform-users: the application users among the conversations' creators and last modifiers. */
import { formatCandidates, platformCandidates, tallyUsers } from "../../plugins/registration/discover";
import { page, routes, serve, type Fixture } from "../admin/http";
import { run } from "./run";

const OMNICHANNEL = "4026be43-6b69-e111-8f65-78e7d1620f5e";
const ROUTING = "5026be43-6b69-e111-8f65-78e7d1620f5e";
const AGENT = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const OTHER_APP = "8c9e6679-7425-40de-944b-e07fc1f90ae7";

const conversations = [
  { _createdby_value: OMNICHANNEL, _modifiedby_value: OMNICHANNEL, modifiedon: "2025-03-01T09:00:00Z" },
  { _createdby_value: OMNICHANNEL, _modifiedby_value: AGENT, modifiedon: "2025-03-01T09:30:00Z" },
  { _createdby_value: OMNICHANNEL, _modifiedby_value: ROUTING.toUpperCase(), modifiedon: "2025-03-01T10:00:00Z" },
  { _createdby_value: OMNICHANNEL, _modifiedby_value: OMNICHANNEL, modifiedon: "2025-03-01T11:00:00Z" },
  { _createdby_value: null, _modifiedby_value: "not-a-guid", modifiedon: "2025-03-01T11:00:00Z" },
];
const applicationUsers = [
  {
    systemuserid: OMNICHANNEL,
    fullname: "Omnichannel Application",
    applicationid: "11111111-aaaa-4aaa-8aaa-000000000001",
    isdisabled: false,
  },
  { systemuserid: ROUTING, fullname: "Unified Routing", applicationid: "11111111-aaaa-4aaa-8aaa-000000000002", isdisabled: false },
  { systemuserid: OTHER_APP, fullname: "Some integration", applicationid: "11111111-aaaa-4aaa-8aaa-000000000003", isdisabled: true },
];

test("tallies creators and last modifiers, and keeps only application users, most active first", () => {
  const candidates = platformCandidates(tallyUsers(conversations), applicationUsers);
  expect(candidates).toEqual([
    {
      systemuserid: OMNICHANNEL,
      name: "Omnichannel Application",
      applicationid: "11111111-aaaa-4aaa-8aaa-000000000001",
      disabled: false,
      created: 4,
      modified: 2,
      lastSeen: "2025-03-01T11:00:00Z",
    },
    {
      systemuserid: ROUTING,
      name: "Unified Routing",
      applicationid: "11111111-aaaa-4aaa-8aaa-000000000002",
      disabled: false,
      created: 0,
      modified: 1,
      lastSeen: "2025-03-01T10:00:00Z",
    },
  ]);
  const text = formatCandidates(candidates, conversations.length, new Date("2025-02-28T12:00:00Z"));
  expect(text).toContain(`PLATFORM_USER_IDS=${OMNICHANNEL},${ROUTING}`);
  expect(formatCandidates([], 0, new Date("2025-02-28T12:00:00Z"))).toContain("widen --since");
});

let fixture: Fixture | undefined;
afterEach(() => fixture?.close());

test("sends two paged reads, needs no webhook key, and prints the candidates with the line to paste", async () => {
  fixture = await serve(
    routes({
      "GET msdyn_ocliveworkitems?": page(conversations),
      "GET systemusers?": page(applicationUsers),
    }),
  );
  const r = await run(
    ["--env", fixture.url, "--discover-platform-users", "--since", "7d"],
    {},
    { now: () => Date.parse("2025-03-02T12:00:00Z") },
  );
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(fixture.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
    "GET msdyn_ocliveworkitems?$select=_createdby_value,_modifiedby_value,modifiedon&$filter=modifiedon ge 2025-02-23T12:00:00Z",
    "GET systemusers?$select=systemuserid,fullname,applicationid,isdisabled&$filter=applicationid ne null",
  ]);
  expect(fixture.requests.every((q) => q.headers.prefer === "odata.maxpagesize=5000")).toBe(true);
  expect(r.stdout).toContain(
    "2 application users created or last changed conversations since 2025-02-23T12:00:00.000Z (5 conversations read).",
  );
  expect(r.stdout).toMatch(
    /^Omnichannel Application +4026be43-6b69-e111-8f65-78e7d1620f5e +11111111-aaaa-4aaa-8aaa-000000000001 +4 +2 +2025-03-01T11:00:00Z$/m,
  );
  expect(r.stdout).toContain(`PLATFORM_USER_IDS=${OMNICHANNEL},${ROUTING}`);
});

test.each([
  [
    ["--discover-platform-users", "--url", "https://hooks.example.net/api/validate-status-change"],
    /--discover-platform-users registers nothing/,
  ],
  [["--discover-platform-users", "--since", "a while"], /--since "a while" is not a duration like 30m, 12h or 7d/],
  [["--since", "7d"], /--since goes with --discover-platform-users/],
])("usage error %j exits 2", async (more, message) => {
  const r = await run(["--env", "https://contoso.crm.dynamics.com", ...more], { DATAVERSE_TOKEN: "t0ken" });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
});
