/**
 * Build and pack checks report problems instead of throwing at the first one, so one run lists
 * everything to fix. Each problem says what is wrong and what to do about it.
 */
export type ProblemCode =
  | "bad-prefix"
  | "wrong-prefix"
  | "bad-web-resource-name"
  | "bad-version"
  | "version-downgrade"
  | "version-mismatch"
  | "missing-file"
  | "missing-dependency"
  | "strings-mismatch"
  | "no-control"
  | "many-controls"
  | "bad-manifest"
  | "not-a-solution";

export interface Problem {
  code: ProblemCode;
  message: string;
  fix: string;
}

export const problem = (code: ProblemCode, message: string, fix: string): Problem => ({ code, message, fix });

/** Thrown when any check fails; `problems` keeps every one of them. */
export class SolutionCheckError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(
      [`The solution cannot be built: ${problems.length} problem${problems.length === 1 ? "" : "s"}.`]
        .concat(problems.map((p) => `  ✖ [${p.code}] ${p.message}\n    Fix: ${p.fix}`))
        .join("\n"),
    );
    this.name = "SolutionCheckError";
  }
}

export function throwIfAny(problems: readonly Problem[]): void {
  if (problems.length > 0) throw new SolutionCheckError(problems);
}
