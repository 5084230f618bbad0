import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, it } from "node:test";
import { openForm, postForm } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildMember, buildPerson } from "../../test/support/builders.js";
import { text } from "../../test/support/html.js";
import { countRows, invitationLinkFor } from "../../test/support/memberships.js";
import { startSmtpServer } from "../../test/support/smtp.js";
import { findLocale, type Locale } from "../i18n/index.js";
import {
  findInvitationByToken,
  INVITATION_DAYS,
  type InvitationTarget,
  revokeInvitation,
} from "./invitations.service.js";
import { createInvitation, SAME_INVITATION_MS } from "./invite.service.js";

const en = findLocale("en") as Locale;
const NEW_PASSWORD = "a long and unguessable passphrase";

// What invitations refuse: rows the table forbids, dead links, hostile posts, failures
// midway, floods. Accepting one is in invitations.accepting.test.ts.
// Mail is delivered to a local SMTP server: the links are read from what it received.
const smtp = await startSmtpServer();
after(() => smtp.close());
const withSmtp = { seed: false, env: { SMTP_URL: smtp.url } };

describeEachDatabase("invitations: refusals", withSmtp, (ctx) => {
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

  it("the table refuses rows that are not exactly one target, upper-case addresses and two pending invitations to one place", async () => {
    const at = new Date().toISOString();
    const row = (overrides: Record<string, unknown>) => ({
      id: randomUUID(),
      token_hash: randomUUID(),
      email: "schema@example.org",
      name: null,
      coalition_role: null,
      jurisdiction_id: null,
      membership_role: null,
      locale: "en",
      invited_by: null,
      created_at: at,
      expires_at: at,
      accepted_at: null,
      revoked_at: null,
      ...overrides,
    });
    const bad: [string, Record<string, unknown>][] = [
      ["no target", {}],
      [
        "both targets",
        {
          coalition_role: "coalition_editor",
          jurisdiction_id: jurisdiction.id,
          membership_role: "member_staff",
        },
      ],
      ["a jurisdiction without a role", { jurisdiction_id: jurisdiction.id }],
      ["a role without a jurisdiction", { membership_role: "member_admin" }],
      ["an unknown coalition role", { coalition_role: "owner" }],
      [
        "an unknown membership role",
        { jurisdiction_id: jurisdiction.id, membership_role: "owner" },
      ],
      [
        "an upper-case address",
        { coalition_role: "coalition_editor", email: "Schema@example.org" },
      ],
      ["an unknown language", { coalition_role: "coalition_editor", locale: "fr" }],
      [
        "accepted and revoked",
        { coalition_role: "coalition_editor", accepted_at: at, revoked_at: at },
      ],
    ];
    for (const [what, overrides] of bad) {
      await assert.rejects(
        db()
          .insertInto("invitations")
          .values(row(overrides) as never)
          .execute(),
        what,
      );
    }
    await db()
      .insertInto("invitations")
      .values(row({ coalition_role: "coalition_editor" }) as never)
      .execute();
    await assert.rejects(
      db()
        .insertInto("invitations")
        .values(row({ coalition_role: "coalition_admin" }) as never)
        .execute(),
      "a second pending invitation to the coalition",
    );
    // Another place, or once the first is settled, is fine.
    await db()
      .insertInto("invitations")
      .values(row({ jurisdiction_id: jurisdiction.id, membership_role: "member_staff" }) as never)
      .execute();
    await db().deleteFrom("invitations").where("email", "=", "schema@example.org").execute();
  });

  it("refuses expired, revoked, replaced and forged links with a clear page, and changes nothing", async () => {
    const expired = await invite("late@example.org", staffOf(), {
      now: new Date(Date.now() - (INVITATION_DAYS + 1) * 24 * 3600 * 1000),
    });
    const revoked = await invite("withdrawn@example.org", staffOf());
    assert.ok(await revokeInvitation(db(), revoked.id, inviter));
    // The same invitation again replaces the first once it is more than moments old.
    const replaced = await invite("twice@example.org", staffOf(), {
      now: new Date(Date.now() - SAME_INVITATION_MS - 60_000),
    });
    const current = await invite("twice@example.org", staffOf());
    const forged = "A".repeat(43);
    const cases: [string, number, RegExp][] = [
      [expired.token, 410, /This invitation has expired/],
      [revoked.token, 410, /This invitation was withdrawn/],
      [replaced.token, 410, /This invitation was withdrawn, or replaced by a newer one/],
      [forged, 404, /We do not know this invitation link/],
      ["not-a-token", 404, /We do not know this invitation link/],
      ["", 404, /We do not know this invitation link/],
    ];
    const { cookie, csrf } = await openForm(ctx.app, `/account/invitation?token=${current.token}`);
    const users = await countRows(db(), "users");
    const audit = await countRows(db(), "audit_log");
    const from = ip();
    for (const [token, status, message] of cases) {
      const page = await ctx.app.inject({ url: `/account/invitation?token=${token}` });
      assert.equal(page.statusCode, status, token);
      assert.match(text(page.body), message, token);
      assert.equal(page.headers["cache-control"], "no-store");
      const post = await postForm(
        ctx.app,
        "/account/invitation",
        cookie,
        {
          _csrf: csrf,
          token,
          name: "Someone",
          password: NEW_PASSWORD,
          password_confirm: NEW_PASSWORD,
        },
        from,
      );
      assert.equal(post.statusCode, status, `POST ${token}`);
    }
    const translated = await ctx.app.inject({
      url: `/zh-hans/account/invitation?token=${expired.token}`,
    });
    assert.match(text(translated.body), /此邀请已过期/);
    assert.equal(await countRows(db(), "users"), users, "no account was made");
    assert.equal(await countRows(db(), "audit_log"), audit);
    const pending = await findInvitationByToken(db(), current.token);
    assert.equal(pending?.acceptedAt, null);
    assert.equal(
      (await ctx.app.inject({ url: `/account/invitation?token=${current.token}` })).statusCode,
      200,
      "the newest link works",
    );
  });

  it("refuses posts without a CSRF token and hostile names (422 per field), writing nothing", async () => {
    const { token, path } = await (async () => {
      await invite("careful@example.org", staffOf());
      return invitationLinkFor(ctx.app, smtp, "careful@example.org");
    })();
    const page = await openForm(ctx.app, path);
    const users = await countRows(db(), "users");
    const accounts = await countRows(db(), "accounts");
    const from = ip();
    const good = { token, password: NEW_PASSWORD, password_confirm: NEW_PASSWORD };
    const noCsrf = await postForm(
      ctx.app,
      "/account/invitation",
      page.cookie,
      { ...good, name: "Carla" },
      from,
    );
    assert.equal(noCsrf.statusCode, 403);
    // Each refused name says why when the reason is specific, else what the field takes.
    const names: [string, RegExp][] = [
      [
        "<script>alert(1)</script>",
        /Leave out HTML tags such as <b> or <script>: this field takes plain text\./,
      ],
      ["Carla\u0007", /This contains invisible control characters\./],
      ["x".repeat(10_000), /This is 10,000 characters long; the limit is 120\./],
      // A blank name is not told about a length it did not break.
      ["  ", /Enter your name, without < or >\./],
      ["a < b", /Enter your name, without < or >\./],
    ];
    for (const [name, message] of names) {
      const res = await postForm(
        ctx.app,
        "/account/invitation",
        page.cookie,
        { ...good, _csrf: page.csrf, name },
        from,
      );
      assert.equal(res.statusCode, 422, JSON.stringify(name.slice(0, 20)));
      assert.match(text(res.body), message);
      assert.match(res.body, /aria-invalid="true"/);
      // Echoed only inside the quoted value attribute, never as markup.
      assert.equal(
        res.body.split("<script>alert").length,
        res.body.split('value="<script>alert').length,
      );
    }
    assert.equal(await countRows(db(), "users"), users);
    assert.equal(await countRows(db(), "accounts"), accounts);
    assert.equal((await findInvitationByToken(db(), token))?.acceptedAt, null);
  });

  it("leaves no account behind when accepting fails after the account was made", async () => {
    const made = await invite("racing@example.org", staffOf());
    const { path, token } = await invitationLinkFor(ctx.app, smtp, "racing@example.org");
    const page = await openForm(ctx.app, path);
    const api = ctx.app.auth.api as unknown as Record<string, unknown>;
    const signUp = api.signUpEmail as (...args: unknown[]) => Promise<unknown>;
    // Someone withdraws the invitation while the account is being made.
    api.signUpEmail = async (...args: unknown[]) => {
      const result = await signUp(...args);
      await revokeInvitation(db(), made.id, inviter);
      return result;
    };
    try {
      const res = await postForm(
        ctx.app,
        "/account/invitation",
        page.cookie,
        {
          _csrf: page.csrf,
          token,
          name: "Rae",
          password: NEW_PASSWORD,
          password_confirm: NEW_PASSWORD,
        },
        ip(),
      );
      assert.equal(res.statusCode, 410);
      assert.match(text(res.body), /This invitation was withdrawn/);
    } finally {
      api.signUpEmail = signUp;
    }
    const left = await db()
      .selectFrom("users")
      .select("id")
      .where("email", "=", "racing@example.org")
      .execute();
    assert.deepEqual(left, [], "the account made for it was removed");
    const credentials = await db()
      .selectFrom("accounts")
      .innerJoin("users", "users.id", "accounts.user_id")
      .select("accounts.id")
      .where("users.email", "=", "racing@example.org")
      .execute();
    assert.deepEqual(credentials, []);
  });

  it("limits posts to 10 per address in 15 minutes (429)", async () => {
    const { path, token } = await (async () => {
      await invite("limited@example.org", staffOf());
      return invitationLinkFor(ctx.app, smtp, "limited@example.org");
    })();
    const page = await openForm(ctx.app, path);
    const from = ip();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await postForm(
        ctx.app,
        "/account/invitation",
        page.cookie,
        { _csrf: page.csrf, token, name: "", password: "", password_confirm: "" },
        from,
      );
      statuses.push(res.statusCode);
    }
    assert.deepEqual(statuses, [...Array(10).fill(422), 429]);
  });
});
