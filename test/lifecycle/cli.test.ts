/** The CLI through a real child process, as an admin's script would run it. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const BIN = join(__dirname, "../../bin/conversation-state.js");
const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

test("active → waiting on live chat is denied with the seed's rule (exit 1)", () => {
  const r = run("check", "--from", "active", "--to", "waiting", "--channel", "live-chat");
  expect(r.code).toBe(1);
  expect(r.stdout).toContain("denied (not-for-channel)");
  expect(r.stdout).toContain("Waiting state applies only to asynchronous and persistent chats, and not live chats.");
});

test("the same move on SMS by an agent is allowed (exit 0)", () => {
  const r = run("check", "--from", "2", "--to", "3", "--channel", "192340000", "--actor", "agent");
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^allowed \(allowed\)/);
});

test("persistent mode turns live chat into persistent chat", () => {
  expect(run("check", "--from", "active", "--to", "waiting", "--channel", "live-chat", "--mode", "persistent").code).toBe(0);
});

test("--json prints allowed, reason and message", () => {
  const r = run("check", "--from", "waiting", "--to", "open", "--channel", "whatsapp", "--actor", "agent", "--json");
  expect(r.code).toBe(1);
  const body = JSON.parse(r.stdout);
  expect(body).toMatchObject({
    allowed: false,
    reason: "not-for-actor",
    from: { value: 3 },
    to: { value: 1 },
    channel: { kind: "messaging", value: 192300000 },
    actor: "agent",
  });
  expect(body.message).toContain("customer");
});

test("--lang localises the message", () => {
  const r = run("check", "--from", "closed", "--to", "open", "--channel", "sms", "--lang", "1025");
  expect(r.code).toBe(1);
  expect(r.stdout).toContain("لا يمكن للوكلاء");
});

test("an unknown msdyn_channel value is checked as an unknown channel, and said so", () => {
  const r = run("check", "--from", "active", "--to", "waiting", "--channel", "999999999", "--json");
  expect(JSON.parse(r.stdout).channel.kind).toBe("unknown");
});

test.each([
  [["check", "--from", "active", "--to", "pending", "--channel", "sms"], /--to "pending" is not a status reason/],
  [["check", "--from", "active", "--to", "open", "--channel", "fax"], /--channel "fax" is not a channel/],
  [["check", "--from", "active", "--to", "open"], /--channel is required/],
  [["check", "--from", "active", "--to", "open", "--channel", "sms", "--actor", "robot"], /--actor "robot"/],
  [["check", "--from", "active", "--to", "open", "--channel", "sms", "--mode", "sometimes"], /--mode "sometimes"/],
  [["check", "--from", "active", "--to", "open", "--channel", "sms", "--lang", "9999"], /--lang "9999"/],
  [["check", "--frm", "active"], /Unknown option '--frm'/],
  [["launch"], /Unknown command "launch"/],
  [[], /A command is required/],
])("usage error %j exits 2 with a clear message", (args, message) => {
  const r = run(...args);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toContain("--help");
});

test("table prints every transition, or one channel's", () => {
  const all = run("table");
  expect(all.code).toBe(0);
  expect(all.stdout).toMatch(/^21 transitions/);
  const voice = run("table", "--channel", "voice");
  expect(voice.stdout).toContain('for channel kind "voice"');
  expect(voice.stdout).not.toContain("waiting");
  expect(JSON.parse(run("table", "--channel", "entity-records", "--json").stdout)).toHaveLength(1);
});

test("--help documents commands, options and exit codes", () => {
  const r = run("--help");
  expect(r.code).toBe(0);
  for (const text of [
    "check",
    "table",
    "--from",
    "--channel",
    "--mode",
    "--actor",
    "--json",
    "--lang",
    "Exit status: 0 allowed, 1 denied, 2 usage error",
    "entity-records",
  ])
    expect(r.stdout).toContain(text);
  expect(run("--version").stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
});
