import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, it } from "node:test";
import {
  createUser,
  openForm,
  postForm,
  signIn,
  TEST_PASSWORD,
} from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildMember, buildPerson } from "../../test/support/builders.js";
import { text } from "../../test/support/html.js";
import { countRows, invitationLinkFor } from "../../test/support/memberships.js";
import { startSmtpServer } from "../../test/support/smtp.js";

// /admin/users: inviting coalition staff and member staff, and refusing hostile input. The list of people and roles are in users-admin.people.test.ts.
// Mail is delivered to a local SMTP server: the links are read from what it received.
const smtp = await startSmtpServer();
after(() => smtp.close());
const withSmtp = { seed: false, env: { SMTP_URL: smtp.url } };

describeEachDatabase("invitations at /admin/users", withSmtp, (ctx) => {
  const db = () => ctx.database.db;
  let address = 0;
  const ip = () => `10.9.0.${++address}`;
  const ids = {} as Record<"member" | "applicant" | "admin" | "editor" | "staff", string>;
  const cookies = {} as Record<"admin" | "editor" | "staff", string>;

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

  it("invites a coalition editor in Spanish, who accepts as a new person", async () => {
    const { cookie, csrf } = await adminForm();
    const res = await postForm(ctx.app, "/admin/users/invite", cookie, {
      _csrf: csrf,
      email: "elena@example.org",
      name: "Elena",
      locale: "es",
      target: "coalition_editor",
      jurisdiction: "",
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    assert.equal(res.headers.location, "/admin/users?done=invited");
    const { path, token, mail } = await invitationLinkFor(ctx.app, smtp, "elena@example.org");
    assert.equal(mail.headers.get("content-language"), "es");
    assert.match(
      mail.text,
      /“Ada Admin” \(ada@coalition\.example\) le invitó a unirse a .* como editor de la coalición/,
    );

    const listed = await ctx.app.inject({ url: "/admin/users", headers: { cookie } });
    assert.match(text(listed.body), /elena@example\.org coalition editor Ada Admin/);

    const page = await openForm(ctx.app, path);
    const done = await postForm(
      ctx.app,
      "/es/account/invitation",
      page.cookie,
      {
        _csrf: page.csrf,
        token,
        name: "Elena Ruiz",
        password: "otra contraseña bastante larga",
        password_confirm: "otra contraseña bastante larga",
      },
      ip(),
    );
    assert.equal(done.statusCode, 303, done.body.slice(0, 300));
    const elena = await db()
      .selectFrom("users")
      .selectAll()
      .where("email", "=", "elena@example.org")
      .executeTakeFirstOrThrow();
    assert.equal(elena.coalition_role, "coalition_editor");
    const audit = await db()
      .selectFrom("audit_log")
      .select(["action", "actor_email"])
      .where("action", "in", ["invitation.create", "invitation.accept", "user.role_change"])
      .orderBy("at")
      .execute();
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor_email]),
      [
        ["invitation.create", "ada@coalition.example"],
        ["invitation.accept", "elena@example.org"],
        ["user.role_change", "elena@example.org"],
      ],
    );
  });

  it("invites member admins and staff only to member jurisdictions", async () => {
    const { cookie, csrf } = await adminForm();
    const invitations = await countRows(db(), "invitations");
    for (const jurisdiction of ["", ids.applicant, randomUUID(), "<script>"]) {
      const res = await postForm(ctx.app, "/admin/users/invite", cookie, {
        _csrf: csrf,
        email: "mia@example.org",
        name: "",
        locale: "en",
        target: "member_admin",
        jurisdiction,
      });
      assert.equal(res.statusCode, 422, jurisdiction);
      assert.match(text(res.body), /Choose a member jurisdiction\./);
    }
    assert.equal(await countRows(db(), "invitations"), invitations);
    const res = await postForm(ctx.app, "/admin/users/invite", cookie, {
      _csrf: csrf,
      email: "mia@example.org",
      name: "",
      locale: "en",
      target: "member_admin",
      jurisdiction: ids.member,
    });
    assert.equal(res.statusCode, 303);
    const row = await db()
      .selectFrom("invitations")
      .selectAll()
      .where("email", "=", "mia@example.org")
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [row.coalition_role, row.jurisdiction_id, row.membership_role, row.locale],
      [null, ids.member, "member_admin", "en"],
    );
  });

  it("answers hostile input with 422 and a message per field, writing nothing", async () => {
    const { cookie, csrf } = await adminForm();
    const counts = async () => [
      await countRows(db(), "invitations"),
      await countRows(db(), "outbox"),
      await countRows(db(), "audit_log"),
    ];
    const before = await counts();
    const MARKUP = /Leave out HTML tags such as <b> or <script>: this field takes plain text\./;
    const CONTROL = /This contains invisible control characters\./;
    const cases: [Record<string, string>, RegExp[]][] = [
      [
        { email: "<script>alert(1)</script>", name: "<b>x</b>", locale: "fr", target: "root" },
        // Each field says why: markup in the address and the name (the reason, twice).
        [
          new RegExp(`${MARKUP.source}[^]*${MARKUP.source}`),
          /Choose the language of the invitation\./,
          /Choose the role to invite them as\./,
        ],
      ],
      [
        {
          email: `${"a".repeat(250)}@example.org`,
          name: "n\u001bame",
          locale: "en",
          target: "coalition_editor",
        },
        [/This is 262 characters long; the limit is 254\./, CONTROL],
      ],
      [
        { email: "ada@coalition.example", name: "", locale: "en", target: "coalition_editor" },
        [/This person already has this role, or a higher one\./],
      ],
    ];
    for (const [body, messages] of cases) {
      const res = await postForm(ctx.app, "/admin/users/invite", cookie, { _csrf: csrf, ...body });
      assert.equal(res.statusCode, 422, body.email?.slice(0, 20));
      for (const message of messages) assert.match(text(res.body), message);
      assert.match(
        res.body,
        /role="alert" tabindex="-1" autofocus class="usa-alert usa-alert--error"/,
      );
      assert.equal(
        res.body.split("<script>alert").length,
        res.body.split('value="<script>alert').length,
      );
    }
    const translated = await postForm(ctx.app, "/zh-hans/admin/users/invite", cookie, {
      _csrf: csrf,
      email: "nope",
      name: "",
      locale: "en",
      target: "coalition_editor",
    });
    assert.equal(translated.statusCode, 422);
    assert.match(text(translated.body), /请输入一个电子邮件地址/);
    const noCsrf = await postForm(ctx.app, "/admin/users/invite", cookie, {
      email: "fine@example.org",
      name: "",
      locale: "en",
      target: "coalition_editor",
    });
    assert.equal(noCsrf.statusCode, 403);
    assert.deepEqual(await counts(), before);
  });
});
