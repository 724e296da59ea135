/**
 * Verdicts per second: our lookup-table validator against XState v5 modelling the same lifecycle
 * (generated from the same transition table), in the same run, on one core.
 * Budget (issue 2): ≥ 50 M verdicts/s and ≥ 200× XState.
 */
import { createMachine, getNextSnapshot } from "xstate";
import { ACTORS, ALL_CHANNEL_KINDS, STATUSES, Status, TRANSITIONS, kindMask, type Actor, type ChannelKind } from "../plugins/lifecycle";
// Straight from its module: CommonJS re-exports through index.ts are getters, a call each time.
import { evaluate } from "../plugins/lifecycle/verdict";

type Query = { from: number; to: number; kind: ChannelKind; actor: Actor };

// A fixed pseudo-random mix of questions, the same for both contenders.
function queries(count: number): Query[] {
  let seed = 42;
  const next = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
  const kinds = ALL_CHANNEL_KINDS.filter((k) => k !== "unknown");
  return Array.from({ length: count }, () => ({
    from: STATUSES[next(STATUSES.length)].value,
    to: STATUSES[next(STATUSES.length)].value,
    kind: kinds[next(kinds.length)],
    actor: ACTORS[next(ACTORS.length)],
  }));
}

// One machine per channel kind; an event "<to>:<actor>" moves when the model has such a transition.
function xstateMachines() {
  const machines = new Map<ChannelKind, ReturnType<typeof createMachine>>();
  for (const kind of ALL_CHANNEL_KINDS.filter((k) => k !== "unknown")) {
    const states: Record<string, { on: Record<string, string> }> = {};
    for (const s of STATUSES) states[String(s.value)] = { on: {} };
    for (const t of TRANSITIONS) if ((t.mask & kindMask(kind)) !== 0) states[String(t.from)].on[`${t.to}:${t.actor}`] = String(t.to);
    machines.set(kind, createMachine({ id: kind, initial: String(Status.Open), states }));
  }
  return machines;
}

/** `pass` answers every query once and returns how many were allowed; each contender has its own loop. */
function measure(label: string, pass: () => number, count: number, minMs: number): number {
  let allowed = pass(); // warm-up
  let done = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    allowed += pass();
    done += count;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  const perSecond = done / (elapsed / 1000);
  process.stdout.write(
    `${label.padEnd(28)} ${(perSecond / 1e6).toFixed(2).padStart(9)} M verdicts/s  (${done.toLocaleString("en")} in ${elapsed.toFixed(0)} ms, ${allowed} allowed)\n`,
  );
  return perSecond;
}

function main(): void {
  const qs = queries(4096);
  const machines = xstateMachines();
  const snapshots = new Map<string, ReturnType<(typeof machines extends Map<ChannelKind, infer M> ? M : never)["resolveState"]>>();
  for (const [kind, machine] of machines)
    for (const s of STATUSES) snapshots.set(`${kind}:${s.value}`, machine.resolveState({ value: String(s.value) }));

  // Both answer the same question: can this actor move from → to on this channel?
  const ours = (q: Query): boolean => evaluate(q.from, q.to, q.kind, q.actor).allowed;
  const xstate = (q: Query): boolean => {
    if (q.from === q.to) return true;
    const machine = machines.get(q.kind)!;
    const next = getNextSnapshot(machine, snapshots.get(`${q.kind}:${q.from}`)!, { type: `${q.to}:${q.actor}` });
    return next.value === String(q.to);
  };

  // The two must agree before their speed means anything.
  for (const q of qs) if (ours(q) !== xstate(q)) throw new Error(`disagreement on ${JSON.stringify(q)}`);

  process.stdout.write(`verdict bench: ${qs.length} mixed questions, node ${process.version}\n`);
  const xs = measure(
    "xstate v5 getNextSnapshot",
    () => {
      let allowed = 0;
      for (let i = 0; i < qs.length; i++) if (xstate(qs[i])) allowed++;
      return allowed;
    },
    qs.length,
    1500,
  );
  const us = measure(
    "lifecycle evaluate()",
    () => {
      let allowed = 0;
      for (let i = 0; i < qs.length; i++) {
        const q = qs[i];
        if (evaluate(q.from, q.to, q.kind, q.actor).allowed) allowed++;
      }
      return allowed;
    },
    qs.length,
    1500,
  );
  const ratio = us / xs;
  const okSpeed = us >= 50e6;
  const okRatio = ratio >= 200;
  process.stdout.write(`ratio                        ${ratio.toFixed(0)}× XState\n`);
  process.stdout.write(`budget: ≥ 50 M/s ${okSpeed ? "met" : "MISSED"}; ≥ 200× XState ${okRatio ? "met" : "MISSED"}\n`);
  if (!okSpeed || !okRatio) process.exitCode = 1;
}

main();
