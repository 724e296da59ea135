/** Runs conversation-state in-process (through plugins/cli.ts, as the bin does), capturing output and back-off waits. */
import { main } from "../../plugins/cli";
import type { AdminIo } from "../../plugins/admin";

export interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly waits: number[];
}

export async function run(args: readonly string[], vars: NodeJS.ProcessEnv = {}, extra: Partial<AdminIo> = {}): Promise<Result> {
  let stdout = "";
  let stderr = "";
  const waits: number[] = [];
  const code = await main(
    args,
    { write: (text: string) => (stdout += text) },
    { write: (text: string) => (stderr += text) },
    {
      env: vars,
      sleep: async (ms) => {
        waits.push(ms);
      },
      ...extra,
    },
  );
  return { code, stdout, stderr, waits };
}

/** "GET audits?…" lines, the shape the tests compare. */
export const lines = (requests: readonly { method: string; path: string }[]) => requests.map((r) => `${r.method} ${r.path}`);
