// Text people type reaches mail the coalition sends (issue 9, item 5): the join form's contact
// name goes to any address the form names. Every one-line field that reaches a mail refuses line
// breaks (422, the form again with its message), and mail shows such text quoted, as someone's
// words, with nothing a mail reader would make a link of.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { createInvitation } from "../src/accounts/index.js";
import { findLocale, type Locale, translator } from "../src/i18n/index.js";
import { quoted } from "../src/mail/index.js";
import { createUser, openForm, postForm, signIn } from "./support/accounts.js";
import { describeEachDatabase } from "./support/app.js";
import { buildMember } from "./support/builders.js";
import { text } from "./support/html.js";
import { createMember } from "./support/memberships.js";

const en = findLocale("en") as Locale;
const ONE_LINE = translator(en)("errors.field.line_break");
const PHISH = "Ana\r\nURGENT: confirm your account at https://evil.example";
const DODGE_CITY = "2018250";

let address = 0;
const ip = () => `10.11.0.${++address}`;

describeEachDatabase("user text in mail", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  const outboxTo = (to: string) =>
    db().selectFrom("outbox").selectAll().where("to_address", "=", to).execute();
  let admin = "";
  let memberAdmin = "";
  let memberId = "";
  let bossId = "";

  before(async () => {
    const member = await buildMember(db(), { name: "Ashford", state: "CT" });
    memberId = member.id;
    bossId = await createUser(ctx.app, {
      email: "boss@example.org",
      coalitionRole: "coalition_admin",
    });
    await createMember(ctx.app, { email: "mo@ashford.example" }, member.id, "member_admin");
    admin = await signIn(ctx.app, "boss@example.org", undefined, undefined, ip());
    memberAdmin = await signIn(ctx.app, "mo@ashford.example", undefined, undefined, ip());
  });

  async function join(fields: Record<string, string>) {
    const form = await openForm(ctx.app, `/join?geoid=${DODGE_CITY}`);
    const key = form.res.body.match(/name="submission_key" value="([^"]*)"/)?.[1] ?? "";
    return postForm(ctx.app, "/join", form.cookie, {
      _csrf: form.csrf,
      submission_key: key,
      geoid: DODGE_CITY,
      kind: "city",
      executive_name: "Joyce Warshaw",
      executive_title: "Mayor",
      contact_name: "Ana Pérez",
      contact_title: "",
      contact_email: "victim@example.org",
      contact_phone: "",
      message: "",
      agree: "yes",
      ...fields,
    });
  }

  it("the join form refuses a contact or executive name on several lines, and mails nobody", async () => {
    for (const field of [
      "contact_name",
      "executive_name",
      "executive_title",
      "contact_title",
    ] as const) {
      const res = await join({ [field]: PHISH });
      assert.equal(res.statusCode, 422, field);
      // The join form says the reason, as it is the problem (views/form.tsx, decision 0016).
      assert.ok(text(res.body).includes(translator(en)("errors.field.line_break")), field);
    }
    assert.equal((await outboxTo("victim@example.org")).length, 0);
  });

  it("the join mail quotes the applicant's name, says who wrote it, and links nothing of theirs", async () => {
    const res = await join({ contact_name: "Ana. URGENT: confirm at https://evil.example/x" });
    assert.equal(res.statusCode, 303, text(res.body).slice(0, 300));
    const [mail] = await outboxTo("victim@example.org");
    assert.ok(mail);
    assert.match(mail.text_body, /“Ana\. URGENT: confirm at https\[:\]\/\/evil\[\.\]example\/x”/);
    assert.doesNotMatch(mail.text_body, /https:\/\/evil|evil\.example/);
    assert.match(mail.text_body, /as written on the application form, which anyone can fill in/);
  });

  it("invitation forms refuse a name on several lines: /admin/users, the team page, accepting", async () => {
    const users = await openForm(ctx.app, "/admin/users", admin);
    const byAdmin = await postForm(ctx.app, "/admin/users/invite", users.cookie, {
      _csrf: users.csrf,
      email: "new@example.org",
      name: PHISH,
      locale: "en",
      target: "coalition_editor",
    });
    assert.equal(byAdmin.statusCode, 422);
    assert.ok(text(byAdmin.body).includes(ONE_LINE));

    const team = await openForm(ctx.app, "/account/team", memberAdmin);
    const byMember = await postForm(ctx.app, "/account/team/invite", team.cookie, {
      _csrf: team.csrf,
      jurisdiction: memberId,
      email: "new@example.org",
      name: PHISH,
      locale: "en",
      target: "member_staff",
    });
    assert.equal(byMember.statusCode, 422);
    assert.ok(text(byMember.body).includes(ONE_LINE));
    assert.equal((await outboxTo("new@example.org")).length, 0);

    const inviter = { id: bossId, email: "boss@example.org", name: "Boss" };
    const invitation = await createInvitation(db(), ctx.app.mailer, ctx.app.config, {
      email: "newcomer@example.org",
      name: null,
      target: { kind: "coalition", role: "coalition_editor" },
      locale: en,
      inviter,
    });
    assert.equal(invitation.kind, "sent");
    const landing = `/account/invitation?token=${invitation.token}`;
    const page = await openForm(ctx.app, landing);
    const password = "a long and unguessable passphrase";
    const accepted = await postForm(
      ctx.app,
      "/account/invitation",
      page.cookie,
      {
        _csrf: page.csrf,
        token: invitation.token,
        name: PHISH,
        password,
        password_confirm: password,
      },
      ip(),
    );
    assert.equal(accepted.statusCode, 422);
    assert.ok(text(accepted.body).includes(ONE_LINE));
  });

  it("an invitation mail quotes the names people typed: the inviter's and the invitee's", async () => {
    const inviter = {
      id: bossId,
      email: "eve@example.org",
      name: "Eve. Verify at www.evil.example",
    };
    await createInvitation(db(), ctx.app.mailer, ctx.app.config, {
      email: "quoted@example.org",
      name: "Q https://evil.example",
      target: { kind: "coalition", role: "coalition_editor" },
      locale: en,
      inviter,
    });
    const [mail] = await outboxTo("quoted@example.org");
    assert.ok(mail);
    assert.ok(mail.text_body.includes(`Hello ${quoted("Q https://evil.example")},`));
    assert.ok(mail.text_body.includes("“Eve. Verify at www[.]evil[.]example” (eve@example.org)"));
    assert.doesNotMatch(mail.text_body, /evil\.example/);
  });
});

it("quoted(): one line, in quotes, no link", () => {
  assert.equal(quoted(" Ana\r\n  Pérez\u2028x "), "“Ana Pérez x”");
  assert.equal(quoted("see https://a.example/b.c"), "“see https[:]//a[.]example/b[.]c”");
  assert.equal(quoted("Dr. J. Smith"), "“Dr. J. Smith”");
});
