import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { documentTitle } from "./layout.js";

describe("documentTitle", () => {
  it("keeps a short title whole, and cuts a long one at a word to 70 characters", () => {
    assert.equal(documentTitle("Members", "Cities for Action"), "Members | Cities for Action");
    const long = documentTitle(
      "Advancing Immigration Reform: a messaging and advocacy toolkit for local governments",
      "Cities for Action",
    );
    assert.equal(long, "Advancing Immigration Reform: a messaging and… | Cities for Action");
    assert.ok([...long].length <= 70);
  });

  it("cuts a title without spaces, and drops a site name too long to leave room", () => {
    const zh = documentTitle("推进移民改革".repeat(20), "Cities for Action");
    assert.equal([...zh].length, 70);
    assert.ok(zh.endsWith("… | Cities for Action"));
    const site = "The Coalition of Cities and Counties for Immigrant Action Across America";
    const cut = documentTitle("A title long enough to need cutting here", site);
    assert.equal(cut, "A title long enough to need cutting here");
  });
});
