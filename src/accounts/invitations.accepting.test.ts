import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  cookiesOf,
  createUser,
  openForm,
  postForm,
  signIn,
  TEST_PASSWORD,
} from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildMember, buildPerson } from "../../test/support/builders.js";
import { text } from "../../test/support/html.js";
import { countRows, invitationLinkFor, membershipRole } from "../../test/support/memberships.js";
import { startSmtpServer } from "../../test/support/smtp.js";
import { findLocale, type Locale } from "../i18n/index.js";
import { INVITATION_DAYS, type InvitationTarget } from "./invitations.service.js";
import { createInvitation } from "./invite.service.js";

const en = findLocale("en") as Locale;
const es = findLocale("es") as Locale;
const NEW_PASSWORD = "a long and unguessable passphrase";

// Accepting an invitation: as a new person, or with an existing account. What invitations
// refuse is in invitations.refusals.test.ts.
// Mail is delivered to a local SMTP server: the links are read from what it received.
const smtp = await startSmtpServer();
after(() => smtp.close());
const withSmtp = { seed: false, env: { SMTP_URL: smtp.url } };

describeEachDatabase("invitations: accepting", withSmtp, (ctx) => {
  const db = () => ctx.database.db;
  let address = 0;
  /** A fresh client address per request group, so rate limits of one test never hit another. */
  const ip = () => `10.7.0.${++address}`;
  let jurisdiction: { id: string; name: string };
  let inviter: { id: string; email: string; name: string };

  async function invite(
    email: string,
    target: InvitationTarget,
    options: { locale?: Locale; name?: string; now?: Date } = {},
  ) {
    const made = await createInvitation(
      db(),
      ctx.app.mailer,
      ctx.app.config,
      {
        email,
        name: options.name ?? null,
        target,
        locale: options.locale ?? en,
        inviter,
      },
      options.now,
    );
    assert.ok(made.kind === "sent", made.kind);
    return made;
  }

  const staffOf = (): InvitationTarget => ({
    kind: "jurisdiction",
    jurisdictionId: jurisdiction.id,
    role: "member_staff",
  });

  // A member jurisdiction and its admin, who invites.
  before(async () => {
    const row = await buildMember(db(), { name: "Riverton", state: "WY" });
    jurisdiction = { id: row.id, name: row.name };
    const email = "inez@example.org";
    const admin = await buildPerson(ctx.app, {
      email,
      name: "Inez Admin",
      jurisdiction: row,
      membershipRole: "member_admin",
    });
    inviter = { id: admin.id, email, name: "Inez Admin" };
  });

  it("a new person makes an account from the mailed link, is signed in and works for the jurisdiction; the link then stops working", async () => {
    await invite("Nuevo@Example.org", staffOf(), { locale: es, name: "Nuria" });
    const { path, token, mail } = await invitationLinkFor(ctx.app, smtp, "nuevo@example.org");
    assert.equal(mail.headers.get("content-language"), "es");
    assert.match(mail.subject, /^Invitación a /);
    assert.match(mail.text, /“Inez Admin” \(inez@example\.org\) le invitó/);
    assert.match(mail.text, /personal del miembro Riverton/);
    assert.match(path, /^\/es\/account\/invitation\?token=/);
    assert.equal(token.length, 43);
    const stored = await db().selectFrom("invitations").selectAll().execute();
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]?.token_hash, token, "only the hash is stored");
    assert.equal(stored[0]?.email, "nuevo@example.org", "addresses are kept lower-cased");
    assert.equal(
      Date.parse(stored[0]?.expires_at ?? "") - Date.parse(stored[0]?.created_at ?? ""),
      INVITATION_DAYS * 24 * 3600 * 1000,
    );

    const page = await openForm(ctx.app, path);
    assert.equal(page.res.statusCode, 200);
    assert.equal(page.res.headers["cache-control"], "no-store");
    const shown = text(page.res.body);
    assert.match(shown, /Inez Admin \(inez@example\.org\) invitó a nuevo@example\.org/);
    assert.match(shown, /personal del miembro Riverton/);
    assert.match(page.res.body, /name="name"[^>]*value="Nuria"|value="Nuria"[^>]*name="name"/);
    assert.match(page.res.body, /name="password_confirm"/);

    const users = await countRows(db(), "users");
    const from = ip();
    const base = { _csrf: page.csrf, token, name: "Nuria Pérez" };
    const mismatch = await postForm(
      ctx.app,
      "/es/account/invitation",
      page.cookie,
      { ...base, password: NEW_PASSWORD, password_confirm: `${NEW_PASSWORD}!` },
      from,
    );
    assert.equal(mismatch.statusCode, 422);
    assert.match(text(mismatch.body), /Las dos contraseñas no coinciden/);
    const short = await postForm(
      ctx.app,
      "/es/account/invitation",
      page.cookie,
      { ...base, password: "short", password_confirm: "short" },
      from,
    );
    assert.equal(short.statusCode, 422);
    assert.match(text(short.body), /Elija una contraseña de entre 12 y 128 caracteres/);
    assert.equal(await countRows(db(), "users"), users, "a refused form makes no account");

    const done = await postForm(
      ctx.app,
      "/es/account/invitation",
      page.cookie,
      { ...base, password: NEW_PASSWORD, password_confirm: NEW_PASSWORD },
      from,
    );
    assert.equal(done.statusCode, 303, done.body.slice(0, 500));
    assert.equal(done.headers.location, "/es/account");
    const session = [...cookiesOf(done.headers)].find(([name]) => name.endsWith("session_token"));
    assert.ok(session, "signed in");

    const user = await db()
      .selectFrom("users")
      .selectAll()
      .where("email", "=", "nuevo@example.org")
      .executeTakeFirstOrThrow();
    assert.equal(user.name, "Nuria Pérez");
    assert.equal(Boolean(user.email_verified), true);
    assert.equal(user.coalition_role, null);
    assert.equal(await membershipRole(db(), user.id, jurisdiction.id), "member_staff");
    const invitation = await db().selectFrom("invitations").selectAll().executeTakeFirstOrThrow();
    assert.ok(invitation.accepted_at);

    const account = await ctx.app.inject({
      url: "/es/account",
      headers: { cookie: `${page.cookie}; ${session[0]}=${session[1]}` },
    });
    assert.equal(account.statusCode, 200);
    assert.match(text(account.body), /Riverton/);

    const audit = await db()
      .selectFrom("audit_log")
      .select(["action", "actor_email", "entity_id"])
      .orderBy("at")
      .execute();
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor_email]),
      [
        ["invitation.create", "inez@example.org"],
        ["invitation.accept", "nuevo@example.org"],
        ["membership.create", "nuevo@example.org"],
      ],
    );

    // The same link again: refused, and nothing changes.
    const again = await ctx.app.inject({ url: path });
    assert.equal(again.statusCode, 410);
    assert.match(text(again.body), /Esta invitación ya se aceptó/);
    const before = await countRows(db(), "audit_log");
    const twice = await postForm(
      ctx.app,
      "/es/account/invitation",
      page.cookie,
      { ...base, password: NEW_PASSWORD, password_confirm: NEW_PASSWORD },
      from,
    );
    assert.equal(twice.statusCode, 410);
    assert.equal(await countRows(db(), "audit_log"), before);
  });

  it("an existing account accepts only while signed in as the invited address", async () => {
    const email = "known@example.org";
    const knownId = await createUser(ctx.app, { email, name: "Kim Known" });
    await createUser(ctx.app, { email: "someone.else@example.org", name: "Else" });
    const { token, path } = await (async () => {
      await invite(email, {
        kind: "jurisdiction",
        jurisdictionId: jurisdiction.id,
        role: "member_admin",
      });
      return invitationLinkFor(ctx.app, smtp, email);
    })();

    // Signed out: a link to sign in that comes back here, and no password form.
    const anonymous = await openForm(ctx.app, path);
    assert.equal(anonymous.res.statusCode, 200);
    assert.doesNotMatch(anonymous.res.body, /name="password"/);
    const next = encodeURIComponent(path);
    assert.ok(anonymous.res.body.includes(`/account/sign-in?next=${next}`));
    const from = ip();
    // The page has no form then; a stale form (the account was made meanwhile) posts this.
    const form = await openForm(ctx.app, "/account/sign-in", anonymous.cookie);
    const signedOut = await postForm(
      ctx.app,
      "/account/invitation",
      form.cookie,
      { _csrf: form.csrf, token },
      from,
    );
    assert.equal(signedOut.statusCode, 303);
    assert.equal(signedOut.headers.location, `/account/sign-in?next=${next}`);

    // Signed in as someone else: refused.
    const other = await signIn(ctx.app, "someone.else@example.org", TEST_PASSWORD, undefined, ip());
    const otherPage = await openForm(ctx.app, path, other);
    assert.match(
      text(otherPage.res.body),
      /You are signed in as someone\.else@example\.org, but this invitation is for known@example\.org/,
    );
    const refused = await postForm(
      ctx.app,
      "/account/invitation",
      otherPage.cookie,
      { _csrf: otherPage.csrf, token },
      from,
    );
    assert.equal(refused.statusCode, 403);
    assert.equal(await membershipRole(db(), knownId, jurisdiction.id), undefined);
    const otherUser = await db()
      .selectFrom("users")
      .select("id")
      .where("email", "=", "someone.else@example.org")
      .executeTakeFirstOrThrow();
    assert.equal(await membershipRole(db(), otherUser.id, jurisdiction.id), undefined);

    // Signed in as the address: one button, and the membership.
    const own = await signIn(ctx.app, email, TEST_PASSWORD, undefined, ip());
    const ownPage = await openForm(ctx.app, path, own);
    assert.match(text(ownPage.res.body), /Accept the invitation/);
    const accepted = await postForm(
      ctx.app,
      "/account/invitation",
      ownPage.cookie,
      { _csrf: ownPage.csrf, token },
      from,
    );
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, "/account");
    assert.equal(await membershipRole(db(), knownId, jurisdiction.id), "member_admin");
    const double = await postForm(
      ctx.app,
      "/account/invitation",
      ownPage.cookie,
      { _csrf: ownPage.csrf, token },
      from,
    );
    assert.equal(double.statusCode, 410, "a double submit uses the link once");
    const accepts = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("actor_email", "=", email)
      .execute();
    assert.deepEqual(accepts.map((a) => a.action).sort(), [
      "invitation.accept",
      "membership.create",
    ]);

    // An invitation never lowers a role: accepting "staff" leaves a member admin an admin.
    await invite(email, staffOf());
    const lower = await invitationLinkFor(ctx.app, smtp, email);
    const lowerPage = await openForm(ctx.app, lower.path, own);
    const lowerDone = await postForm(
      ctx.app,
      "/account/invitation",
      lowerPage.cookie,
      { _csrf: lowerPage.csrf, token: lower.token },
      from,
    );
    assert.equal(lowerDone.statusCode, 303);
    assert.equal(await membershipRole(db(), knownId, jurisdiction.id), "member_admin");
  });
});
