// The hourly limit on token mails (sign-in links, password resets) per mailbox counts only those
// mails: other mail to the address (applications, invitations, campaigns) never holds one back.
import assert from "node:assert/strict";
import { before, beforeEach, it } from "node:test";
import { createUser, mailTo, openForm, postForm } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { TOKEN_MAILS_PER_HOUR } from "./token-mail.js";

let address = 0;
/** A client address of its own, so no request counts against another's rate limit. */
const nextAddress = () => `10.7.0.${++address}`;

describeEachDatabase("token mail limit", { seed: false }, (ctx) => {
  const EMAIL = "busy.mailbox@example.org";
  before(async () => {
    await createUser(ctx.app, { email: EMAIL, emailVerified: true });
  });
  beforeEach(async () => {
    await ctx.database.db.deleteFrom("outbox").execute();
  });

  async function ask(path: "/account/reset" | "/account/sign-in/link") {
    const cookies = new Map<string, string>();
    const form = await openForm(ctx.app, path, cookies);
    assert.equal(form.res.statusCode, 200);
    const res = await postForm(
      ctx.app,
      path,
      cookies,
      { _csrf: form.csrf, email: EMAIL },
      nextAddress(),
    );
    assert.equal(res.statusCode, 200);
  }

  const sendOrdinary = (count: number) =>
    Promise.all(
      Array.from({ length: count }, (_, i) =>
        ctx.app.mailer.send({
          to: EMAIL,
          subject: `Campaign news ${i}`,
          text: "Our coalition this month.",
          locale: "en",
        }),
      ),
    );

  it("sends a password reset after five ordinary mails to the address this hour", async () => {
    await sendOrdinary(TOKEN_MAILS_PER_HOUR);
    await ask("/account/reset");
    const mails = await mailTo(ctx.database.db, EMAIL);
    assert.equal(mails.length, TOKEN_MAILS_PER_HOUR + 1);
    const reset = mails.find((m) => !m.subject.startsWith("Campaign news"));
    assert.ok(reset, "the reset mail was written");
    // Without SMTP the mail is only kept, for staff to read: its link is not (mail/sealed.ts).
    assert.match(reset.text_body, /\[password reset link removed\]/);
    assert.doesNotMatch(reset.text_body, /token=/);
  });

  it("still sends at most five token mails an hour, links and resets counted together", async () => {
    await sendOrdinary(2);
    for (let i = 0; i < 4; i++) {
      await ask("/account/reset");
      await ask("/account/sign-in/link");
    }
    const mails = await mailTo(ctx.database.db, EMAIL);
    assert.equal(mails.length, 2 + TOKEN_MAILS_PER_HOUR);
    const kinds = await ctx.database.db
      .selectFrom("outbox")
      .select("kind")
      .where("to_address", "=", EMAIL)
      .where("subject", "not like", "Campaign news%")
      .execute();
    assert.deepEqual(
      kinds.map((k) => k.kind),
      Array(TOKEN_MAILS_PER_HOUR).fill("token"),
    );
  });
});
