/** The compiled agent table answers exactly as the model, and is regenerated when the model changes. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALL_CHANNEL_KINDS, evaluate, reachableStatuses } from "../../plugins/lifecycle";
import { agentMoves, agentVerdict } from "../../plugins/lifecycle/agent";
import { projectRoot } from "../../plugins/strings/resx";

const ROOT = projectRoot();
const AGENT_TABLE_FILE = join(ROOT, "plugins/lifecycle/agentTable.generated.ts");
// The compiled generator (npm run build compiles it): prettier, which formats the table, cannot load inside jest.
const check = (file: string) =>
  spawnSync(process.execPath, [join(ROOT, "dist/scripts/compile-lifecycle.js"), "--check", "--file", file], { encoding: "utf8" });

test("agentTable.generated.ts is compiled from the model (`npm run build` writes it)", () => {
  const result = check(AGENT_TABLE_FILE);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
});

test("a stale table is caught, with the command that fixes it", () => {
  const stale = join(mkdtempSync(join(tmpdir(), "agent-table-")), "agentTable.generated.ts");
  writeFileSync(stale, readFileSync(AGENT_TABLE_FILE, "utf8").replace('"agent-picks"', '"agent-releases"'));
  const result = check(stale);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("npm run build");
});

test("the table is plain named data: no encoded strings, no positional tuples", () => {
  const text = readFileSync(AGENT_TABLE_FILE, "utf8");
  expect(text).not.toMatch(/\[\s*\d+\s*,\s*\{/); // [index, {...}] tuples
  expect(text).not.toMatch(/"[0-9a-z]{20,}"/); // packed cells
  expect(text).toContain(`params: { channels: ["persistent-chat", "messaging"], rule: "waiting-async-only" }`);
});

describe.each(ALL_CHANNEL_KINDS)("%s", (kind) => {
  test("every verdict, known statuses and not, equals the model's for the agent", () => {
    for (const from of [-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 1.5, 192350000]) {
      for (const to of [-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 2.5]) {
        const { transitions, ...expected } = evaluate(from, to, kind, "agent");
        expect(transitions).toBeDefined();
        expect({ from, to, verdict: agentVerdict(from, to, kind) }).toEqual({ from, to, verdict: expected });
      }
    }
  });

  test("moves are the model's reachable statuses, in table order", () => {
    for (const from of [0, 1, 2, 3, 4, 5, 6, 7, 9]) expect(agentMoves(from, kind)).toEqual(reachableStatuses(from, kind, "agent"));
  });
});

test("an unknown channel kind is a programming error, said clearly", () => {
  expect(() => agentVerdict(1, 2, "fax" as never)).toThrow(/Unknown channel kind "fax"/);
  expect(() => agentMoves(1, "fax" as never)).toThrow(/Unknown channel kind "fax"/);
});
