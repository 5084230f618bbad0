import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { createUser, csrfTokenOf, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { text } from "../../test/support/html.js";
import { startSmtpServer } from "../../test/support/smtp.js";

const smtp = await startSmtpServer();
after(() => smtp.close());

describeEachDatabase(
  "sending failed mail again from the outbox",
  { seed: false, env: { SMTP_URL: smtp.url } },
  (ctx) => {
    let admin = "";

    before(async () => {
      await createUser(ctx.app, { email: "admin@example.org", coalitionRole: "coalition_admin" });
      await createUser(ctx.app, { email: "editor@example.org", coalitionRole: "coalition_editor" });
      admin = await signIn(ctx.app, "admin@example.org");
    });

    /** A message the server refuses for good, delivered (and given up on) at once. */
    async function failedMessage(to: string): Promise<string> {
      smtp.reset();
      smtp.refuseNext(1, { code: 550, at: "rcpt" });
      const { id } = await ctx.app.mailer.send({
        to,
        subject: `Hello ${to}`,
        text: "Body",
        locale: "en",
      });
      const report = await ctx.app.mailer.deliver();
      assert.equal(report.failed, 1);
      return id;
    }

    const row = (id: string) =>
      ctx.database.db
        .selectFrom("outbox")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow();

    async function sendAgain(id: string, cookie = admin, csrf?: string) {
      const token = csrf ?? (await csrfTokenOf(ctx.app, "/admin/outbox", admin));
      return ctx.app.inject({
        method: "POST",
        url: "/admin/outbox/send-again",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ _csrf: token, message: id }).toString(),
      });
    }

    it("shows a message that failed for good with its error; Send again queues it and it is sent", async () => {
      const id = await failedMessage("refused@example.org");
      assert.equal((await row(id)).status, "failed");

      const page = await ctx.app.inject({ url: "/admin/outbox", headers: { cookie: admin } });
      assert.equal(page.statusCode, 200);
      const failed = page.body.match(/id="outbox-failed-list"[\s\S]*?<\/table>/)?.[0] ?? "";
      assert.match(text(failed), /refused@example\.org/);
      assert.match(text(failed), /550/, "the server's reply");
      assert.match(failed, new RegExp(`name="message" value="${id}"`));
      assert.match(text(failed), /Send again/);

      const res = await sendAgain(id);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, "/admin/outbox");
      await ctx.app.mailer.deliver();
      assert.equal((await row(id)).status, "sent");
      assert.deepEqual(
        smtp.messages.map((m) => m.to),
        [["refused@example.org"]],
      );
      const audit = await ctx.database.db
        .selectFrom("audit_log")
        .selectAll()
        .where("entity_id", "=", id)
        .execute();
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor_email]),
        [["outbox.send_again", "admin@example.org"]],
      );
      const after = await ctx.app.inject({ url: "/admin/outbox", headers: { cookie: admin } });
      assert.doesNotMatch(after.body, /id="outbox-failed-list"/);
    });

    it("a double submit queues the message once, and it is sent once", async () => {
      const id = await failedMessage("twice@example.org");
      const csrf = await csrfTokenOf(ctx.app, "/admin/outbox", admin);
      const [first, second] = await Promise.all([
        sendAgain(id, admin, csrf),
        sendAgain(id, admin, csrf),
      ]);
      assert.equal(first.statusCode, 303);
      assert.equal(second.statusCode, 303);
      const jobs = await ctx.database.db
        .selectFrom("jobs")
        .select("id")
        .where("key", "=", `mail:${id}`)
        .execute();
      assert.ok(jobs.length <= 1, "one job at most");
      await ctx.app.mailer.deliver();
      await ctx.app.mailer.deliver();
      assert.equal((await row(id)).status, "sent");
      assert.equal(smtp.messages.filter((m) => m.to.includes("twice@example.org")).length, 1);
      const audit = await ctx.database.db
        .selectFrom("audit_log")
        .select("id")
        .where("entity_id", "=", id)
        .execute();
      assert.equal(audit.length, 1);
    });

    it("is for coalition admins only: others are refused and nothing changes", async () => {
      const id = await failedMessage("guarded@example.org");
      const editor = await signIn(ctx.app, "editor@example.org");
      const refused = await sendAgain(id, editor);
      assert.equal(refused.statusCode, 403);
      const out = await sendAgain(id, "");
      assert.equal(out.statusCode, 303);
      assert.match(String(out.headers.location), /^\/account\/sign-in/);
      assert.equal((await row(id)).status, "failed");
      const unknown = await sendAgain("no-such-message");
      assert.equal(unknown.statusCode, 404);
    });
  },
);
