/**
 * How a close shows its progress on stderr: a bar (cli-progress) when stderr is a terminal, one plain
 * line per batch otherwise (logs and CI stay readable, with no control characters).
 */
import { SingleBar } from "cli-progress";
import type { Progress, Tally } from "./close";

export const summaryOf = (tally: Tally) =>
  `closed ${tally.closed}, changed since listed ${tally.changed}, refused ${tally.refused}, failed ${tally.failed}${tally["not-tried"] ? `, not tried ${tally["not-tried"]}` : ""}`;

export function lineProgress(total: number, err: (text: string) => void): Progress {
  return {
    tick: () => undefined,
    batch: (index, batches, done, tally) => err(`batch ${index}/${batches}: ${done}/${total} done (${summaryOf(tally)})\n`),
    stop: () => undefined,
  };
}

export function barProgress(total: number, stream: NodeJS.WritableStream): Progress {
  const bar = new SingleBar({
    stream,
    format: "closing [{bar}] {value}/{total} | {summary}",
    hideCursor: true,
    clearOnComplete: false,
  });
  bar.start(total, 0, { summary: "" });
  return {
    tick: (done, tally) => bar.update(done, { summary: summaryOf(tally) }),
    batch: () => undefined,
    stop: () => bar.stop(),
  };
}

export function progressFor(
  total: number,
  err: (text: string) => void,
  stream: (NodeJS.WritableStream & { isTTY?: boolean }) | undefined,
): Progress {
  return stream?.isTTY ? barProgress(total, stream) : lineProgress(total, err);
}
