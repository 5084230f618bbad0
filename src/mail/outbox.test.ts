import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, it } from "node:test";
import { createUser, csrfTokenOf, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { text } from "../../test/support/html.js";
import type { OutboxStatus } from "../db/index.js";
import { countFailedMessages } from "./outbox.queries.js";

describeEachDatabase("the outbox page", { seed: false }, (ctx) => {
  let admin = "";

  /** A message as mail.ts writes it; inserted directly, so that any status can be shown. */
  async function message(subject: string, status: OutboxStatus, createdAt: string) {
    await ctx.database.db
      .insertInto("outbox")
      .values({
        id: randomUUID(),
        to_address: `${status}@example.org`,
        subject,
        text_body: `Body of ${subject}\nsecond line`,
        locale: "es",
        status,
        attempts: status === "failed" ? 5 : 0,
        last_error: status === "failed" ? "550 no such user" : null,
        created_at: createdAt,
        sent_at: status === "sent" ? createdAt : null,
      })
      .execute();
  }

  before(async () => {
    await createUser(ctx.app, { email: "admin@example.org", coalitionRole: "coalition_admin" });
    await createUser(ctx.app, { email: "editor@example.org", coalitionRole: "coalition_editor" });
    await createUser(ctx.app, { email: "someone@example.org" });
    admin = await signIn(ctx.app, "admin@example.org");
  });

  it("is for coalition admins only: signed out is sent to sign in, staff are refused", async () => {
    const out = await ctx.app.inject({ url: "/es/admin/outbox" });
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, "/es/account/sign-in?next=%2Fes%2Fadmin%2Foutbox");
    for (const email of ["editor@example.org", "someone@example.org"]) {
      const cookie = await signIn(ctx.app, email);
      const res = await ctx.app.inject({ url: "/admin/outbox", headers: { cookie } });
      assert.equal(res.statusCode, 403, email);
    }
  });

  it("says so when no message was written yet", async () => {
    const res = await ctx.app.inject({ url: "/admin/outbox", headers: { cookie: admin } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["cache-control"], "no-store");
    assert.match(text(res.body), /No messages yet\./);
    assert.equal(await countFailedMessages(ctx.database.db), 0);
  });

  it("lists messages newest first with their status, each body behind its subject", async () => {
    await message("Older <script>alert(1)</script>", "kept", "2024-01-01T00:00:00.000Z");
    await message("Refused", "failed", "2024-01-02T00:00:00.000Z");
    await message("Newest", "sent", "2024-01-03T00:00:00.000Z");
    const res = await ctx.app.inject({ url: "/admin/outbox", headers: { cookie: admin } });
    assert.equal(res.statusCode, 200);
    const latest = res.body.match(/id="outbox-latest"[\s\S]*?<\/table>/)?.[0] ?? "";
    const rows = [...latest.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map((m) => m[1] ?? "");
    assert.deepEqual(
      rows.map((r) => text(r).match(/(sent|failed|kept)@example\.org/)?.[1]),
      ["sent", "failed", "kept"],
    );
    assert.match(text(rows[0] ?? ""), /Newest/);
    assert.match(text(rows[0] ?? ""), /Sent/);
    assert.match(text(rows[1] ?? ""), /Failed/);
    assert.match(text(rows[2] ?? ""), /Kept \(no SMTP\)/);
    assert.match(rows[0] ?? "", /<th scope="row" lang="es"><details><summary>Newest<\/summary>/);
    assert.match(rows[0] ?? "", /<pre class="cfa-prewrap">Body of Newest\nsecond line<\/pre>/);
    assert.doesNotMatch(res.body, /<script>alert/, "subjects are text");
    assert.equal(await countFailedMessages(ctx.database.db), 1);

    const spanish = await ctx.app.inject({ url: "/es/admin/outbox", headers: { cookie: admin } });
    assert.match(text(spanish.body), /Bandeja de salida/);
    assert.match(text(spanish.body), /Falló/);
    assert.match(
      spanish.body,
      /<a class="usa-breadcrumb__link" href="\/es\/admin"><span>Administración<\/span><\/a>/,
      "a breadcrumb back to the admin front page",
    );
  });

  it("without SMTP, shows what failed with its error but offers nothing to send again", async () => {
    await message("Given up", "failed", "2024-01-04T00:00:00.000Z");
    const res = await ctx.app.inject({ url: "/admin/outbox", headers: { cookie: admin } });
    const failed = res.body.match(/id="outbox-failed-list"[\s\S]*?<\/table>/)?.[0] ?? "";
    assert.match(text(failed), /Given up/);
    assert.match(text(failed), /550 no such user/);
    assert.doesNotMatch(failed, /send-again/);
    assert.match(text(res.body), /No SMTP server is configured now/);
    const { id } = await ctx.database.db
      .selectFrom("outbox")
      .select("id")
      .where("subject", "=", "Given up")
      .executeTakeFirstOrThrow();
    // The page offers no form without SMTP: a token from another page.
    const csrf = await csrfTokenOf(ctx.app, "/account", admin);
    const posted = await ctx.app.inject({
      method: "POST",
      url: "/admin/outbox/send-again",
      headers: { cookie: admin, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: csrf, message: id }).toString(),
    });
    assert.equal(posted.statusCode, 409, posted.body.slice(0, 300));
    assert.match(text(posted.body), /nothing to send again/);
    assert.equal(await countFailedMessages(ctx.database.db), 2);
  });
});
