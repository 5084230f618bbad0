// A member's office for immigrant affairs (issue 10): a member admin fills it in on their
// profile form and residents find it on the public profile, in every language.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { createUser, csrfTokenOf, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember } from "../../../test/support/builders.js";
import { text } from "../../../test/support/html.js";
import { addMembershipBySlug } from "../../../test/support/memberships.js";
import { isPhoneNumber } from "./profile.service.js";

const OFFICE = {
  office_name: "Mayor's Office of Immigrant Affairs",
  office_address: "200 N Spring St\nLos Angeles, CA 90012",
  office_phone: "(213) 555-0100 ext. 12",
  office_email: "immigrants@lacity.example",
  office_languages: "English, Spanish, Korean, Tagalog",
  office_description: "Free legal screenings every Tuesday; call to book.",
};

describeEachDatabase("a member's office on its profile", { seed: false }, (ctx) => {
  let cookie = "";
  let jurisdictionId = "";

  before(async () => {
    await buildMember(ctx.app, { name: "Los Angeles", state: "CA", slug: "los-angeles-ca" });
    const userId = await createUser(ctx.app, { email: "admin@la.example", name: "Ana" });
    jurisdictionId = await addMembershipBySlug(
      ctx.database.db,
      userId,
      "los-angeles-ca",
      "member_admin",
    );
    cookie = await signIn(ctx.app, "admin@la.example");
  });

  async function save(fields: Record<string, string>) {
    const csrf = await csrfTokenOf(ctx.app, "/account/profile", cookie);
    return ctx.app.inject({
      method: "POST",
      url: "/account/profile",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({
        _csrf: csrf,
        executive_name: "Karen Bass",
        executive_title: "Mayor",
        website: "",
        ...fields,
      }).toString(),
    });
  }

  it("says so when a member has not listed its office", async () => {
    const res = await ctx.app.inject({ url: "/members/los-angeles-ca" });
    assert.match(
      text(res.body),
      /Office for immigrant affairs This member has not listed its office yet\./,
    );
  });

  it("is filled in by the member admin and shown to residents, in every language", async () => {
    const form = await ctx.app.inject({ url: "/account/profile", headers: { cookie } });
    // The office's details, not the person's: the browser does not fill them from theirs.
    assert.match(form.body, /name="office_phone" type="tel"[^>]*autocomplete="off"/);
    assert.match(form.body, /name="office_email" type="email"[^>]*autocomplete="off"/);

    const saved = await save(OFFICE);
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    const stored = await ctx.database.db
      .selectFrom("jurisdictions")
      .selectAll()
      .where("id", "=", jurisdictionId)
      .executeTakeFirstOrThrow();
    for (const [field, value] of Object.entries(OFFICE)) {
      assert.equal(stored[field as keyof typeof OFFICE], value, field);
    }
    const audit = await ctx.database.db
      .selectFrom("audit_log")
      .select("after")
      .where("entity_id", "=", jurisdictionId)
      .execute();
    assert.equal(JSON.parse(audit.at(-1)?.after ?? "{}").office_phone, OFFICE.office_phone);

    const page = await ctx.app.inject({ url: "/members/los-angeles-ca" });
    const body = text(page.body);
    assert.match(body, /Office Mayor's Office of Immigrant Affairs/);
    assert.match(body, /Telephone \(213\) 555-0100 ext\. 12/);
    assert.match(body, /Languages served English, Spanish, Korean, Tagalog/);
    assert.match(page.body, /href="tel:\+?213555010012"|href="tel:213555010012"/);
    assert.match(page.body, /href="mailto:immigrants@lacity.example"/);
    const es = await ctx.app.inject({ url: "/es/members/los-angeles-ca" });
    assert.match(text(es.body), /Oficina de asuntos de inmigrantes Oficina Mayor/);
    assert.match(
      es.body,
      /<dd lang="en">200 N Spring St|<dd lang="en"><span class="cfa-prewrap">200 N Spring St/,
    );
    const zh = await ctx.app.inject({ url: "/zh-hans/members/los-angeles-ca" });
    assert.match(text(zh.body), /服务语言 English, Spanish/);
  });

  it("refuses a malformed telephone number or e-mail address, each at its field", async () => {
    const res = await save({ ...OFFICE, office_phone: "call us", office_email: "not-an-address" });
    assert.equal(res.statusCode, 422);
    const body = text(res.body);
    assert.match(body, /Enter a telephone number of 7 to 20 digits/);
    assert.match(body, /Enter an e-mail address such as immigrants@example\.gov/);
    assert.match(res.body, /id="profile-office-phone"[^>]*aria-invalid="true"/);
    // The values typed are kept for correcting.
    assert.match(res.body, /name="office_phone"[^>]*value="call us"/);
  });

  it("empties the office when the fields are cleared", async () => {
    const res = await save(Object.fromEntries(Object.keys(OFFICE).map((f) => [f, ""])));
    assert.equal(res.statusCode, 303);
    const page = await ctx.app.inject({ url: "/members/los-angeles-ca" });
    assert.match(text(page.body), /This member has not listed its office yet\./);
  });
});

it("reads telephone numbers as people write them", () => {
  for (const good of ["(213) 555-0100", "+1 213 555 0100", "213.555.0100 x12", "020 7946 0958"]) {
    assert.ok(isPhoneNumber(good), good);
  }
  for (const bad of ["call us", "12345", "555-0100-555-0100-555-0100", "213 555 0100 <b>"]) {
    assert.ok(!isPhoneNumber(bad), bad);
  }
});
