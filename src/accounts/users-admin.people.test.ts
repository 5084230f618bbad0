import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, it } from "node:test";
import {
  createUser,
  openForm,
  postForm,
  signIn,
  TEST_PASSWORD,
} from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildInvitation, buildMember, buildPerson } from "../../test/support/builders.js";
import { text } from "../../test/support/html.js";
import { countRows, membershipRole } from "../../test/support/memberships.js";

// /admin/users: who may see it, the list of people, removing memberships and changing roles. Inviting is in users-admin.invitations.test.ts.
describeEachDatabase("people at /admin/users", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let address = 0;
  const ip = () => `10.9.0.${++address}`;
  const ids = {} as Record<"member" | "applicant" | "admin" | "editor" | "staff", string>;
  const cookies = {} as Record<"admin" | "editor" | "staff", string>;

  const roleOf = async (id: string) =>
    (
      await db()
        .selectFrom("users")
        .select("coalition_role")
        .where("id", "=", id)
        .executeTakeFirstOrThrow()
    ).coalition_role;

  async function adminForm() {
    return openForm(ctx.app, "/admin/users", cookies.admin);
  }

  // Coalition staff, a member with its staff, and an applicant (not a member).
  before(async () => {
    ids.member = (await buildMember(db(), { name: "Millbrook", state: "NY" })).id;
    ids.applicant = (
      await buildMember(db(), { name: "Applewood", state: "CO", status: "applicant" })
    ).id;
    ids.admin = await createUser(ctx.app, {
      email: "ada@coalition.example",
      name: "Ada Admin",
      coalitionRole: "coalition_admin",
    });
    ids.editor = await createUser(ctx.app, {
      email: "ed@coalition.example",
      name: "Ed Editor",
      coalitionRole: "coalition_editor",
    });
    ids.staff = (
      await buildPerson(ctx.app, {
        email: "stu@millbrook.example",
        name: "Stu Staff",
        jurisdiction: { id: ids.member },
      })
    ).id;
    cookies.admin = await signIn(ctx.app, "ada@coalition.example", TEST_PASSWORD, undefined, ip());
    cookies.editor = await signIn(ctx.app, "ed@coalition.example", TEST_PASSWORD, undefined, ip());
    cookies.staff = await signIn(ctx.app, "stu@millbrook.example", TEST_PASSWORD, undefined, ip());
  });

  it("is for coalition admins only: editors and member staff get 403, also on every form", async () => {
    const out = await ctx.app.inject({ url: "/admin/users" });
    assert.equal(out.statusCode, 303);
    assert.match(String(out.headers.location), /^\/account\/sign-in\?next=%2Fadmin%2Fusers/);
    for (const who of ["editor", "staff"] as const) {
      const page = await ctx.app.inject({ url: "/admin/users", headers: { cookie: cookies[who] } });
      assert.equal(page.statusCode, 403, who);
      const { cookie, csrf } = await openForm(ctx.app, "/account", cookies[who]);
      const posts: [string, Record<string, string>][] = [
        [
          "/admin/users/invite",
          { email: "x@example.org", name: "", locale: "en", target: "coalition_admin" },
        ],
        ["/admin/users/role", { user: ids.editor, role: "coalition_admin" }],
        ["/admin/users/remove-membership", { user: ids.staff, jurisdiction: ids.member }],
        ["/admin/users/revoke", { invitation: randomUUID() }],
      ];
      for (const [url, body] of posts) {
        const res = await postForm(ctx.app, url, cookie, { _csrf: csrf, ...body });
        assert.equal(res.statusCode, 403, `${who} ${url}`);
      }
    }
    assert.equal(await roleOf(ids.editor), "coalition_editor");
    assert.equal(await membershipRole(db(), ids.staff, ids.member), "member_staff");
    assert.equal(await countRows(db(), "invitations"), 0);

    const editorHome = await ctx.app.inject({ url: "/admin", headers: { cookie: cookies.editor } });
    assert.doesNotMatch(editorHome.body, /href="\/admin\/users"/);
    const adminHome = await ctx.app.inject({ url: "/admin", headers: { cookie: cookies.admin } });
    assert.equal(adminHome.statusCode, 200);
    assert.match(adminHome.body, /href="\/admin\/users"/);
  });

  it("lists everyone with their coalition role, memberships and two-step verification", async () => {
    const { res } = await adminForm();
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.equal(res.headers["cache-control"], "no-store");
    const rowOf = (email: string) =>
      text(res.body.split("<tr>").find((row) => row.includes(email)) ?? "");
    const twoFactor = async (id: string) =>
      Boolean(
        (
          await db()
            .selectFrom("users")
            .select("two_factor_enabled")
            .where("id", "=", id)
            .executeTakeFirstOrThrow()
        ).two_factor_enabled,
      );
    assert.match(rowOf("stu@millbrook.example"), /Stu Staff .*member staff, Millbrook/);
    assert.match(rowOf("stu@millbrook.example"), /Off/);
    assert.match(rowOf("ed@coalition.example"), /Ed Editor/);
    assert.match(rowOf("ada@coalition.example"), (await twoFactor(ids.admin)) ? / On $/ : / Off $/);
    assert.match(res.body, /<option value="coalition_editor" selected>coalition editor/);
    // Only members can be invited to.
    assert.match(res.body, new RegExp(`<option value="${ids.member}"`));
    assert.doesNotMatch(res.body, new RegExp(ids.applicant));
  });

  it("removes memberships and revokes invitations, refusing guessed ids", async () => {
    const { cookie, csrf } = await adminForm();
    for (const body of [
      { user: ids.staff, jurisdiction: randomUUID() },
      { user: "nobody-at-all", jurisdiction: ids.member },
      { user: ids.editor, jurisdiction: ids.member },
    ]) {
      const res = await postForm(ctx.app, "/admin/users/remove-membership", cookie, {
        _csrf: csrf,
        ...body,
      });
      assert.equal(res.statusCode, 404);
    }
    const removed = await postForm(ctx.app, "/admin/users/remove-membership", cookie, {
      _csrf: csrf,
      user: ids.staff,
      jurisdiction: ids.member,
    });
    assert.equal(removed.statusCode, 303);
    assert.equal(await membershipRole(db(), ids.staff, ids.member), undefined);
    const entry = await db()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "membership.remove")
      .executeTakeFirstOrThrow();
    assert.equal(entry.actor_email, "ada@coalition.example");
    assert.equal(entry.entity_id, `${ids.member}/${ids.staff}`);

    // A pending invitation of its own (it no longer borrows the one the invitations tests send).
    const pending = await buildInvitation(db(), {
      email: "mia@example.org",
      jurisdiction: { id: ids.member },
      invitedBy: { id: ids.admin },
    });
    assert.equal(
      (
        await postForm(ctx.app, "/admin/users/revoke", cookie, {
          _csrf: csrf,
          invitation: randomUUID(),
        })
      ).statusCode,
      404,
    );
    const revoked = await postForm(ctx.app, "/admin/users/revoke", cookie, {
      _csrf: csrf,
      invitation: pending.id,
    });
    assert.equal(revoked.statusCode, 303);
    const path = `/account/invitation?token=${pending.token}`;
    assert.equal((await ctx.app.inject({ url: path })).statusCode, 410);
    assert.ok(
      await db()
        .selectFrom("audit_log")
        .select("id")
        .where("action", "=", "invitation.revoke")
        .where("entity_id", "=", pending.id)
        .executeTakeFirst(),
    );
  });

  it("changes coalition roles, and never removes the last coalition admin", async () => {
    const { cookie, csrf } = await adminForm();
    const audit = await countRows(db(), "audit_log");
    const self = await postForm(ctx.app, "/es/admin/users/role", cookie, {
      _csrf: csrf,
      user: ids.admin,
      role: "none",
    });
    assert.equal(self.statusCode, 409);
    assert.match(text(self.body), /Es el último administrador de la coalición/);
    assert.equal(await roleOf(ids.admin), "coalition_admin");
    assert.equal(await countRows(db(), "audit_log"), audit);

    const invalid = await postForm(ctx.app, "/admin/users/role", cookie, {
      _csrf: csrf,
      user: ids.editor,
      role: "superuser",
    });
    assert.equal(invalid.statusCode, 422);
    assert.match(text(invalid.body), /Choose none, coalition editor or coalition administrator\./);
    const guessed = await postForm(ctx.app, "/admin/users/role", cookie, {
      _csrf: csrf,
      user: "no-such-user",
      role: "coalition_admin",
    });
    assert.equal(guessed.statusCode, 404);
    const same = await postForm(ctx.app, "/admin/users/role", cookie, {
      _csrf: csrf,
      user: ids.editor,
      role: "coalition_editor",
    });
    assert.equal(same.headers.location, "/admin/users?done=unchanged");
    assert.equal(await countRows(db(), "audit_log"), audit);

    const promoted = await postForm(ctx.app, "/admin/users/role", cookie, {
      _csrf: csrf,
      user: ids.editor,
      role: "coalition_admin",
    });
    assert.equal(promoted.statusCode, 303);
    assert.equal(promoted.headers.location, "/admin/users?done=role");
    assert.equal(await roleOf(ids.editor), "coalition_admin");
    const change = await db()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "user.role_change")
      .where("entity_id", "=", ids.editor)
      .executeTakeFirstOrThrow();
    assert.equal(change.actor_email, "ada@coalition.example");
    assert.deepEqual(JSON.parse(change.before ?? "{}"), { coalition_role: "coalition_editor" });
    assert.deepEqual(JSON.parse(change.after ?? "{}"), { coalition_role: "coalition_admin" });

    // With another admin, an admin may step down, and loses the page with it.
    const down = await postForm(ctx.app, "/admin/users/role", cookie, {
      _csrf: csrf,
      user: ids.admin,
      role: "coalition_editor",
    });
    assert.equal(down.statusCode, 303);
    assert.equal(await roleOf(ids.admin), "coalition_editor");
    assert.equal(
      (await ctx.app.inject({ url: "/admin/users", headers: { cookie } })).statusCode,
      403,
    );
  });
});
