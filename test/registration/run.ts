/** Runs the command in-process against the fake Dataverse, capturing output and back-off waits. */
import { main, type Io } from "../../plugins/registration/cli";
import { TOKEN, type FakeDataverse } from "./fake-dataverse";

export const KEY = "k3y-Th4t-Must-N3ver-Be-Printed";
export const WEBHOOK = "https://ocs-hooks.example.net/api/validate-status-change";

export interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly waits: number[];
}

export async function run(args: readonly string[], vars: NodeJS.ProcessEnv = {}, extra: Partial<Io> = {}): Promise<Result> {
  let stdout = "";
  let stderr = "";
  const waits: number[] = [];
  const code = await main(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: vars,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });
  return { code, stdout, stderr, waits };
}

export const credentials = { DATAVERSE_TOKEN: TOKEN, WEBHOOK_KEY: KEY };

export const registerArgs = (fake: FakeDataverse, ...more: string[]) => ["--env", fake.url, "--url", WEBHOOK, ...more];

/** "GET sdkmessages?…" lines, the shape the tests compare. */
export const lines = (fake: FakeDataverse, from = 0) => fake.requests.slice(from).map((r) => `${r.method} ${r.path}`);

export const writes = (fake: FakeDataverse, from = 0) => fake.requests.slice(from).filter((r) => r.method !== "GET");
