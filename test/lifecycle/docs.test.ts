import { readFileSync } from "node:fs";
import { LIFECYCLE_DOC, renderLifecycleDoc } from "../../scripts/lifecycle-doc";

test("docs/lifecycle.md is generated from the model (run `npm run docs:lifecycle` if this fails)", () => {
  expect(readFileSync(LIFECYCLE_DOC, "utf8")).toBe(renderLifecycleDoc());
});

test("the doc has the table and the Mermaid diagram", () => {
  const doc = renderLifecycleDoc();
  expect(doc).toContain("```mermaid\nstateDiagram-v2");
  expect(doc).toContain("| Active | Waiting | agent-closes-session | agent | persistent-chat, messaging | seed, Active |");
});
