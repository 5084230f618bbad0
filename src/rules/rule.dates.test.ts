import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addDays, commentPageUrl, daysLeft, easternToday } from "./rule.dates.js";

describe("comment deadlines in Eastern time", () => {
  it("counts from the Eastern calendar day, not UTC's", () => {
    // 03:30 UTC on 10 March 2026 is 23:30 on 9 March in New York (EDT starts on the 8th).
    const lateEvening = new Date("2026-03-10T03:30:00Z");
    assert.equal(easternToday(lateEvening), "2026-03-09");
    assert.equal(daysLeft("2026-03-10", lateEvening), 1);
    assert.equal(daysLeft("2026-03-09", lateEvening), 0);
    // Half an hour later it is the 10th in New York too.
    const midnight = new Date("2026-03-10T04:00:00Z");
    assert.equal(daysLeft("2026-03-10", midnight), 0);
    assert.equal(daysLeft("2026-03-09", midnight), -1);
  });

  it("in winter (EST, UTC-5) too, and across months", () => {
    const now = new Date("2026-01-31T04:59:00Z"); // 23:59 on 30 January, EST
    assert.equal(daysLeft("2026-02-28", now), 29);
    assert.equal(addDays("2026-02-27", 2), "2026-03-01");
  });

  it("comments on the API's comment page, else Regulations.gov's by document id", () => {
    assert.equal(
      commentPageUrl({
        commentUrl: "https://www.regulations.gov/commenton/X-1",
        regulationsDocumentId: "Y",
      }),
      "https://www.regulations.gov/commenton/X-1",
    );
    assert.equal(
      commentPageUrl({ commentUrl: null, regulationsDocumentId: "USCIS-2010-0012-0001" }),
      "https://www.regulations.gov/commenton/USCIS-2010-0012-0001",
    );
    assert.equal(commentPageUrl({ commentUrl: null, regulationsDocumentId: null }), null);
  });
});
