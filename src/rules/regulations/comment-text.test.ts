import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { commentTextProblems } from "./comment-text.js";

describe("commentTextProblems: what Regulations.gov would refuse", () => {
  it("takes a comment of exactly 5,000 characters and 5,000 bytes", () => {
    assert.deepEqual(commentTextProblems("a".repeat(5000)), []);
    assert.deepEqual(
      commentTextProblems("Nuestra ciudad se opone a la norma propuesta. 谢谢 © ®"),
      [],
    );
  });

  it("refuses 5,001 ASCII characters by their count (the bytes say nothing more)", () => {
    assert.deepEqual(commentTextProblems("a".repeat(5001)), [
      { kind: "too_many_characters", count: 5001, limit: 5000, over: 1 },
    ]);
  });

  it("refuses 2,000 Chinese characters: 6,000 bytes in UTF-8, though only 2,000 characters", () => {
    assert.deepEqual(commentTextProblems("移".repeat(2000)), [
      { kind: "too_many_bytes", count: 6000, limit: 5000, over: 1000 },
    ]);
  });

  it("counts Spanish accents as 2 bytes", () => {
    const text = `${"é".repeat(2500)}a`;
    assert.deepEqual(commentTextProblems(text), [
      { kind: "too_many_bytes", count: 5001, limit: 5000, over: 1 },
    ]);
  });

  it("refuses emoji, each named once, and an emoji sequence's parts", () => {
    assert.deepEqual(commentTextProblems("We stand together 🤝 with families ❤️ 🤝"), [
      { kind: "emoji", characters: ["🤝", "❤", "\uFE0F"] },
    ]);
    assert.deepEqual(commentTextProblems("Flag 🇺🇸"), [{ kind: "emoji", characters: ["🇺", "🇸"] }]);
  });

  it("refuses an empty comment, or one of spaces only", () => {
    assert.deepEqual(commentTextProblems(""), [{ kind: "empty" }]);
    assert.deepEqual(commentTextProblems(" \n\t "), [{ kind: "empty" }]);
  });
});
