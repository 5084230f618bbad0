import assert from "node:assert/strict";
import { it } from "node:test";
import { isRealDate } from "./dates.js";

it("accepts every real calendar day written YYYY-MM-DD, and nothing else", () => {
  for (const day of ["2015-01-31", "2024-02-29", "2000-02-29", "1969-12-31", "0999-12-31"])
    assert.equal(isRealDate(day), true, day);
  for (const day of ["0050-06-15", "0001-01-01", "9999-12-31"])
    assert.equal(isRealDate(day), true, `${day}: years below 100 and the last are real too`);
  const wrong = [
    "2023-02-29", // not a leap year
    "1900-02-29", // nor is a century not divisible by 400
    "2015-02-30",
    "2015-04-31",
    "2015-13-01",
    "2015-00-10",
    "2015-01-00",
    "0000-01-01", // the calendar has no year 0
    "2015-1-31",
    "1/31/2015",
    "2015-01-31T00:00",
    " 2015-01-31",
    "",
  ];
  for (const day of wrong) assert.equal(isRealDate(day), false, JSON.stringify(day));
});
