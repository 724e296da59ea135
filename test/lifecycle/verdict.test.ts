import {
  ALL_CHANNEL_KINDS,
  ACTORS,
  PROVENANCE,
  REASONS,
  Status,
  TRANSITIONS,
  provenanceOf,
  availableTransitions,
  evaluate,
  decide,
  reachableStatuses,
  type ChannelKind,
} from "../../plugins/lifecycle";
import { EVERYTHING, SEED, PLATFORM_TIMEOUTS, expectedReason, type Kind } from "./seed.fixture";

const VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8];

describe("the 7×7 matrix for every channel kind and actor matches the seed", () => {
  for (const kind of ALL_CHANNEL_KINDS) {
    for (const actor of [undefined, ...ACTORS]) {
      test(`${kind}, actor ${actor ?? "any"}`, () => {
        for (const from of VALUES) {
          for (const to of VALUES) {
            const verdict = evaluate(from, to, kind, actor);
            const expected = expectedReason(from, to, kind as Kind | "unknown", actor);
            expect({ from, to, reason: verdict.reason }).toEqual({ from, to, reason: expected });
            expect(verdict.allowed).toBe(REASONS[verdict.reason].allowed);
            expect(verdict.messageKey).toBe(REASONS[verdict.reason].messageKey);
          }
        }
      });
    }
  }
});

describe("each seed scenario by name", () => {
  for (const scenario of [...SEED, ...PLATFORM_TIMEOUTS]) {
    test(scenario.name, () => {
      for (const kind of scenario.kinds) {
        const verdict = evaluate(scenario.from, scenario.to, kind, scenario.actor);
        expect(verdict.allowed).toBe(true);
        expect(verdict.transitions.map((t) => t.trigger)).toContain(scenario.trigger);
      }
      const row = TRANSITIONS.find((t) => t.from === scenario.from && t.to === scenario.to && t.trigger === scenario.trigger);
      expect(row?.actor).toBe(scenario.actor);
      expect([...(row?.channels ?? [])].sort()).toEqual([...scenario.kinds].sort());
    });
  }

  test("the model has no transition the seed and PLATFORM.md do not name", () => {
    for (const t of TRANSITIONS) {
      expect(EVERYTHING.some((s) => s.from === t.from && s.to === t.to && s.trigger === t.trigger)).toBe(true);
    }
    expect(TRANSITIONS).toHaveLength(EVERYTHING.length);
  });

  test("every transition says where it comes from, and nothing else does", () => {
    expect(Object.keys(PROVENANCE).sort()).toEqual(TRANSITIONS.map((t) => t.id).sort());
    for (const t of TRANSITIONS) {
      const { source, scenario } = provenanceOf(t);
      expect(scenario.length).toBeGreaterThan(20);
      expect(source.doc === "platform").toBe(PLATFORM_TIMEOUTS.some((p) => p.trigger === t.trigger && p.from === t.from && p.to === t.to));
    }
  });
});

describe("the seed's notes, literally", () => {
  test("Waiting exists only for asynchronous and persistent chats", () => {
    for (const t of TRANSITIONS.filter((t) => t.from === Status.Waiting || t.to === Status.Waiting)) {
      expect([...t.channels].every((k) => k === "persistent-chat" || k === "messaging")).toBe(true);
    }
    const verdict = evaluate(Status.Active, Status.Waiting, "live-chat");
    expect(verdict.reason).toBe("not-for-channel");
    expect(verdict.params.rule).toBe("waiting-async-only");
  });

  test("Closed is terminal: nothing leaves it, for anyone", () => {
    expect(TRANSITIONS.some((t) => t.from === Status.Closed)).toBe(false);
    for (const kind of ALL_CHANNEL_KINDS)
      for (const to of [1, 2, 3, 5]) expect(evaluate(Status.Closed, to, kind, "system").reason).toBe("terminal");
  });

  test("a live-chat disconnect moves Active to Wrap-up", () => {
    const verdict = evaluate(Status.Active, Status.WrapUp, "live-chat", "customer");
    expect(verdict.allowed).toBe(true);
    expect(verdict.transitions.map((t) => t.trigger)).toContain("customer-disconnected");
    expect(evaluate(Status.Active, Status.WrapUp, "messaging", "customer").reason).toBe("not-for-actor");
  });

  test("internal statuses are refused with the seed's rule", () => {
    const verdict = evaluate(Status.Active, Status.Resolved, "messaging", "agent");
    expect(verdict).toMatchObject({ allowed: false, reason: "internal-status", params: { status: 6, rule: "internal-only" } });
  });
});

describe("questions", () => {
  test("available transitions come in table order, filtered by channel and actor", () => {
    const ids = availableTransitions(Status.Active, "messaging", "agent").map((t) => t.id);
    expect(ids).toEqual([
      "active-wrap-up:agent-ends",
      "active-open:agent-releases",
      "active-open:agent-transfers",
      "active-waiting:agent-closes-session",
    ]);
    expect(reachableStatuses(Status.Active, "live-chat", "agent")).toEqual([Status.WrapUp, Status.Open]);
    expect(availableTransitions(Status.Closed, "messaging")).toEqual([]);
    expect(availableTransitions(42, "messaging")).toEqual([]);
  });

  test("unknown channel kind is allowed what some known kind allows", () => {
    expect(evaluate(Status.Active, Status.Waiting, "unknown", "agent").allowed).toBe(true);
    expect(evaluate(Status.Open, Status.Waiting, "unknown", "agent").reason).toBe("no-such-transition");
  });

  test("values outside the table take the slow path and still answer", () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 32, 192350000, Infinity]) {
      const verdict = evaluate(bad, Status.Active, "messaging");
      expect(verdict).toMatchObject({ allowed: false, reason: "unknown-status", params: { value: bad } });
      expect(evaluate(Status.Active, bad, "voice", "agent").reason).toBe("unknown-status");
    }
  });

  test("a bad channel kind or actor is a programming error, said clearly", () => {
    expect(() => evaluate(1, 2, "fax" as ChannelKind)).toThrow(/Unknown channel kind "fax"/);
    expect(() => evaluate(1, 2, "messaging", "robot" as never)).toThrow(/Unknown actor "robot"/);
  });

  test("the table agrees with the slow path and verdicts are frozen", () => {
    const verdict = evaluate(2, 5, "voice", "agent");
    expect(verdict).toEqual(decide(2, 5, "voice", "agent"));
    expect(Object.isFrozen(verdict)).toBe(true);
    expect(evaluate(2, 5, "voice", "agent")).toBe(verdict);
  });
});
