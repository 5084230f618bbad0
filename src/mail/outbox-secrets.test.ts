// No stored or displayed mail holds a usable one-time link (issue 9): the outbox row and
// /admin/outbox show the link replaced by a notice, the whole text is kept only sealed and only
// until it is sent, and a mail whose link is gone is never sent (again) as a dead link. The link
// still works from the mail as delivered (a local SMTP server receives it).
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  cookiesOf,
  createUser,
  csrfTokenOf,
  deliveredTo,
  linkIn,
  openForm,
  postForm,
  signIn,
} from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { text } from "../../test/support/html.js";
import { startSmtpServer } from "../../test/support/smtp.js";
import { DEFAULT_LOCALE, translator } from "../i18n/index.js";

const smtp = await startSmtpServer();
after(() => smtp.close());
const SESSION_COOKIE = "__Secure-cfa.session_token";

let address = 0;
const nextAddress = () => `10.9.0.${++address}`;

describeEachDatabase(
  "one-time links in the outbox",
  { seed: false, env: { SMTP_URL: smtp.url } },
  (ctx) => {
    let admin = "";
    before(async () => {
      await createUser(ctx.app, { email: "boss@example.org", coalitionRole: "coalition_admin" });
      admin = await signIn(ctx.app, "boss@example.org");
    });

    async function askForLink(email: string) {
      const cookies = new Map<string, string>();
      const form = await openForm(ctx.app, "/account/sign-in/link", cookies);
      const res = await postForm(
        ctx.app,
        "/account/sign-in/link",
        cookies,
        { _csrf: form.csrf, email },
        nextAddress(),
      );
      assert.equal(res.statusCode, 200);
    }

    const rowTo = (email: string) =>
      ctx.database.db
        .selectFrom("outbox")
        .selectAll()
        .where("to_address", "=", email)
        .executeTakeFirstOrThrow();
    const outboxPage = async () =>
      (await ctx.app.inject({ url: "/admin/outbox", headers: { cookie: admin } })).body;

    it("after a sign-in link is sent, neither the row nor the page holds it; the mail's link works", async () => {
      const email = "member.admin@example.org";
      await createUser(ctx.app, { email, name: "Mia", emailVerified: true });
      // Written but not yet sent: only a sealed copy holds the link.
      smtp.refuseNext(1, { code: 451 });
      await askForLink(email);
      await ctx.app.mailer.deliver();
      const waiting = await rowTo(email);
      assert.equal(waiting.status, "queued");
      assert.match(waiting.text_body, /\[sign-in link removed\]/);
      assert.doesNotMatch(waiting.text_body, /token=/);
      assert.ok(waiting.sealed_body, "kept sealed until it is sent");
      assert.equal(waiting.secret_removed_at, null);

      await ctx.database.db
        .updateTable("jobs")
        .set({ run_at: new Date(0).toISOString() })
        .execute();
      const [mail] = await deliveredTo(ctx.app, smtp, email);
      assert.ok(mail, "delivered");
      const link = linkIn(mail.text);
      const token = new URL(link, "https://cfa.test").searchParams.get("token") ?? "";
      assert.match(token, /^[A-Za-z0-9]{32}$/);
      assert.ok(waiting.sealed_body && !waiting.sealed_body.includes(token), "sealed, not hidden");

      const sent = await rowTo(email);
      assert.equal(sent.status, "sent");
      assert.equal(sent.sealed_body, null, "wiped once sent");
      assert.ok(sent.secret_removed_at);
      assert.ok(!JSON.stringify(sent).includes(token), "no column holds the token");
      assert.equal(
        sent.text_body,
        mail.text.trimEnd().replace(`https://cfa.test${link}`, "[sign-in link removed]"),
      );
      const page = await outboxPage();
      assert.ok(!page.includes(token));
      assert.match(text(page), /\[sign-in link removed\]/);

      // The delivered link signs in.
      const cookies = new Map<string, string>();
      const landing = await openForm(ctx.app, link, cookies);
      const done = await postForm(
        ctx.app,
        "/account/sign-in/link/verify",
        cookies,
        { _csrf: landing.csrf, token },
        nextAddress(),
      );
      assert.equal(done.statusCode, 303, done.body.slice(0, 300));
      assert.ok(cookiesOf(done.headers).get(SESSION_COOKIE));
    });

    it("a link mail given up on loses its link, and is not sent again: the page says why", async () => {
      const email = "bounced@example.org";
      await createUser(ctx.app, { email, emailVerified: true });
      smtp.reset();
      smtp.refuseNext(1, { code: 550, at: "rcpt" });
      await askForLink(email);
      await ctx.app.mailer.deliver();
      const failed = await rowTo(email);
      assert.equal(failed.status, "failed");
      assert.equal(failed.sealed_body, null);
      assert.ok(failed.secret_removed_at);

      const page = await outboxPage();
      const list = page.match(/id="outbox-failed-list"[\s\S]*?<\/table>/)?.[0] ?? "";
      assert.match(text(list), /Its one-time link was removed/);
      assert.doesNotMatch(list, new RegExp(`value="${failed.id}"`), "no Send again button");

      // The outbox page has no form now: any form of the session carries its token.
      const csrf = await csrfTokenOf(ctx.app, "/admin/users", admin);
      const again = await ctx.app.inject({
        method: "POST",
        url: "/admin/outbox/send-again",
        headers: { cookie: admin, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ _csrf: csrf, message: failed.id }).toString(),
      });
      assert.equal(again.statusCode, 409, text(again.body).slice(0, 400));
      assert.ok(text(again.body).includes(translator(DEFAULT_LOCALE)("errors.mail_secret_gone")));
      await ctx.app.mailer.deliver();
      assert.equal((await rowTo(email)).status, "failed");
      assert.equal(smtp.messages.length, 0, "nothing sent");
    });

    it("a queued mail whose link is gone, or sealed with another secret, is given up, never sent", async () => {
      smtp.reset();
      const secret = { value: "https://cfa.test/x?token=0123456789abcdef", redacted: "[gone]" };
      const mails = ["wiped", "foreign"].map((name) => ({
        to: `${name}@example.org`,
        subject: "Your link",
        text: `Open ${secret.value} now`,
        locale: "en",
        secret,
      }));
      const wiped = await ctx.app.mailer.send(mails[0] as (typeof mails)[0]);
      const foreign = await ctx.app.mailer.send(mails[1] as (typeof mails)[0]);
      // As migration 0014 leaves a queued mail; and as another AUTH_SECRET would have sealed one.
      await ctx.database.db
        .updateTable("outbox")
        .set({ sealed_body: null, secret_removed_at: new Date().toISOString() })
        .where("id", "=", wiped.id)
        .execute();
      await ctx.database.db
        .updateTable("outbox")
        .set({ sealed_body: "v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
        .where("id", "=", foreign.id)
        .execute();
      const report = await ctx.app.mailer.deliver();
      assert.equal(report.failed, 2);
      assert.equal(smtp.offered, 0);
      for (const to of ["wiped@example.org", "foreign@example.org"]) {
        const row = await rowTo(to);
        assert.equal(row.status, "failed");
        assert.match(row.last_error ?? "", /one-time link/);
        assert.equal(row.sealed_body, null);
        assert.equal(row.text_body, "Open [gone] now");
      }
    });

    it("an invitation's link is not in the outbox either", async () => {
      const email = "invitee@example.org";
      const form = await openForm(ctx.app, "/admin/users", admin);
      const res = await postForm(ctx.app, "/admin/users/invite", form.cookie, {
        _csrf: form.csrf,
        email,
        name: "Ivy",
        locale: "en",
        target: "coalition_editor",
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      const [mail] = await deliveredTo(ctx.app, smtp, email);
      const token = mail?.text.match(/[?&]token=([A-Za-z0-9_-]+)/)?.[1];
      assert.ok(token, "the delivered mail has the link");
      const row = await rowTo(email);
      assert.ok(!JSON.stringify(row).includes(token));
      assert.match(row.text_body, /\[invitation link removed\]/);
      assert.ok(!(await outboxPage()).includes(token));
    });
  },
);
