// Generated from plugins/lifecycle by `npm run compile:lifecycle`. Do not edit: a test fails when it is stale.
// The lifecycle as an agent meets it, for browser bundles: see agent.ts.

/** Status reasons in the order of the cells (statuscode 1, 2, 3, 4, 5, 6, 7). */
export const SIDE = 7;

/** Distinct verdicts: [index in REASON_CODES, params other than from, to and channel]. */
export const VERDICTS: readonly (readonly [number, object])[] = [
  [1,{}],
  [0,{"actor":"agent","trigger":"agent-picks"}],
  [5,{}],
  [7,{"actor":"agent","actors":["customer","system"],"trigger":"customer-leaves-before-assignment"}],
  [3,{"status":6,"rule":"internal-only"}],
  [3,{"status":7,"rule":"internal-only"}],
  [0,{"actor":"agent","trigger":"agent-releases"}],
  [6,{"channels":["persistent-chat","messaging"],"rule":"waiting-async-only"}],
  [6,{"channels":["messaging","record"]}],
  [0,{"actor":"agent","trigger":"agent-ends"}],
  [4,{"rule":"closed-terminal"}],
  [0,{"actor":"agent","trigger":"agent-closes-session"}],
  [7,{"actor":"agent","actors":["customer"],"trigger":"customer-revives"}],
  [0,{"actor":"agent","trigger":"agent-revives"}],
  [7,{"actor":"agent","actors":["system"],"trigger":"inactivity-timeout"}],
  [7,{"actor":"agent","actors":["system"],"trigger":"auto-close-timeout"}],
  [7,{"actor":"agent","actors":["system"],"trigger":"routing-assigns"}],
  [6,{"channels":["live-chat","persistent-chat","messaging","voice"]}],
  [0,{"actor":"agent","trigger":"agent-resolves-record"}],
];

/** Base-36 digits a cell. */
export const WIDTH = 1;

/** WIDTH digits per cell, an index into VERDICTS: channel kind (live-chat, persistent-chat, messaging, voice, record, unknown) × from × to. */
export const CELLS =
  "012324560789457707245aaa0a45222b04544444045555550012324560b8945cd0e245aaa0a45222b04544444045555550" +
  "012f24560bf945cd0e245aaa0a45222b045444440455555500g2f24560789457707245aaa0a45222b04544444045555550" +
  "0h2h245h07ih457707245aaa0a45222h04544444045555550012324560bi945cd0e245aaa0a45222b04544444045555550";

/** The statuses an agent can move to, per channel kind × from, in transition-table order. */
export const MOVES: readonly string[] = ["2","51","","","4","","","2","513","2","","4","","","2","513","2","","4","","","","51","","","4","","","","4","","","","","","2","5134","2","","4","",""];
