import assert from "node:assert/strict";
import { before, it } from "node:test";
import { mailTo, openForm } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildPerson } from "../../test/support/builders.js";
import { text } from "../../test/support/html.js";

describeEachDatabase("reporting a barrier without a contact address", { seed: false }, (ctx) => {
  let admin: { email: string };

  before(async () => {
    admin = await buildPerson(ctx.app, { role: "coalition_admin" });
  });

  async function report(fields: Record<string, string>, prefix = "") {
    const { csrf, cookie } = await openForm(ctx.app, `${prefix}/accessibility`);
    return ctx.app.inject({
      method: "POST",
      url: `${prefix}/accessibility/report`,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  }

  it("always offers the form, and mails the report to the coalition admins", async () => {
    const page = await ctx.app.inject({ url: "/accessibility" });
    assert.match(page.body, /action="\/accessibility\/report"/);
    const res = await report({
      page: "https://cfa.test/members",
      problem: "The map cannot be used with a keyboard.\nPlease fix.",
      reply_to: "reader@example.org",
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, "/accessibility?sent=1#report");
    const mails = await mailTo(ctx.database.db, admin.email);
    assert.equal(mails.length, 1);
    // The reporter's words are quoted, on one line, with no link a mail reader would follow.
    assert.match(mails[0]?.text_body ?? "", /“https\[:\]\/\/cfa\[\.\]test\/members”/);
    assert.match(
      mails[0]?.text_body ?? "",
      /“The map cannot be used with a keyboard\. Please fix\.”/,
    );
    const thanks = await ctx.app.inject({ url: "/accessibility?sent=1" });
    assert.match(text(thanks.body), /Thank you: your report was sent/);
  });

  it("refuses an empty report and a malformed answer address, in the page's language", async () => {
    const res = await report({ page: "", problem: "", reply_to: "nobody" }, "/es");
    assert.equal(res.statusCode, 422);
    assert.match(text(res.body), /Cuente qué pasó/);
    const bad = await report(
      { page: "", problem: "Falta texto alternativo.", reply_to: "nobody" },
      "/es",
    );
    assert.equal(bad.statusCode, 422);
    assert.match(text(bad.body), /Escriba un correo como nombre@example\.org/);
    assert.match(bad.body, /Falta texto alternativo\./);
  });
});
