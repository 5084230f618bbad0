import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Type } from "typebox";
import { checkFields } from "./forms.js";

const FIELDS = { name: Type.String({ minLength: 1, maxLength: 40 }), note: Type.String() };

describe("checkFields", () => {
  it("trims, and reports every bad field at once", () => {
    const { values, errors } = checkFields(FIELDS, { name: "  Ana  ", note: 5 });
    assert.equal(values.name, "Ana");
    assert.deepEqual(errors, ["note"]);
    assert.deepEqual(checkFields(FIELDS, {}).errors, ["name"], "a missing field is empty");
  });

  it("refuses control characters, too-long text and wrong types", () => {
    for (const name of ["A\u0000na", "A\u001bna", "x".repeat(41), ["Ana"], { a: 1 }, 7]) {
      assert.deepEqual(checkFields(FIELDS, { name, note: "" }).errors, ["name"], String(name));
    }
    assert.deepEqual(checkFields(FIELDS, { name: "Ana", note: "line\nline\ttab" }).errors, []);
  });

  it("refuses markup except where a field allows it, and keeps a lone <", () => {
    for (const name of [
      "<script>alert(1)</script>",
      "<b>Ana</b>",
      "Ana</x>",
      "<!-- x -->",
      "<?php",
    ]) {
      assert.deepEqual(checkFields(FIELDS, { name, note: "" }).errors, ["name"], name);
    }
    for (const name of ["a < b", "<3", "x<1000"]) {
      assert.deepEqual(checkFields(FIELDS, { name, note: "" }).errors, [], name);
    }
    const markdown = checkFields(
      FIELDS,
      { name: "Ana", note: "<b>x</b>" },
      { allowMarkup: ["note"] },
    );
    assert.deepEqual(markdown.errors, []);
    // What goes back into the form is bounded and stripped of control characters.
    const echoed = checkFields(FIELDS, { name: `${"y".repeat(600)}\u0000`, note: "" });
    assert.equal(echoed.values.name, "y".repeat(500));
  });
});
