/**
 * The "Try it with curl" session in docs/workbench.md, replayed against a fresh local Dataverse: each
 * `$ curl …` line is sent as written (plain fetch) and its answer must be the one the docs show, so
 * the docs cannot go stale. Regenerate the block after a deliberate change with
 *   UPDATE_DOCS=1 npx jest test/workbench/curl.test.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fencedBlock } from "../support/markdown";
import { start, type Running } from "./harness";

const DOC = join(__dirname, "../../docs/workbench.md");
const ORIGIN = "http://127.0.0.1:8080";
const SHOWN_HEADERS = ["OData-EntityId", "ETag", "Preference-Applied", "Allow", "Retry-After"];
const STATUS: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  400: "Bad Request",
  404: "Not Found",
  412: "Precondition Failed",
  429: "Too Many Requests",
};

/** The commands the docs show, in order. */
const SESSION = [
  `curl -s -i -X POST '${ORIGIN}/api/data/v9.2/msdyn_ocliveworkitems?$select=subject,statuscode,msdyn_channel,_msdyn_liveworkstreamid_value' -H 'Content-Type: application/json' -H 'Prefer: return=representation,odata.include-annotations="*"' -d '{"activityid":"0e76dc8a-41b5-ec11-983f-0022482bf046","subject":"Order 4711","msdyn_channel":"192360000","msdyn_liveworkstreamid_msdyn_ocliveworkitem@odata.bind":"/msdyn_liveworkstreams(5eed0000-0000-4000-8000-000000000301)"}'`,
  `curl -s -i -X PATCH '${ORIGIN}/api/data/v9.2/msdyn_ocliveworkitems(0e76dc8a-41b5-ec11-983f-0022482bf046)' -H 'Content-Type: application/json' -H 'If-Match: *' -H 'MSCRMCallerID: 5eed0000-0000-4000-8000-000000000102' -d '{"statuscode":2,"msdyn_statuschangereason":192350003}'`,
  `curl -s -i '${ORIGIN}/api/data/v9.2/msdyn_ocliveworkitems(0e76dc8a-41b5-ec11-983f-0022482bf046)?$select=statuscode,statecode,msdyn_statusupdatedon,_modifiedby_value' -H 'Prefer: odata.include-annotations="OData.Community.Display.V1.FormattedValue"'`,
  `curl -s -i -X PATCH '${ORIGIN}/api/data/v9.2/msdyn_ocliveworkitems(0e76dc8a-41b5-ec11-983f-0022482bf046)' -H 'Content-Type: application/json' -H 'If-Match: W/"1022"' -d '{"statuscode":5}'`,
  `curl -s -i -X PATCH '${ORIGIN}/api/data/v9.2/msdyn_ocliveworkitems(0e76dc8a-41b5-ec11-983f-0022482bf046)' -H 'Content-Type: application/json' -d '{"statuscode":3,"statecode":1}'`,
  `curl -s -i -X PATCH '${ORIGIN}/api/data/v9.2/msdyn_ocliveworkitems(0e76dc8a-41b5-ec11-983f-0022482bf046)' -H 'Content-Type: application/json' -d '{"statuscode":2,"msdyn_colour":"blue"}'`,
  `curl -s -i -G '${ORIGIN}/api/data/v9.2/audits' --data-urlencode '$filter=_objectid_value eq 0e76dc8a-41b5-ec11-983f-0022482bf046' --data-urlencode '$select=createdon,operation,_userid_value' --data-urlencode '$orderby=createdon asc'`,
];

/** The few curl options the docs use: -s -i -G -X -H -d --data-urlencode, single-quoted arguments. */
function parseCurl(line: string): { method: string; url: string; headers: Record<string, string>; body?: string } {
  const args = [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]).slice(1);
  let method: string | undefined;
  let url = "";
  let body: string | undefined;
  let get = false;
  const query: string[] = [];
  const headers: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "-s" || arg === "-i") continue;
    else if (arg === "-G") get = true;
    else if (arg === "-X") method = args[++i];
    else if (arg === "-H") {
      const [name, ...value] = args[++i].split(":");
      headers[name.trim()] = value.join(":").trim();
    } else if (arg === "-d") body = args[++i];
    else if (arg === "--data-urlencode") {
      const [name, ...value] = args[++i].split("=");
      query.push(`${name}=${encodeURIComponent(value.join("="))}`);
    } else url = arg;
  }
  if (get && query.length > 0) url += `?${query.join("&")}`;
  return { method: method ?? (body && !get ? "POST" : "GET"), url, headers, body };
}

/** Random ids (audit ids) vary from run to run; the docs show them as <generated>. */
const stable = (text: string) =>
  text.replace(/"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"/g, (id) =>
    id.startsWith('"5eed') ? id : '"<generated>"',
  );

async function replay(dv: Running): Promise<string> {
  const out: string[] = [];
  for (const line of SESSION) {
    const { method, url, headers, body } = parseCurl(line);
    const response = await fetch(url.replace(ORIGIN, dv.origin), { method, headers, body });
    const text = await response.text();
    out.push(`$ ${line}`, `HTTP/1.1 ${response.status} ${STATUS[response.status] ?? ""}`.trim());
    for (const name of SHOWN_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) out.push(`${name}: ${value.replace(dv.origin, ORIGIN)}`);
    }
    if (text) out.push("", stable(JSON.stringify(JSON.parse(text.replaceAll(dv.origin, ORIGIN)), null, 2)));
    out.push("");
  }
  return out.join("\n");
}

test("the docs' curl session answers exactly as shown: Dataverse's status codes and error shapes", async () => {
  const dv = await start();
  try {
    const session = await replay(dv);
    const doc = readFileSync(DOC, "utf8");
    if (process.env.UPDATE_DOCS === "1") {
      const updated = doc.replace(
        /(<!-- dataverse-curl:begin -->\s*```\w*\n)[\s\S]*?(```\s*<!-- dataverse-curl:end -->)/,
        (_all, head: string, tail: string) => `${head}${session}${tail}`,
      );
      writeFileSync(DOC, updated);
    }
    expect(fencedBlock(readFileSync(DOC, "utf8"), "dataverse-curl")).toBe(session);
    // What the session shows, in words: create 201, update 204, read 200, stale etag 412, wrong pair and unknown column 400.
    expect([...session.matchAll(/^HTTP\/1\.1 (\d+)/gm)].map((m) => Number(m[1]))).toEqual([201, 204, 200, 412, 400, 400, 200]);
  } finally {
    await dv.close();
  }
});
