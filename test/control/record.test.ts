/** The conversation row the Web API returns, and the errors a read can end in. */
import { problemOf, recordOf } from "../../components/ConversationState/record";

test("a row as the Web API returns it", () => {
  expect(
    recordOf({
      statuscode: 5,
      statecode: 0,
      msdyn_channel: "192360000,192380000",
      msdyn_statuschangereason: 192350005,
      "msdyn_statuschangereason@OData.Community.Display.V1.FormattedValue": "Agent moved to wrap-up",
      _msdyn_liveworkstreamid_value: "0A1B2C3D-0000-4000-8000-0000000000AA",
      msdyn_statusupdatedon: "2026-11-30T10:00:00Z",
    }),
  ).toEqual({
    status: 5,
    state: 0,
    channels: [192360000, 192380000],
    changeReason: 192350005,
    changeReasonText: "Agent moved to wrap-up",
    workstreamId: "0a1b2c3d-0000-4000-8000-0000000000aa",
    statusUpdatedOn: Date.parse("2026-11-30T10:00:00Z"),
  });
});

test("missing and odd values read as nothing, never as a wrong value", () => {
  expect(recordOf({ statuscode: "5", msdyn_channel: null, msdyn_statusupdatedon: "yesterday", _msdyn_liveworkstreamid_value: 3 })).toEqual({
    status: null,
    state: null,
    channels: [],
    changeReason: null,
    changeReasonText: null,
    workstreamId: null,
    statusUpdatedOn: null,
  });
});

test.each([
  [{ errorCode: -2147220960, message: "Principal user is missing prvReadmsdyn_ocliveworkitem privilege" }, false, "forbidden"],
  [{ errorCode: -2147187962, message: "no ReadAccess right" }, false, "forbidden"],
  [{ errorCode: -2147220969, message: "Does Not Exist" }, false, "notFound"],
  [{ errorCode: -2147220969, message: "Does Not Exist" }, true, "notFound"],
  [{ message: "Failed to fetch" }, true, "offline"],
  [{ message: "Failed to fetch" }, false, "readFailed"],
  [new Error("boom"), false, "readFailed"],
  ["a string", false, "readFailed"],
  [undefined, false, "readFailed"],
])("problemOf(%p, offline %p) is %s", (error, offline, problem) => {
  const result = problemOf(error, offline);
  expect(result.kind).toBe(problem);
  expect(result.message.length).toBeGreaterThan(0);
});
