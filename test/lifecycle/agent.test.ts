/** The compiled agent table answers exactly as the model, and is regenerated when the model changes. */
import { readFileSync } from "node:fs";
import { ALL_CHANNEL_KINDS, evaluate, reachableStatuses } from "../../plugins/lifecycle";
import { agentMoves, agentVerdict } from "../../plugins/lifecycle/agent";
import { AGENT_TABLE, renderAgentTable } from "../../scripts/compile-agent";

test("agent.generated.ts is compiled from the model (run `npm run compile:lifecycle` if this fails)", () => {
  expect(readFileSync(AGENT_TABLE, "utf8")).toBe(renderAgentTable());
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
