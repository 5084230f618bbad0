import assert from "node:assert/strict";
import { before, it } from "node:test";
import { createUser, csrfTokenOf, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember } from "../../../test/support/builders.js";
import { text } from "../../../test/support/html.js";
import { addMembershipBySlug, jurisdictionBySlug } from "../../../test/support/memberships.js";
import { checkProfile, isWebAddress, PROFILE_FIELDS } from "./profile.service.js";

describeEachDatabase("editing a member's profile", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;

  before(async () => {
    // The members these tests edit, with their roster slugs; the Census GEOIDs are made up.
    for (const [name, state, slug] of [
      ["Boston", "MA", "boston-ma"],
      ["Denver", "CO", "denver-co"],
      ["Seattle", "WA", "seattle-wa"],
      ["Atlanta", "GA", "atlanta-ga"],
      ["Providence", "RI", "providence-ri"],
    ] as const) {
      await buildMember(db(), { name, state, slug, executive_title: "Mayor" });
    }
  });

  async function post(url: string, cookie: string, body: Record<string, string>) {
    return ctx.app.inject({
      method: "POST",
      url,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(body).toString(),
    });
  }

  const auditOf = (id: string) =>
    db()
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "jurisdiction")
      .where("entity_id", "=", id)
      .orderBy("at")
      .execute();

  it("lets a member admin update their own profile, which the public page shows at once", async () => {
    const userId = await createUser(ctx.app, { email: "admin@boston.example", name: "Ana" });
    const boston = await addMembershipBySlug(db(), userId, "boston-ma", "member_admin");
    const cookie = await signIn(ctx.app, "admin@boston.example");

    // The public profile is rendered and cached before the change.
    const publicBefore = await ctx.app.inject({ url: "/members/boston-ma" });
    assert.equal(publicBefore.statusCode, 200);
    assert.doesNotMatch(text(publicBefore.body), /Michelle Wu/);

    const form = await ctx.app.inject({ url: "/account/profile", headers: { cookie } });
    assert.equal(form.statusCode, 200);
    assert.equal(form.headers["cache-control"], "no-store");
    assert.match(
      form.body,
      /<form class="usa-form usa-form--large" method="post" action="\/account\/profile">/,
    );
    assert.match(form.body, /name="executive_title"[^>]*value="Mayor"/);
    assert.doesNotMatch(
      form.body,
      /name="(jurisdiction|slug|id)"/,
      "the form names no jurisdiction",
    );
    const csrf = form.body.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? "";

    const saved = await post("/account/profile", cookie, {
      _csrf: csrf,
      executive_name: "  Michelle Wu ",
      executive_title: "Mayor",
      website: "https://www.boston.gov/",
    });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    assert.equal(saved.headers.location, "/account/profile?saved=changed");
    const notice = await ctx.app.inject({ url: saved.headers.location, headers: { cookie } });
    assert.match(text(notice.body), /The profile was saved\./);
    assert.match(notice.body, /value="Michelle Wu"/);

    const row = await jurisdictionBySlug(db(), "boston-ma");
    assert.equal(row.executive_name, "Michelle Wu");
    assert.equal(row.website, "https://www.boston.gov/");

    const publicAfter = await ctx.app.inject({ url: "/members/boston-ma" });
    assert.match(text(publicAfter.body), /Mayor Michelle Wu/);
    assert.match(publicAfter.body, /href="https:\/\/www\.boston\.gov\/"/);

    const audit = await auditOf(boston);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.action, "jurisdiction.profile_update");
    assert.equal(audit[0]?.actor_email, "admin@boston.example");
    assert.equal(audit[0]?.actor_id, userId);
    // The office fields (office.test.ts) were left empty: recorded as null.
    const noOffice = Object.fromEntries(PROFILE_FIELDS.slice(3).map((f) => [f, null]));
    assert.deepEqual(JSON.parse(audit[0]?.before ?? ""), {
      executive_name: null,
      executive_title: "Mayor",
      website: null,
      ...noOffice,
    });
    assert.deepEqual(JSON.parse(audit[0]?.after ?? ""), {
      executive_name: "Michelle Wu",
      executive_title: "Mayor",
      website: "https://www.boston.gov/",
      ...noOffice,
    });

    // The same values again: nothing is written, nothing is recorded.
    const again = await post("/account/profile", cookie, {
      _csrf: csrf,
      executive_name: "Michelle Wu",
      executive_title: "Mayor",
      website: "https://www.boston.gov/",
    });
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, "/account/profile?saved=unchanged");
    const unchanged = await ctx.app.inject({ url: again.headers.location, headers: { cookie } });
    assert.match(text(unchanged.body), /Nothing was changed/);
    assert.equal((await auditOf(boston)).length, 1);
    assert.equal((await jurisdictionBySlug(db(), "boston-ma")).updated_at, row.updated_at);
  });

  it("never edits another jurisdiction, whatever the form says", async () => {
    const userId = await createUser(ctx.app, { email: "admin@denver.example" });
    const denver = await addMembershipBySlug(db(), userId, "denver-co", "member_admin");
    const seattleBefore = await jurisdictionBySlug(db(), "seattle-wa");
    const cookie = await signIn(ctx.app, "admin@denver.example");
    const csrf = await csrfTokenOf(ctx.app, "/account/profile", cookie);

    const res = await post("/account/profile", cookie, {
      _csrf: csrf,
      id: seattleBefore.id,
      jurisdiction: seattleBefore.id,
      jurisdiction_id: seattleBefore.id,
      slug: "seattle-wa",
      executive_name: "Forged Name",
      executive_title: "Mayor",
      website: "",
    });
    assert.equal(res.statusCode, 303);
    const seattleAfter = await jurisdictionBySlug(db(), "seattle-wa");
    assert.deepEqual(seattleAfter, seattleBefore, "the other jurisdiction is untouched");
    assert.equal((await auditOf(seattleBefore.id)).length, 0);
    assert.equal((await jurisdictionBySlug(db(), "denver-co")).executive_name, "Forged Name");
    assert.equal((await auditOf(denver)).length, 1, "the change was to their own");
    // A member admin has no way into the staff's form for any jurisdiction, theirs included.
    for (const url of ["/admin/members/seattle-wa/edit", "/admin/members/denver-co/edit"]) {
      assert.equal((await ctx.app.inject({ url, headers: { cookie } })).statusCode, 403, url);
      const write = await post(url, cookie, {
        _csrf: csrf,
        executive_name: "Forged",
        executive_title: "Mayor",
        website: "",
      });
      assert.equal(write.statusCode, 403, `POST ${url}`);
    }
    assert.deepEqual(await jurisdictionBySlug(db(), "seattle-wa"), seattleBefore);
  });

  it("refuses bad values field by field, in the visitor's language, keeping what was typed", async () => {
    const userId = await createUser(ctx.app, { email: "admin@atlanta.example" });
    const atlanta = await addMembershipBySlug(db(), userId, "atlanta-ga", "member_admin");
    const before = await jurisdictionBySlug(db(), "atlanta-ga");
    const cookie = await signIn(ctx.app, "admin@atlanta.example");
    const csrf = await csrfTokenOf(ctx.app, "/es/account/profile", cookie);

    const bad = await post("/es/account/profile", cookie, {
      _csrf: csrf,
      executive_name: "",
      executive_title: "",
      website: "javascript:alert(1)",
    });
    assert.equal(bad.statusCode, 422);
    const page = text(bad.body);
    assert.match(page, /No se guardó el perfil\./);
    assert.match(page, /Escriba el nombre de la autoridad ejecutiva: el perfil de un miembro/);
    assert.match(page, /Escriba el cargo de la autoridad ejecutiva/);
    assert.match(page, /Escriba una dirección web completa/);
    assert.match(bad.body, /href="#profile-website"/, "the summary links to the field");
    assert.match(bad.body, /id="profile-website"[^>]*value="javascript:alert\(1\)"/);
    assert.match(bad.body, /aria-invalid="true"/);

    const cases: [Record<string, string>, RegExp][] = [
      [{ website: "ftp://files.example.gov" }, /dirección web completa/],
      [{ website: "https://localhost" }, /dirección web completa/],
      [{ website: "https://user:pw@atlanta.example.gov" }, /dirección web completa/],
      [{ website: `https://example.gov/${"a".repeat(300)}` }, /dirección web completa/],
      [{ executive_name: "x".repeat(121) }, /120 caracteres como máximo/],
      [{ executive_title: "Mayor\nof Atlanta" }, /cargo de la autoridad ejecutiva/],
    ];
    for (const [change, message] of cases) {
      const res = await post("/es/account/profile", cookie, {
        _csrf: csrf,
        executive_name: "Andre Dickens",
        executive_title: "Mayor",
        website: "https://www.atlantaga.gov",
        ...change,
      });
      assert.equal(res.statusCode, 422, JSON.stringify(change));
      assert.match(text(res.body), message, JSON.stringify(change));
    }
    assert.deepEqual(await jurisdictionBySlug(db(), "atlanta-ga"), before, "nothing was saved");
    assert.equal((await auditOf(atlanta)).length, 0);

    const noToken = await post("/account/profile", cookie, {
      executive_name: "Andre Dickens",
      executive_title: "Mayor",
      website: "",
    });
    assert.equal(noToken.statusCode, 403);
    assert.deepEqual(await jurisdictionBySlug(db(), "atlanta-ga"), before);
  });

  it("lets coalition staff edit any member's profile with the same form", async () => {
    await createUser(ctx.app, { email: "editor@cfa.example", coalitionRole: "coalition_editor" });
    await createUser(ctx.app, { email: "plain@cfa.example" });
    const cookie = await signIn(ctx.app, "editor@cfa.example");

    const home = await ctx.app.inject({ url: "/admin", headers: { cookie } });
    assert.match(home.body, /href="\/admin\/profiles"/);
    const list = await ctx.app.inject({ url: "/zh-hans/admin/profiles", headers: { cookie } });
    assert.equal(list.statusCode, 200);
    assert.equal(list.headers["cache-control"], "no-store");
    assert.match(list.body, /href="\/zh-hans\/admin\/members\/providence-ri\/edit"/);
    assert.match(list.body, /<caption>/);

    const form = await ctx.app.inject({
      url: "/admin/members/providence-ri/edit",
      headers: { cookie },
    });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /action="\/admin\/members\/providence-ri\/edit"/);
    const csrf = form.body.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? "";

    const saved = await post("/admin/members/providence-ri/edit", cookie, {
      _csrf: csrf,
      executive_name: "Brett Smiley",
      executive_title: "Mayor",
      website: "http://www.providenceri.gov",
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, "/admin/members/providence-ri/edit?saved=changed");
    const providence = await jurisdictionBySlug(db(), "providence-ri");
    assert.equal(providence.executive_name, "Brett Smiley");
    const audit = await auditOf(providence.id);
    assert.equal(audit.at(-1)?.actor_email, "editor@cfa.example");
    assert.match(
      text((await ctx.app.inject({ url: "/members/providence-ri" })).body),
      /Brett Smiley/,
    );

    const bad = await post("/admin/members/providence-ri/edit", cookie, {
      _csrf: csrf,
      executive_name: "Brett Smiley",
      executive_title: "",
      website: "",
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /action="\/admin\/members\/providence-ri\/edit"/);

    for (const url of ["/admin/members/no-such-place/edit", "/admin/members/Bad_Slug!/edit"]) {
      assert.equal((await ctx.app.inject({ url, headers: { cookie } })).statusCode, 404, url);
    }
    const plain = await signIn(ctx.app, "plain@cfa.example");
    for (const url of ["/admin/profiles", "/admin/members/providence-ri/edit"]) {
      assert.equal((await ctx.app.inject({ url, headers: { cookie: plain } })).statusCode, 403);
    }
    const out = await ctx.app.inject({ url: "/admin/members/providence-ri/edit" });
    assert.equal(out.statusCode, 303);
    assert.match(String(out.headers.location), /^\/account\/sign-in\?next=/);
  });
});

it("checks web addresses and a member's executive name", () => {
  for (const good of ["https://www.example.gov", "http://city.example.org/path?q=1"]) {
    assert.equal(isWebAddress(good), true, good);
  }
  for (const bad of [
    "www.example.gov",
    "javascript:alert(1)",
    "data:text/html,hi",
    "https://intranet",
    "https://a@b.example.gov",
    "mailto:mayor@example.gov",
  ]) {
    assert.equal(isWebAddress(bad), false, bad);
  }
  const body = { executive_name: "", executive_title: "Mayor", website: "" };
  assert.deepEqual(checkProfile(body, "member").errors, ["executive_name_required"]);
  assert.deepEqual(checkProfile(body, "former").errors, []);
  assert.deepEqual(checkProfile(body, "former").values, {
    executive_name: null,
    executive_title: "Mayor",
    website: null,
    ...Object.fromEntries(PROFILE_FIELDS.slice(3).map((f) => [f, null])),
  });
  assert.deepEqual(checkProfile({ ...body, website: "www.example.gov" }, "former").errors, [
    "website",
  ]);
  // A field the form's schema refused (a repeated field, a line break) is reported as it is.
  assert.deepEqual(checkProfile(body, "former", new Set(["website"])).errors, ["website"]);
});
