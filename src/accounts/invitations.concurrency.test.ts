import assert from "node:assert/strict";
import { before, it } from "node:test";
import { openForm, postForm, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildInvitation, buildMember, buildPerson } from "../../test/support/builders.js";
import { text } from "../../test/support/html.js";
import { DEFAULT_LOCALE } from "../i18n/index.js";
import { createInvitation, INVITATION_MAILS_PER_HOUR } from "./invite.service.js";

// The same invitation posted many times at once (a script, an impatient double click), and many
// invitations to one address: one pending invitation, one mail, the form's usual answer, never a
// 500; and no more than INVITATION_MAILS_PER_HOUR invitation mails to one address.
describeEachDatabase("invitations sent many times at once", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let address = 0;
  const ip = () => `10.12.0.${++address}`;
  let admin: string;
  let memberAdmin: string;
  let member: { id: string; name: string };
  let inviter: { id: string; email: string; name: string };

  before(async () => {
    member = await buildMember(db(), { name: "Millbrook", state: "NY" });
    const ada = await buildPerson(ctx.app, {
      email: "ada@coalition.example",
      role: "coalition_admin",
    });
    inviter = { id: ada.id, email: ada.email, name: ada.name };
    admin = await signIn(ctx.app, ada.email, ada.password, undefined, ip());
    const mia = await buildPerson(ctx.app, {
      email: "mia@millbrook.example",
      jurisdiction: member,
      membershipRole: "member_admin",
    });
    memberAdmin = await signIn(ctx.app, mia.email, mia.password, undefined, ip());
  });

  const pending = (email: string) =>
    db()
      .selectFrom("invitations")
      .select("id")
      .where("email", "=", email)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .execute();
  const mails = (email: string) =>
    db().selectFrom("outbox").select("subject").where("to_address", "=", email).execute();

  it("20 identical invitations at once make one pending invitation and one mail", async () => {
    const { cookie, csrf } = await openForm(ctx.app, "/admin/users", admin);
    const fields = {
      _csrf: csrf,
      email: "Twenty@Example.org",
      name: "Twenty",
      locale: "es",
      target: "member_staff",
      jurisdiction: member.id,
    };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        postForm(ctx.app, "/admin/users/invite", cookie, fields, ip()),
      ),
    );
    assert.deepEqual(
      answers.map((a) => [a.statusCode, a.headers.location]),
      Array(20).fill([303, "/admin/users?done=invited"]),
      "every post gets the form's usual answer",
    );
    assert.equal((await pending("twenty@example.org")).length, 1);
    assert.equal((await mails("twenty@example.org")).length, 1);
  });

  it("a different invitation to the same address and place still replaces the pending one", async () => {
    const { cookie, csrf } = await openForm(ctx.app, "/account/team", memberAdmin);
    const fields = {
      _csrf: csrf,
      email: "swap@example.org",
      name: "",
      locale: "en",
      target: "member_staff",
      jurisdiction: member.id,
    };
    const answers = await Promise.all([
      postForm(ctx.app, "/account/team/invite", cookie, fields, ip()),
      postForm(
        ctx.app,
        "/account/team/invite",
        cookie,
        { ...fields, target: "member_admin" },
        ip(),
      ),
    ]);
    assert.deepEqual(
      answers.map((a) => a.statusCode),
      [303, 303],
    );
    assert.equal((await pending("swap@example.org")).length, 1);
  });

  it(`refuses an invitation mail beyond ${INVITATION_MAILS_PER_HOUR} per address and hour, on the form`, async () => {
    const email = "popular@example.org";
    // Invitations made over the last hour, each replacing the one before.
    const start = Date.now() - 50 * 60_000;
    for (let i = 0; i < INVITATION_MAILS_PER_HOUR; i++) {
      const made = await createInvitation(
        db(),
        ctx.app.mailer,
        ctx.app.config,
        {
          email,
          name: `Try ${i}`,
          target: { kind: "jurisdiction", jurisdictionId: member.id, role: "member_staff" },
          locale: DEFAULT_LOCALE,
          inviter,
        },
        new Date(start + i * 11 * 60_000),
      );
      assert.equal(made.kind, "sent", `invitation ${i}`);
    }
    assert.equal((await mails(email)).length, INVITATION_MAILS_PER_HOUR);
    const { cookie, csrf } = await openForm(ctx.app, "/account/team", memberAdmin);
    const refused = await postForm(
      ctx.app,
      "/account/team/invite",
      cookie,
      {
        _csrf: csrf,
        email,
        name: "",
        locale: "en",
        target: "member_admin",
        jurisdiction: member.id,
      },
      ip(),
    );
    assert.equal(refused.statusCode, 429);
    assert.match(
      text(refused.body),
      /popular@example\.org has been sent 5 invitations in the last hour/,
    );
    assert.equal((await mails(email)).length, INVITATION_MAILS_PER_HOUR, "no mail more");
    assert.equal((await pending(email)).length, 1, "the last invitation still works");

    // Another address is not held back.
    const other = await buildInvitation(db(), { email: "quiet@example.org" });
    assert.ok(other);
    const { cookie: c2, csrf: t2 } = await openForm(ctx.app, "/admin/users", admin);
    const fine = await postForm(
      ctx.app,
      "/admin/users/invite",
      c2,
      {
        _csrf: t2,
        email: "quiet@example.org",
        name: "",
        locale: "en",
        target: "coalition_editor",
        jurisdiction: "",
      },
      ip(),
    );
    assert.equal(fine.statusCode, 303);
  });
});
