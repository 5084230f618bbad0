import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, it } from "node:test";
import { openForm, postForm, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildMember, buildMembership, buildPerson } from "../../test/support/builders.js";
import { text } from "../../test/support/html.js";
import { countRows, invitationLinkFor, membershipRole } from "../../test/support/memberships.js";
import { startSmtpServer } from "../../test/support/smtp.js";
import { findLocale, type Locale } from "../i18n/index.js";
import { findInvitationByToken } from "./invitations.service.js";
import { createInvitation } from "./invite.service.js";

// Mail is delivered to a local SMTP server: the links are read from what it received.
const smtp = await startSmtpServer();
after(() => smtp.close());
const withSmtp = { seed: false, env: { SMTP_URL: smtp.url } };

describeEachDatabase("a member admin's team page", withSmtp, (ctx) => {
  const db = () => ctx.database.db;
  let address = 0;
  const ip = () => `10.8.0.${++address}`;
  const ids = {} as Record<"a" | "b" | "alice" | "sam" | "bob" | "bea", string>;
  const cookies = {} as Record<"alice" | "sam" | "bob", string>;

  async function teamForm(who: "alice" | "sam" | "bob") {
    return openForm(ctx.app, "/account/team", cookies[who]);
  }

  // Two members, each with people; every test can run alone on top of this.
  before(async () => {
    const ashford = await buildMember(db(), { name: "Ashford", state: "CT" });
    const brookline = await buildMember(db(), { name: "Brookline", state: "MA" });
    ids.a = ashford.id;
    ids.b = brookline.id;
    const people = {
      alice: { email: "alice@ashford.example", name: "Alice Admin", at: ashford, admin: true },
      sam: { email: "sam@ashford.example", name: "Sam Staff", at: ashford, admin: false },
      bob: { email: "bob@brookline.example", name: "Bob Admin", at: brookline, admin: true },
      bea: { email: "bea@brookline.example", name: "Bea Brookline", at: brookline, admin: false },
    };
    for (const [who, p] of Object.entries(people) as [
      keyof typeof people,
      (typeof people)["alice"],
    ][]) {
      const person = await buildPerson(ctx.app, {
        email: p.email,
        name: p.name,
        jurisdiction: p.at,
        membershipRole: p.admin ? "member_admin" : "member_staff",
      });
      ids[who] = person.id;
      if (who !== "bea")
        cookies[who] = await signIn(ctx.app, p.email, person.password, undefined, ip());
    }
  });

  it("is linked from /account for member admins only", async () => {
    const alice = await ctx.app.inject({ url: "/account", headers: { cookie: cookies.alice } });
    assert.match(alice.body, /href="\/account\/team"/);
    assert.match(text(alice.body), /Manage the people of Ashford/);
    const sam = await ctx.app.inject({ url: "/account", headers: { cookie: cookies.sam } });
    assert.doesNotMatch(sam.body, /href="\/account\/team"/);
  });

  it("refuses member staff (403) and sends the signed-out to sign in", async () => {
    const out = await ctx.app.inject({ url: "/account/team" });
    assert.equal(out.statusCode, 303);
    assert.match(String(out.headers.location), /^\/account\/sign-in\?next=%2Faccount%2Fteam/);
    const page = await ctx.app.inject({ url: "/account/team", headers: { cookie: cookies.sam } });
    assert.equal(page.statusCode, 403);
    assert.match(text(page.body), /Only the administrators of Ashford can do that: Alice Admin\./);
    const { csrf, cookie } = await openForm(ctx.app, "/account", cookies.sam);
    const invite = await postForm(ctx.app, "/account/team/invite", cookie, {
      _csrf: csrf,
      jurisdiction: ids.a,
      email: "friend@example.org",
      name: "",
      locale: "en",
      target: "member_staff",
    });
    assert.equal(invite.statusCode, 403);
    const remove = await postForm(ctx.app, "/account/team/remove", cookie, {
      _csrf: csrf,
      jurisdiction: ids.a,
      user: ids.alice,
    });
    assert.equal(remove.statusCode, 403);
    assert.equal(await countRows(db(), "invitations"), 0);
    assert.equal(await membershipRole(db(), ids.alice, ids.a), "member_admin");
  });

  it("shows only the jurisdiction's people, and invites for it in the invitee's language", async () => {
    const { res, cookie, csrf } = await teamForm("alice");
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["cache-control"], "no-store");
    const shown = text(res.body);
    assert.match(shown, /People of Ashford/);
    assert.match(shown, /Sam Staff/);
    assert.doesNotMatch(shown, /Bea Brookline|Bob Admin/);
    assert.doesNotMatch(res.body, /coalition_admin/, "no coalition roles are offered");

    const sent = await postForm(ctx.app, "/account/team/invite", cookie, {
      _csrf: csrf,
      jurisdiction: ids.a,
      email: "Wen@Example.org",
      name: "Wen",
      locale: "zh-Hans",
      target: "member_staff",
    });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
    assert.equal(sent.headers.location, "/account/team?done=invited");
    const row = await db()
      .selectFrom("invitations")
      .selectAll()
      .where("email", "=", "wen@example.org")
      .executeTakeFirstOrThrow();
    assert.equal(row.jurisdiction_id, ids.a);
    assert.equal(row.membership_role, "member_staff");
    assert.equal(row.coalition_role, null);
    assert.equal(row.invited_by, ids.alice);
    const { path, mail } = await invitationLinkFor(ctx.app, smtp, "wen@example.org");
    assert.equal(mail.headers.get("content-language"), "zh-Hans");
    assert.match(mail.text, /Ashford的成员工作人员/);
    assert.match(path, /^\/zh-hans\/account\/invitation\?token=/);
    const audit = await db()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "invitation.create")
      .executeTakeFirstOrThrow();
    assert.equal(audit.actor_email, "alice@ashford.example");
    assert.equal(audit.entity_id, row.id);
    assert.doesNotMatch(audit.after ?? "", /token/, "the audit log never holds the token hash");

    const after = await ctx.app.inject({
      url: "/account/team?done=invited",
      headers: { cookie: cookies.alice },
    });
    assert.match(text(after.body), /The invitation was sent\./);
    assert.match(text(after.body), /wen@example\.org/);

    const already = await postForm(ctx.app, "/account/team/invite", cookie, {
      _csrf: csrf,
      jurisdiction: ids.a,
      email: "sam@ashford.example",
      name: "",
      locale: "en",
      target: "member_staff",
    });
    assert.equal(already.statusCode, 422);
    assert.match(text(already.body), /This person already has this role, or a higher one\./);
  });

  it("refuses ids of another jurisdiction, guessed or not, and changes nothing", async () => {
    const { cookie, csrf } = await teamForm("alice");
    const spanish = findLocale("es") as Locale;
    const theirs = await createInvitation(db(), ctx.app.mailer, ctx.app.config, {
      email: "brook@example.org",
      name: null,
      target: { kind: "jurisdiction", jurisdictionId: ids.b, role: "member_staff" },
      locale: spanish,
      inviter: { id: ids.bob, email: "bob@brookline.example", name: "Bob Admin" },
    });
    assert.ok(theirs.kind === "sent");
    const invitations = await countRows(db(), "invitations");
    const audit = await countRows(db(), "audit_log");

    const forOther = await postForm(ctx.app, "/account/team/invite", cookie, {
      _csrf: csrf,
      jurisdiction: ids.b,
      email: "sneaky@example.org",
      name: "",
      locale: "en",
      target: "member_admin",
    });
    assert.equal(forOther.statusCode, 403, "inviting for another jurisdiction");
    assert.match(
      text(forOther.body),
      /This form was for another jurisdiction than the one you act for now, Ashford\./,
    );
    const noJurisdiction = await postForm(ctx.app, "/account/team/invite", cookie, {
      _csrf: csrf,
      email: "sneaky@example.org",
      name: "",
      locale: "en",
      target: "member_staff",
    });
    assert.equal(noJurisdiction.statusCode, 403, "a form without the jurisdiction");

    const cases: [Record<string, string>, number, string][] = [
      [{ jurisdiction: ids.a, user: ids.bea }, 404, "someone of another jurisdiction"],
      [{ jurisdiction: ids.b, user: ids.bea }, 403, "naming the other jurisdiction"],
      [{ jurisdiction: ids.a, user: "guessed-user-id" }, 404, "a guessed user id"],
      [{ jurisdiction: ids.a, user: "../../etc" }, 404, "a malformed id"],
    ];
    for (const [body, status, what] of cases) {
      const res = await postForm(ctx.app, "/account/team/remove", cookie, { _csrf: csrf, ...body });
      assert.equal(res.statusCode, status, what);
    }
    for (const [body, status, what] of [
      [{ jurisdiction: ids.a, invitation: theirs.id }, 404, "another jurisdiction's invitation"],
      [{ jurisdiction: ids.b, invitation: theirs.id }, 403, "naming the other jurisdiction"],
      [{ jurisdiction: ids.a, invitation: randomUUID() }, 404, "a guessed invitation id"],
    ] as [Record<string, string>, number, string][]) {
      const res = await postForm(ctx.app, "/account/team/revoke", cookie, { _csrf: csrf, ...body });
      assert.equal(res.statusCode, status, what);
    }
    assert.equal(await membershipRole(db(), ids.bea, ids.b), "member_staff");
    assert.equal(await countRows(db(), "invitations"), invitations);
    assert.equal(await countRows(db(), "audit_log"), audit);
    assert.equal((await findInvitationByToken(db(), theirs.token))?.revokedAt, null);
  });

  it("answers hostile input with 422 and a message per field, writing nothing", async () => {
    const { cookie, csrf } = await teamForm("alice");
    const invitations = await countRows(db(), "invitations");
    const outbox = await countRows(db(), "outbox");
    const bad = await postForm(ctx.app, "/account/team/invite", cookie, {
      _csrf: csrf,
      jurisdiction: ids.a,
      email: "<script>alert(1)</script>@example.org",
      name: "<script>alert(1)</script>",
      locale: "xx",
      target: "coalition_admin",
    });
    assert.equal(bad.statusCode, 422);
    const shown = text(bad.body);
    // The address and the name each say why: markup (the reason, twice).
    const markup = /Leave out HTML tags such as <b> or <script>: this field takes plain text\./g;
    assert.equal(text(bad.body).match(markup)?.length, 4, "in the summary and at each field");
    for (const message of [
      /Choose the language of the invitation\./,
      /Choose the role to invite them as\./,
    ]) {
      assert.match(shown, message);
    }
    assert.equal(
      bad.body.split("<script>alert").length,
      bad.body.split('value="<script>alert').length,
      "echoed only inside value attributes",
    );
    const emails: [string, RegExp][] = [
      [`${"x".repeat(300)}@example.org`, /This is 312 characters long; the limit is 254\./],
      ["a\u0000b@example.org", /This contains invisible control characters\./],
      ["a b@example.org", /Enter one e-mail address, such as name@example\.org/],
    ];
    for (const [email, message] of emails) {
      const res = await postForm(ctx.app, "/account/team/invite", cookie, {
        _csrf: csrf,
        jurisdiction: ids.a,
        email,
        name: "x".repeat(5000),
        locale: "en",
        target: "member_staff",
      });
      assert.equal(res.statusCode, 422, email.slice(0, 20));
      assert.match(text(res.body), message);
      assert.match(text(res.body), /This is 5,000 characters long; the limit is 120\./);
    }
    const noCsrf = await postForm(ctx.app, "/account/team/invite", cookie, {
      jurisdiction: ids.a,
      email: "fine@example.org",
      name: "",
      locale: "en",
      target: "member_staff",
    });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(await countRows(db(), "invitations"), invitations);
    assert.equal(await countRows(db(), "outbox"), outbox);
  });

  it("revokes its own invitations: the link then stops working", async () => {
    const { cookie, csrf } = await teamForm("alice");
    const sent = await postForm(ctx.app, "/account/team/invite", cookie, {
      _csrf: csrf,
      jurisdiction: ids.a,
      email: "rita@example.org",
      name: "Rita",
      locale: "en",
      target: "member_staff",
    });
    assert.equal(sent.statusCode, 303);
    const row = await db()
      .selectFrom("invitations")
      .select("id")
      .where("email", "=", "rita@example.org")
      .executeTakeFirstOrThrow();
    const { path } = await invitationLinkFor(ctx.app, smtp, "rita@example.org");
    const res = await postForm(ctx.app, "/account/team/revoke", cookie, {
      _csrf: csrf,
      jurisdiction: ids.a,
      invitation: row.id,
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, "/account/team?done=revoked");
    assert.equal((await ctx.app.inject({ url: path })).statusCode, 410);
    const again = await postForm(ctx.app, "/account/team/revoke", cookie, {
      _csrf: csrf,
      jurisdiction: ids.a,
      invitation: row.id,
    });
    assert.equal(again.statusCode, 404, "a revoked invitation is not revoked twice");
    const audit = await db()
      .selectFrom("audit_log")
      .select(["action", "actor_email"])
      .where("entity_id", "=", row.id)
      .orderBy("at")
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ["invitation.create", "invitation.revoke"],
    );
  });

  it("removes people; the last member admin cannot remove themselves", async () => {
    const { cookie, csrf } = await teamForm("alice");
    const removed = await postForm(ctx.app, "/account/team/remove", cookie, {
      _csrf: csrf,
      jurisdiction: ids.a,
      user: ids.sam,
    });
    assert.equal(removed.statusCode, 303);
    assert.equal(removed.headers.location, "/account/team?done=removed");
    assert.equal(await membershipRole(db(), ids.sam, ids.a), undefined);
    const entry = await db()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "membership.remove")
      .executeTakeFirstOrThrow();
    assert.equal(entry.actor_email, "alice@ashford.example");
    assert.match(entry.before ?? "", /member_staff/);

    const self = await postForm(ctx.app, "/es/account/team/remove", cookie, {
      _csrf: csrf,
      jurisdiction: ids.a,
      user: ids.alice,
    });
    assert.equal(self.statusCode, 409);
    assert.match(text(self.body), /Usted es el último administrador de Ashford/);
    assert.equal(await membershipRole(db(), ids.alice, ids.a), "member_admin");
    // The page offers no button that could only fail: none in Alice's own row.
    const page = await teamForm("alice");
    const ownRow = page.res.body.match(
      /<tr>(?:(?!<\/tr>)[\s\S])*alice@ashford\.example[\s\S]*?<\/tr>/,
    )?.[0];
    assert.ok(ownRow, "Alice's row");
    assert.doesNotMatch(ownRow, /team\/remove/);

    // With a second member admin, leaving is allowed (and ends access to the page).
    await buildMembership(db(), { user: ids.bob, jurisdiction: ids.a, role: "member_admin" });
    const leave = await postForm(ctx.app, "/account/team/remove", cookie, {
      _csrf: csrf,
      jurisdiction: ids.a,
      user: ids.alice,
    });
    assert.equal(leave.statusCode, 303);
    assert.equal(leave.headers.location, "/account");
    assert.equal(await membershipRole(db(), ids.alice, ids.a), undefined);
    const gone = await ctx.app.inject({ url: "/account/team", headers: { cookie } });
    assert.equal(gone.statusCode, 403);
  });
});
