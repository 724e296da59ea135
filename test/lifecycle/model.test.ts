import { availableLanguages, loadStrings } from "../../plugins/strings/resx";
import {
  CHANNELS,
  OPERATOR_CLOSE_REASONS,
  STATUS_CHANGE_REASONS,
  StatusChangeReason,
  statusChangeReasonOf,
  STATES,
  STATUSES,
  Status,
  TIMEOUTS,
  TRANSITIONS,
  automaticMoveOf,
  capacityAt,
  channelKindOf,
  channelValuesOf,
  parseChannel,
  parseConversationMode,
  parseStatus,
  stateOf,
  wrapUpBlockOf,
} from "../../plugins/lifecycle";

describe("statuses match PLATFORM.md §1", () => {
  test("statuscode → statecode", () => {
    expect(STATUSES.map((s) => [s.value, s.state])).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 1],
      [5, 0],
      [6, 2],
      [7, 3],
    ]);
    expect(stateOf(Status.Closed)).toBe(1);
  });
  test("Resolved and Scheduled are internal; Closed is terminal", () => {
    expect(STATUSES.filter((s) => s.internal).map((s) => s.value)).toEqual([6, 7]);
    expect(STATUSES.filter((s) => s.terminal).map((s) => s.value)).toEqual([4]);
  });
  test("statecode defaults, with Wrap-up (Deprecated) kept but marked", () => {
    expect(STATES.map((s) => [s.value, s.defaultStatus, s.deprecated])).toEqual([
      [0, 1, false],
      [1, 4, false],
      [2, 6, false],
      [3, 7, false],
      [4, 5, true],
    ]);
  });
  test("parseStatus takes values and names", () => {
    expect(parseStatus("5")?.name).toBe("wrap-up");
    expect(parseStatus("Wrap up")?.value).toBe(5);
    expect(parseStatus("wrapup")?.value).toBe(5);
    expect(parseStatus(" ACTIVE ")?.value).toBe(2);
    expect(parseStatus("8")).toBeUndefined();
    expect(parseStatus("pending")).toBeUndefined();
  });
});

describe("channel kinds", () => {
  test("every documented msdyn_streamsource value has a definition", () => {
    const documented = [
      19241000, 192300000, 192310000, 192320000, 192330000, 192340000, 192350000, 192350001, 192350002, 192360000, 192370000, 192380000,
      192390000, 192400000, 192440000, 192450000, 192450001,
    ];
    expect(CHANNELS.map((c) => c.value).sort()).toEqual([...documented].sort());
  });
  test.each([
    [[192360000], "live", "live-chat"],
    [[192360000], "persistent", "persistent-chat"],
    [[192340000], "live", "messaging"],
    [[19241000], "persistent", "messaging"],
    [[192300000], "live", "messaging"],
    [[192370000], "live", "voice"],
    [[192440000], "live", "voice"],
    [[192350000], "live", "record"],
    [[192360000, 192380000], "live", "live-chat"],
    [[192360000, 192370000], "live", "live-chat"],
    [[192380000], "live", "unknown"],
    [[123], "live", "unknown"],
    [[], "live", "unknown"],
  ] as const)("%j in %s mode is %s", (values, mode, kind) => {
    expect(channelKindOf(values, mode).kind).toBe(kind);
  });
  test("unknown values are reported, not dropped", () => {
    expect(channelKindOf([192340000, 555])).toMatchObject({ kind: "messaging", unknownValues: [555] });
  });
  test("msdyn_channel as the Web API and the webhook send it", () => {
    expect(channelValuesOf("192360000,192380000")).toEqual([192360000, 192380000]);
    expect(channelValuesOf(192340000)).toEqual([192340000]);
    expect(channelValuesOf([192340000, "19241000"])).toEqual([192340000, 19241000]);
    expect(channelValuesOf(null)).toEqual([]);
    expect(channelValuesOf(1.5)).toEqual([]);
  });
  test("names and modes parse", () => {
    expect(parseChannel("Live chat")).toMatchObject({ value: 192360000 });
    expect(parseChannel("192340000")).toMatchObject({ name: "sms" });
    expect(parseChannel("999")).toEqual({ unknownValue: 999 });
    expect(parseChannel("fax")).toBeUndefined();
    expect(parseConversationMode(192350001)).toBe("persistent");
    expect(parseConversationMode(undefined)).toBe("live");
    expect(parseConversationMode("sometimes")).toBeUndefined();
  });
});

describe("capacity", () => {
  test("Active consumes; Open, Waiting and Closed are free", () => {
    expect(capacityAt(Status.Active, 0)).toEqual({ effect: "consumes" });
    for (const s of [Status.Open, Status.Waiting, Status.Closed]) expect(capacityAt(s, 0)).toEqual({ effect: "free" });
  });
  test("Wrap-up follows the workstream's block: always, never, custom minutes", () => {
    expect(capacityAt(Status.WrapUp, 10 ** 9, { mode: "always" })).toEqual({ effect: "blocked", remainingMs: null });
    expect(capacityAt(Status.WrapUp, 0, { mode: "never" })).toEqual({ effect: "free" });
    expect(capacityAt(Status.WrapUp, 60_000, { mode: "custom", minutes: 5 })).toEqual({ effect: "blocked", remainingMs: 240_000 });
    expect(capacityAt(Status.WrapUp, 300_000, { mode: "custom", minutes: 5 })).toEqual({ effect: "free" });
    expect(capacityAt(Status.WrapUp, -5, { mode: "custom", minutes: 1 })).toEqual({ effect: "blocked", remainingMs: 60_000 });
  });
  test("internal and unknown statuses say so", () => {
    expect(capacityAt(Status.Resolved, 0)).toEqual({ effect: "not-documented" });
    expect(capacityAt(99, 0)).toEqual({ effect: "unknown-status" });
  });
  test("block settings outside 1–60 whole minutes are refused", () => {
    expect(wrapUpBlockOf("custom", 60)).toEqual({ mode: "custom", minutes: 60 });
    for (const bad of [0, 61, 1.5, undefined]) expect(wrapUpBlockOf("custom", bad)).toBeUndefined();
    expect(wrapUpBlockOf(undefined)).toEqual({ mode: "always" });
    expect(wrapUpBlockOf("sometimes")).toBeUndefined();
  });
});

describe("timeouts (PLATFORM.md §3)", () => {
  test("every timeout fires a transition the model has, for its channel", () => {
    for (const t of TIMEOUTS) {
      const row = TRANSITIONS.find((r) => r.from === t.from && r.to === t.to && r.trigger === t.trigger);
      expect(row).toBeDefined();
      expect(row?.channels).toContain(t.channel);
      expect(t.source).toMatch(/PLATFORM\.md §3/);
    }
  });
  test("documented defaults", () => {
    expect(automaticMoveOf("live-chat", Status.Open)?.afterMs).toBe(20 * 60_000);
    expect(automaticMoveOf("voice", Status.Active)?.timeout.to).toBe(Status.WrapUp);
    expect(automaticMoveOf("voice", Status.Active)?.afterMs).toBe(2 * 3_600_000);
    expect(automaticMoveOf("messaging", Status.Active)?.afterMs).toBe(30 * 86_400_000);
    expect(automaticMoveOf("record", Status.Active)).toBeUndefined();
    expect(automaticMoveOf("live-chat", Status.Active)).toBeUndefined();
  });
  test("a longer custom wrap-up block wins over live chat's 15 minutes", () => {
    expect(automaticMoveOf("live-chat", Status.WrapUp, { mode: "custom", minutes: 10 })?.afterMs).toBe(15 * 60_000);
    expect(automaticMoveOf("live-chat", Status.WrapUp, { mode: "custom", minutes: 45 })?.afterMs).toBe(45 * 60_000);
  });
});

describe("status-change reasons", () => {
  test("values are the documented 192350001–192350017, each with its own slug and a label in every language", () => {
    expect(STATUS_CHANGE_REASONS.map((r) => r.value)).toEqual(Array.from({ length: 17 }, (_, i) => 192350001 + i));
    expect(new Set(STATUS_CHANGE_REASONS.map((r) => r.name)).size).toBe(17);
    for (const lcid of availableLanguages()) {
      const strings = loadStrings(lcid);
      for (const r of STATUS_CHANGE_REASONS) expect(strings[`statusChangeReason.${r.name}`]).toMatch(/\S/);
    }
  });

  test("only the supervisor's force close and the admin's close are operator reasons", () => {
    expect(OPERATOR_CLOSE_REASONS).toEqual([
      StatusChangeReason.ForceClosedBySupervisor,
      StatusChangeReason.ClosedInDataverseDirectlyByAdmin,
    ]);
    expect(statusChangeReasonOf(192350016)?.operator).toBe(true);
    expect(statusChangeReasonOf(192350007)?.platformName).toBe("CutomerMovedToWrapUp");
    expect(statusChangeReasonOf("192350016")).toBeUndefined();
  });
});
