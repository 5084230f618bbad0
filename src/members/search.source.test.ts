// The roster in the search index (issue 14), through staff's and members' own forms, the roster
// import and the seed, on both databases: a jurisdiction is found exactly when its profile is
// public (members and former members), and every change is found at once.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { postAsSignedIn, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildApplication, buildMember, buildPerson } from "../../test/support/builders.js";
import { text } from "../../test/support/html.js";
import { csv, row } from "../../test/support/roster-csv.js";
import { searchResults } from "../../test/support/search.js";
import { reindexSearch } from "../search/index.js";
import { seedDemoMembers } from "./members.seed.js";
import { applyRosterImport } from "./roster/roster.import.js";
import { previewRosterImport } from "./roster/roster.preview.js";
import { memberSearchSource } from "./search.source.js";

describeEachDatabase("the roster in the search index", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let adminCookie: string;

  before(async () => {
    const admin = await buildPerson(db(), { role: "coalition_admin" });
    adminCookie = await signIn(ctx.app, admin.email);
  });

  async function post(url: string, cookie: string, fields: Record<string, string>) {
    const res = await postAsSignedIn(ctx.app, cookie, url, fields);
    assert.equal(res.statusCode, 303, `${url}: ${text(res.body).slice(0, 300)}`);
  }

  /** What a visitor finds: "title path" per member. */
  async function found(q: string) {
    const results = await searchResults(db(), q, { readerLocale: "es", types: ["member"] });
    return results.map((r) => `${r.title} ${r.path}`);
  }

  it("finds members and former members as their profiles are public, never an applicant", async () => {
    const built = await Promise.all(
      (["member", "former", "applicant"] as const).map((status) =>
        buildMember(db(), {
          name: `Quillfield ${status}`,
          slug: `quillfield-${status}`,
          state: "OR",
          status,
          office_description: "Quillfield welcomes newcomers.",
        }),
      ),
    );
    await db()
      .transaction()
      .execute((trx) =>
        reindexSearch(
          trx,
          memberSearchSource,
          built.map((m) => m.id),
        ),
      );
    assert.deepEqual((await found("quillfield")).sort(), [
      "Quillfield former, OR /members/quillfield-former",
      "Quillfield member, OR /members/quillfield-member",
    ]);
    assert.equal((await ctx.app.inject({ url: "/members/quillfield-applicant" })).statusCode, 404);
    assert.deepEqual(await found("oregon newcomers"), await found("quillfield"));
    const [first] = await searchResults(db(), "quillfield member", { readerLocale: "zh-Hans" });
    assert.equal(first?.locale, null);
  });

  it("finds an accepted applicant by its name at once, and a former member back by its new executive", async () => {
    const dodge = await buildApplication(db(), { geoid: "2018250", executive_name: "Ada Quarles" });
    assert.deepEqual(await found("dodge"), []);
    await post(`/admin/members/applications/${dodge.id}/accept`, adminCookie, {});
    assert.deepEqual(await found("dodge"), ["Dodge City, KS /members/dodge-city-ks"]);
    assert.deepEqual(await found("quarles"), ["Dodge City, KS /members/dodge-city-ks"]);

    await buildMember(db(), {
      geoid: "2053775",
      name: "Overland Park",
      slug: "overland-park-ks",
      state: "KS",
      status: "former",
    });
    const back = await buildApplication(db(), {
      geoid: "2053775",
      executive_name: "Curt Skoog-Zephyrine",
    });
    await post(`/admin/members/applications/${back.id}/accept`, adminCookie, {});
    assert.deepEqual(await found("zephyrine"), ["Overland Park, KS /members/overland-park-ks"]);
  });

  const profile = (description: string) => ({
    executive_name: "Rosa Linden",
    executive_title: "Mayor",
    website: "",
    office_name: "Office of New Bostonians",
    office_languages: "Spanish, Haitian Creole",
    office_description: description,
  });

  it("finds a member admin's profile edit at once, and the old words no longer", async () => {
    const jurisdiction = await buildMember(db(), {
      name: "Marrowby",
      slug: "marrowby-vt",
      state: "VT",
      office_description: "Legal clinics every Tuesday.",
    });
    await db()
      .transaction()
      .execute((trx) => reindexSearch(trx, memberSearchSource, [jurisdiction.id]));
    assert.deepEqual(await found("clinics"), ["Marrowby, VT /members/marrowby-vt"]);
    const admin = await buildPerson(db(), { jurisdiction, membershipRole: "member_admin" });
    const cookie = await signIn(ctx.app, admin.email);
    await post("/account/profile", cookie, profile("Citizenship workshops monthly."));
    assert.deepEqual(await found("clinics"), []);
    assert.deepEqual(await found("workshops"), ["Marrowby, VT /members/marrowby-vt"]);
    assert.deepEqual(await found("haitian creole"), ["Marrowby, VT /members/marrowby-vt"]);
    assert.deepEqual(await found("linden"), ["Marrowby, VT /members/marrowby-vt"]);
  });

  it("finds coalition staff's edit of a profile at once", async () => {
    await buildMember(db(), { name: "Tessaly", slug: "tessaly-nm", state: "NM" });
    await post("/admin/members/tessaly-nm/edit", adminCookie, profile("Tessaly's welcome desk."));
    assert.deepEqual(await found("welcome desk"), ["Tessaly, NM /members/tessaly-nm"]);
  });

  it("follows a roster import: a new member found, a former one still, one made an applicant gone", async () => {
    const tacoma = await buildMember(db(), {
      geoid: "5370000",
      name: "Tacoma",
      slug: "tacoma-wa",
      state: "WA",
      executive_name: "Victoria Woodards",
      executive_title: "Mayor",
      joined_on: "2019-01-01",
    });
    const spokane = await buildMember(db(), {
      geoid: "5367000",
      name: "Spokane",
      slug: "spokane-wa",
      state: "WA",
      executive_name: "Lisa Brown",
      executive_title: "Mayor",
      joined_on: "2019-01-01",
    });
    await db()
      .transaction()
      .execute((trx) => reindexSearch(trx, memberSearchSource, [tacoma.id, spokane.id]));
    const file = csv([
      row({ geoid: "0653000", name: "Oakland", slug: "oakland-ca" }),
      row({
        geoid: "5370000",
        name: "Tacoma",
        state: "WA",
        status: "former",
        executive_name: "Jordan Quennell",
        slug: "tacoma-wa",
        joined_on: "2019-01-01",
      }),
      row({
        geoid: "5367000",
        name: "Spokane",
        state: "WA",
        status: "applicant",
        executive_name: "Lisa Brown",
        slug: "spokane-wa",
        joined_on: "2019-01-01",
      }),
    ]);
    const preview = await previewRosterImport(db(), file);
    assert.deepEqual(preview.problems, []);
    await applyRosterImport(db(), preview);
    assert.deepEqual(await found("oakland"), ["Oakland, CA /members/oakland-ca"]);
    assert.deepEqual(await found("quennell"), ["Tacoma, WA /members/tacoma-wa"]);
    assert.deepEqual(await found("spokane"), []);
    assert.equal((await ctx.app.inject({ url: "/members/spokane-wa" })).statusCode, 404);
  });

  it("finds the demo roster once the seed wrote it", async () => {
    await db()
      .transaction()
      .execute((trx) => seedDemoMembers(trx, new Date().toISOString()));
    assert.deepEqual(await found("houston"), ["Houston, TX /members/houston-tx"]);
  });
});
