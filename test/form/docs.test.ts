import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createForm } from "../../plugins/form/conversationForm";
import { explain } from "../../plugins/form/messages";
import { STRINGS_WEB_RESOURCE } from "../../plugins/form/resources";
import { agentVerdict } from "../../plugins/lifecycle/agent";
import { ALL_CHANNEL_KINDS, Status, STATUSES, evaluate } from "../../plugins/lifecycle";
import { projectRoot } from "../../plugins/strings/resx";
import { tableRows } from "../support/markdown";

const doc = readFileSync(join(projectRoot(), "docs/form-script.md"), "utf8");

describe("docs/form-script.md is true to the code", () => {
  test("the function names makers type exist, and no others are documented", () => {
    const named = new Set(doc.match(/ConversationState\.Form\.\w+/g));
    expect([...named].sort()).toEqual(
      Object.keys(createForm())
        .map((k) => `ConversationState.Form.${k}`)
        .sort(),
    );
  });

  test("the table of choices an agent sees matches the model", () => {
    const table = tableRows(doc);
    const header = table.find((row) => row[0] === "Status Reason now") as string[];
    const rows = table.filter((row) => row[0].split(", ").every((label) => STATUSES.some((s) => s.label === label)));
    expect(header.length - 1).toBe(ALL_CHANNEL_KINDS.length);
    const labelOf = new Map(STATUSES.map((s) => [s.label, s.value]));
    let checked = 0;
    for (const row of rows) {
      const cells = row;
      for (const from of cells[0].split(", ").map((l) => labelOf.get(l) as number)) {
        ALL_CHANNEL_KINDS.forEach((kind, i) => {
          const expected = STATUSES.filter((t) => t.value !== from && evaluate(from, t.value, kind, "agent").allowed).map((t) => t.label);
          expect({ from, kind, cell: cells[i + 1] }).toEqual({ from, kind, cell: expected.length ? expected.join(", ") : "—" });
          checked++;
        });
      }
    }
    expect(checked).toBe(STATUSES.length * ALL_CHANNEL_KINDS.length);
  });

  test("the strings' web resource name and the plain-English examples are the code's", () => {
    const none = (): undefined => undefined;
    expect(doc).toContain(`Xrm.Utility.getResourceString("${STRINGS_WEB_RESOURCE}", key)`);
    expect(doc).toContain(`\`${STRINGS_WEB_RESOURCE} does not exist.\``);
    expect(doc).toContain(`> ${explain(none, "form.reverted", agentVerdict(Status.Active, Status.Waiting, "live-chat"))}\n`);
    expect(doc).toContain(`> ${explain(none, "form.reactivateBlocked", agentVerdict(Status.Closed, Status.Open, "voice"))}\n`);
  });

  test("the quoted English notifications are the ones the form shows", () => {
    for (const key of ["form.reverted", "form.saveBlocked", "form.deactivateBlocked", "form.reactivateBlocked"]) expect(doc).toContain(key);
    expect(doc).toContain(
      "> Closed conversations can't be reopened: Closed is final. “Agents can't reactivate or reopen closed conversations.”",
    );
  });
});
