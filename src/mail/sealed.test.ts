import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkMessage, MailMessageError } from "./mail.js";
import { createSealer, storedText } from "./sealed.js";

const LINK = "https://cfa.test/account/reset/new?token=0123456789abcdefXYZ";

describe("sealed mail bodies", () => {
  it("open with the same secret only, and hide the text", () => {
    const sealer = createSealer("a".repeat(32));
    const sealed = sealer.seal(`Open ${LINK}`);
    assert.ok(!sealed.includes("token"));
    assert.notEqual(sealer.seal(`Open ${LINK}`), sealed, "a fresh IV each time");
    assert.equal(sealer.open(sealed), `Open ${LINK}`);
    assert.equal(createSealer("b".repeat(32)).open(sealed), undefined);
    assert.equal(sealer.open(`${sealed.slice(0, -2)}AA`), undefined, "tampered");
    assert.equal(sealer.open("garbage"), undefined);
  });

  it("store the text readable without its secret; sealed only when it will be sent", () => {
    const message = { text: `Open ${LINK} now`, secret: { value: LINK, redacted: "[removed]" } };
    const sealer = createSealer("a".repeat(32));
    const queued = storedText(message, sealer, "now");
    assert.equal(queued.text_body, "Open [removed] now");
    assert.equal(queued.sealed_body && sealer.open(queued.sealed_body), message.text);
    assert.equal(queued.secret_removed_at, null);
    assert.deepEqual(storedText(message, undefined, "now"), {
      text_body: "Open [removed] now",
      sealed_body: null,
      secret_removed_at: "now",
    });
  });

  it("refuse a secret the text does not hold, or a notice that holds it", () => {
    const base = { to: "a@example.org", subject: "Hi", text: `Open ${LINK}`, locale: "en" };
    for (const secret of [
      { value: "https://elsewhere.example/?token=0123456789abcdef", redacted: "[removed]" },
      { value: LINK, redacted: `see ${LINK}` },
      { value: LINK, redacted: " " },
      { value: "short", redacted: "[removed]" },
    ]) {
      assert.throws(
        () => checkMessage({ ...base, text: `${base.text} short`, secret }),
        (e: unknown) => e instanceof MailMessageError && e.field === "secret",
      );
    }
    checkMessage({ ...base, secret: { value: LINK, redacted: "[removed]" } });
  });
});
