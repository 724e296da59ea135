/**
 * The simulated clock: real time plus an offset that only grows (XState's SimulatedClock habit:
 * time is injected). Every timestamp the local Dataverse writes comes from here, so the workbench
 * can jump ahead to watch timers and automatic closures without waiting. The offset is persisted
 * with the data, so a restart keeps the simulated date.
 */

export interface SimulatedClock {
  /** Milliseconds since the epoch, simulated. */
  now(): number;
  /** How far the simulation is ahead of the base clock. */
  readonly offsetMs: number;
  /** Jump ahead (never back: audits and status dates must not go backwards). */
  advance(ms: number): number;
}

export const MAX_JUMP_MS = 366 * 24 * 60 * 60 * 1000;

/** Where the offset lives (the data file, so a restart keeps the simulated date). */
export interface OffsetStore {
  get(): number;
  set(offsetMs: number): void;
}

export function memoryOffset(initial = 0): OffsetStore {
  let offset = initial;
  return { get: () => offset, set: (value) => (offset = value) };
}

export function createClock(base: () => number = Date.now, offset: OffsetStore = memoryOffset()): SimulatedClock {
  return {
    now: () => base() + offset.get(),
    get offsetMs() {
      return offset.get();
    },
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0 || ms > MAX_JUMP_MS)
        throw new RangeError(`The clock only jumps ahead, by 0 to ${MAX_JUMP_MS} ms (a year); got ${ms}.`);
      offset.set(offset.get() + Math.round(ms));
      return base() + offset.get();
    },
  };
}

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90s", "15m", "2h", "1d", "1h30m" → milliseconds; undefined when it is not such an amount. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (!/^(\d+(ms|s|m|h|d))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)(ms|s|m|h|d)/g)) total += Number(amount) * UNITS[unit];
  return total;
}

/** Dataverse writes date-times to the second, in UTC: "2024-05-12T22:19:12Z". */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
