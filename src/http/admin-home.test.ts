import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, describe, it } from "node:test";
import Fastify from "fastify";
import { createUser, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildResourceFixture } from "../../test/support/authorization-resources.js";
import { buildApplication, buildMember } from "../../test/support/builders.js";
import { buildCampaignFixture } from "../../test/support/campaign-fixture.js";
import { text } from "../../test/support/html.js";
import { registeredRoutes } from "../../test/support/routes.js";
import { type AdminEntry, entriesFor, registerAdminEntry } from "./admin-home.js";

const entry = (id: string, roles: AdminEntry["roles"], order?: number): AdminEntry => ({
  id,
  title: "admin.title",
  description: "admin.home.audit",
  href: `/admin/${id}`,
  roles,
  ...(order === undefined ? {} : { order }),
});

describe("admin front page entries", () => {
  it("are shown to the roles they name, by order, then in registration order", () => {
    const entries = [
      entry("b", ["coalition_admin"], 20),
      entry("a", ["coalition_admin", "coalition_editor"], 10),
      entry("c", ["coalition_admin"], 20),
      entry("d", ["coalition_editor"]),
    ];
    assert.deepEqual(
      entriesFor(entries, "coalition_admin").map((e) => e.id),
      ["a", "b", "c"],
    );
    assert.deepEqual(
      entriesFor(entries, "coalition_editor").map((e) => e.id),
      ["d", "a"],
    );
    assert.deepEqual(entriesFor(entries, null), []);
  });

  it("are refused twice under one id, and before the front page's plugin", () => {
    const bare = Fastify();
    assert.throws(() => registerAdminEntry(bare, entry("x", [])), /register adminEntriesPlugin/);
    bare.decorate("adminEntries", []);
    registerAdminEntry(bare, entry("x", []));
    assert.throws(() => registerAdminEntry(bare, entry("x", [])), /registered twice/);
  });
});

describeEachDatabase("the admin front page", { seed: false }, (ctx) => {
  const cookies: Record<string, string> = {};

  /** The ids of the entries on the page, in order, from their list items. */
  const shown = (html: string) =>
    [...html.matchAll(/<li class="cfa-explore__item" id="admin-([a-z]+)"/g)].map((m) => m[1]);

  before(async () => {
    for (const [name, coalitionRole] of [
      ["admin", "coalition_admin"],
      ["editor", "coalition_editor"],
      ["someone", null],
    ] as const) {
      await createUser(ctx.app, { email: `${name}@example.org`, coalitionRole });
      cookies[name] = await signIn(ctx.app, `${name}@example.org`);
    }
  });

  it("is for coalition staff: signed out is sent to sign in, others are refused", async () => {
    const out = await ctx.app.inject({ url: "/es/admin" });
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, "/es/account/sign-in?next=%2Fes%2Fadmin");
    const refused = await ctx.app.inject({ url: "/admin", headers: { cookie: cookies.someone } });
    assert.equal(refused.statusCode, 403);
  });

  it("lists the pages each role opens, with a description of each", async () => {
    const admin = await ctx.app.inject({ url: "/admin", headers: { cookie: cookies.admin } });
    assert.equal(admin.statusCode, 200);
    assert.equal(admin.headers["cache-control"], "no-store");
    assert.deepEqual(shown(admin.body), [
      "applications",
      "campaigns",
      "resources",
      "roster",
      "profiles",
      "content",
      "outbox",
      "users",
      "audit",
    ]);
    for (const href of [
      "/admin/members",
      "/admin/members/import",
      "/admin/outbox",
      "/admin/audit",
    ]) {
      assert.match(admin.body, new RegExp(`href="${href.replaceAll("/", "\\/")}"`));
    }
    assert.match(text(admin.body), /Who changed what, and when\./);

    const editor = await ctx.app.inject({
      url: "/zh-hans/admin",
      headers: { cookie: cookies.editor },
    });
    assert.equal(editor.statusCode, 200);
    assert.deepEqual(shown(editor.body), ["campaigns", "resources", "profiles", "content"]);
    assert.match(editor.body, /href="\/zh-hans\/admin\/content"/);
    assert.match(text(editor.body), /编辑和翻译公开页面的文字。/);
  });

  it("counts the mail that failed as needing attention, for those who see the outbox", async () => {
    const before = await ctx.app.inject({ url: "/admin", headers: { cookie: cookies.admin } });
    assert.doesNotMatch(text(before.body), /need/);
    for (const status of ["failed", "failed", "sent"] as const) {
      await ctx.database.db
        .insertInto("outbox")
        .values({
          id: randomUUID(),
          to_address: "someone@example.org",
          subject: "Hello",
          text_body: "Hello",
          locale: "en",
          status,
          attempts: 5,
          last_error: status === "failed" ? "550 no such user" : null,
          created_at: new Date().toISOString(),
          sent_at: null,
        })
        .execute();
    }
    const admin = await ctx.app.inject({ url: "/admin", headers: { cookie: cookies.admin } });
    const outbox = admin.body.match(/id="admin-outbox"[\s\S]*?<\/li>/)?.[0] ?? "";
    assert.match(text(outbox), /Outbox 2 need attention/);
    const spanish = await ctx.app.inject({ url: "/es/admin", headers: { cookie: cookies.admin } });
    assert.match(text(spanish.body), /Bandeja de salida 2 requieren atención/);
    const editor = await ctx.app.inject({ url: "/admin", headers: { cookie: cookies.editor } });
    assert.doesNotMatch(text(editor.body), /attention/);
  });

  it("says first what waits for staff, or that nothing does (issue 10)", async () => {
    const editor = await ctx.app.inject({ url: "/admin", headers: { cookie: cookies.editor } });
    assert.match(text(editor.body), /Administration Nothing is waiting for you/);
    await buildApplication(ctx.database.db);
    const admin = await ctx.app.inject({ url: "/admin", headers: { cookie: cookies.admin } });
    const box = admin.body.match(/<section class="usa-summary-box[\s\S]*?<\/section>/)?.[0] ?? "";
    assert.match(text(box), /Waiting for you/);
    assert.match(text(box), /Membership applications\s*: 1 needs attention/);
    assert.match(box, /href="\/admin\/members"/);
    const h1 = admin.body.indexOf("<h1");
    assert.ok(h1 > 0 && admin.body.indexOf("usa-summary-box") > h1, "right under the heading");
    assert.ok(admin.body.indexOf("usa-summary-box") < admin.body.indexOf("cfa-explore"));
  });

  it("gives every admin page a breadcrumb back to /admin (issue 10)", async () => {
    const member = await buildMember(ctx.database.db);
    const application = await buildApplication(ctx.database.db);
    const campaign = await buildCampaignFixture(ctx.database.db);
    const resources = await buildResourceFixture(ctx.database.db);
    // An action's own pages are for its kind: the event's page of an event, and so on.
    const actionFor = (path: string) =>
      path.includes("/event")
        ? campaign.actionOf.event
        : path.includes("/messages") || path.includes("/graphics")
          ? campaign.actionOf.social
          : path.endsWith("/comment")
            ? campaign.actionOf.comment
            : campaign.actionOf.letter;
    // Every GET under /admin/ in the default locale (the others are the same pages).
    const urls = [...registeredRoutes(ctx.app, "GET")]
      .filter((path) => path.startsWith("/admin/") && !path.endsWith(".csv"))
      .map((path) =>
        path === "/admin/content/edit"
          ? "/admin/content/edit?key=principles.list&locale=es"
          : path.startsWith("/admin/campaigns/")
            ? path.replace(":slug", campaign.slug).replace(":action", actionFor(path))
            : path.startsWith("/admin/resources/")
              ? path.replace(":slug", resources.item)
              : path.startsWith("/admin/issues/")
                ? path.replace(":slug", resources.issue)
                : path.replace(":slug", member.slug).replace(":id", application.id),
      );
    assert.ok(urls.length >= 9, urls.join(" "));
    for (const url of urls) {
      const res = await ctx.app.inject({ url, headers: { cookie: cookies.admin } });
      assert.equal(res.statusCode, 200, url);
      const trail = res.body.match(/<nav class="usa-breadcrumb"[\s\S]*?<\/nav>/)?.[0] ?? "";
      assert.match(trail, /<a class="usa-breadcrumb__link" href="\/admin">/, url);
    }
  });
});
