import assert from "node:assert/strict";
import { before, it } from "node:test";
import { createUser, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildApplication } from "../../test/support/builders.js";
import { text } from "../../test/support/html.js";
import { countPendingApplications } from "./join/applications.queries.js";

describeEachDatabase("members' entries on the admin front page", { seed: false }, (ctx) => {
  let admin = "";
  let editor = "";

  before(async () => {
    await createUser(ctx.app, { email: "admin@example.org", coalitionRole: "coalition_admin" });
    await createUser(ctx.app, { email: "editor@example.org", coalitionRole: "coalition_editor" });
    admin = await signIn(ctx.app, "admin@example.org");
    editor = await signIn(ctx.app, "editor@example.org");
  });

  const entry = (html: string, id: string) =>
    text(html.match(new RegExp(`id="admin-${id}"[\\s\\S]*?</li>`))?.[0] ?? "");

  it("counts the applications waiting for review as needing attention, for admins", async () => {
    const none = await ctx.app.inject({ url: "/admin", headers: { cookie: admin } });
    assert.doesNotMatch(entry(none.body, "applications"), /attention/);
    assert.equal(await countPendingApplications(ctx.database.db), 0);

    await buildApplication(ctx.app);
    await buildApplication(ctx.app);
    await buildApplication(ctx.app, { status: "declined", decided_at: new Date().toISOString() });
    assert.equal(await countPendingApplications(ctx.database.db), 2);
    const res = await ctx.app.inject({ url: "/admin", headers: { cookie: admin } });
    assert.match(entry(res.body, "applications"), /2 need attention/);
    assert.doesNotMatch(entry(res.body, "roster"), /attention/);
    const spanish = await ctx.app.inject({ url: "/es/admin", headers: { cookie: admin } });
    assert.match(entry(spanish.body, "applications"), /2 requieren atención/);

    const forEditor = await ctx.app.inject({ url: "/admin", headers: { cookie: editor } });
    assert.equal(entry(forEditor.body, "applications"), "", "editors do not see the entry");
  });
});
