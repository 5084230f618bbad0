import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, describe, it } from "node:test";
import Fastify from "fastify";
import { createUser, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { text } from "../../test/support/html.js";
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
    assert.deepEqual(shown(editor.body), ["profiles", "content"]);
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
});
