/**
 * What a status does to the agent's capacity at a given time in that status
 * (seed: "In Active, the agent capacity is consumed"; Wrap-up blocks per the workstream's
 * "Block capacity for wrap up"; "A conversation in waiting doesn't block their capacity").
 */
import { statusOf } from "./statuses";
import type { WrapUpBlock } from "./timeouts";

export const WRAP_UP_BLOCK_MINUTES = { min: 1, max: 60 } as const;

export type CapacityEffect =
  | { readonly effect: "consumes" }
  | { readonly effect: "free" }
  /** remainingMs is null when the block lasts as long as the conversation stays in Wrap-up. */
  | { readonly effect: "blocked"; readonly remainingMs: number | null }
  | { readonly effect: "not-documented" }
  | { readonly effect: "unknown-status" };

const CONSUMES: CapacityEffect = { effect: "consumes" };
const FREE: CapacityEffect = { effect: "free" };
const BLOCKED_ALWAYS: CapacityEffect = { effect: "blocked", remainingMs: null };

/** A usable block setting, or undefined when the minutes are outside 1–60 or not whole. */
export function wrapUpBlockOf(mode: string | undefined, minutes?: number): WrapUpBlock | undefined {
  if (mode === undefined || mode === "always") return { mode: "always" };
  if (mode === "never") return { mode: "never" };
  if (
    mode === "custom" &&
    Number.isInteger(minutes) &&
    (minutes as number) >= WRAP_UP_BLOCK_MINUTES.min &&
    (minutes as number) <= WRAP_UP_BLOCK_MINUTES.max
  )
    return { mode: "custom", minutes: minutes as number };
  return undefined;
}

export function capacityAt(status: number, elapsedMs: number, block: WrapUpBlock = { mode: "always" }): CapacityEffect {
  const definition = statusOf(status);
  if (!definition) return { effect: "unknown-status" };
  switch (definition.capacity) {
    case "consumes":
      return CONSUMES;
    case "free":
      return FREE;
    case "not-documented":
      return { effect: "not-documented" };
    case "wrap-up-block":
      if (block.mode === "always") return BLOCKED_ALWAYS;
      if (block.mode === "never") return FREE;
      {
        const remainingMs = block.minutes * 60_000 - Math.max(0, elapsedMs);
        return remainingMs > 0 ? { effect: "blocked", remainingMs } : FREE;
      }
  }
}
