/** A webhook that records what it receives and answers as scripted (a status, or "hang" for no answer). */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Call {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

export interface Recorder {
  readonly url: string;
  readonly calls: Call[];
  /** The answers to give, in order; 200 once they run out. */
  script(answers: (number | "hang")[]): void;
  close(): Promise<void>;
}

export async function startRecorder(): Promise<Recorder> {
  const calls: Call[] = [];
  let answers: (number | "hang")[] = [];
  const server = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk) => (raw += chunk));
    request.on("end", () => {
      calls.push({ url: request.url ?? "", headers: request.headers, body: JSON.parse(raw) as Record<string, unknown> });
      const answer = answers.shift() ?? 200;
      if (answer === "hang") return;
      response.writeHead(answer, { "content-type": "application/json" });
      response.end(JSON.stringify({ recorded: calls.length, status: answer }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/validate-status-change`,
    calls,
    script: (next) => void (answers = [...next]),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
