// The watch list's rules in the search index (issue 14), through staff's forms, the refresh and
// the seed, the Federal Register played by a local server, on both databases: a watched rule is
// found by its docket id, number or words at once; one taken off the list is not.
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { postAsSignedIn, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildPerson } from "../../test/support/builders.js";
import { text } from "../../test/support/html.js";
import { searchResults } from "../../test/support/search.js";
import { createFederalRegisterClient } from "./federal-register/fr.client.js";
import { openRule, startFakeFederalRegister } from "./federal-register/fr.fake.test-support.js";
import { refreshWatchList } from "./refresh.service.js";
import { addDays, easternToday } from "./rule.dates.js";
import { ruleByNumber } from "./rules.queries.js";
import { seedDemoRules } from "./rules.seed.js";

const fake = await startFakeFederalRegister();
after(() => fake.close());

describeEachDatabase(
  "federal rules in the search index",
  { seed: false, env: { FEDERAL_REGISTER_URL: fake.url } },
  (ctx) => {
    const db = () => ctx.database.db;
    const closes = addDays(easternToday(new Date()), 20);
    const client = () => createFederalRegisterClient({ apiUrl: fake.url, timeoutMs: 2_000 });
    let cookie: string;

    before(async () => {
      const editor = await buildPerson(db(), { role: "coalition_editor" });
      cookie = await signIn(ctx.app, editor.email);
    });

    async function post(url: string, fields: Record<string, string>) {
      const res = await postAsSignedIn(ctx.app, cookie, url, fields);
      assert.equal(res.statusCode, 303, `${url}: ${text(res.body).slice(0, 300)}`);
    }

    /** A rule the Federal Register has, added by staff through the watch list's form. */
    async function added(number: string, extra: Record<string, unknown> = {}) {
      fake.documents.set(number, openRule(number, closes, extra));
      await post("/rules", { number });
      const rule = await ruleByNumber(db(), number);
      assert.ok(rule);
      return rule;
    }

    /** What a visitor finds: "number path" per rule. */
    async function found(q: string) {
      const results = await searchResults(db(), q, { readerLocale: "es", types: ["rule"] });
      return results.map((r) => `${r.slug} ${r.path}`);
    }

    it("finds a rule staff add by its docket id, number, RIN and agency, in English", async () => {
      await added("2026-08101", {
        title: "Interpreter standards for asylum offices",
        docket_ids: ["EOIR-2026-0042"],
        regulation_id_numbers: ["1125-AB99"],
      });
      const hit = ["2026-08101 /rules/2026-08101"];
      assert.deepEqual(await found("EOIR-2026-0042"), hit);
      assert.deepEqual(await found("2026-08101"), hit);
      assert.deepEqual(await found("1125-AB99"), hit);
      assert.deepEqual(await found("interpreter citizenship"), hit);
      const [first] = await searchResults(db(), "interpreter", { readerLocale: "zh-Hans" });
      assert.equal(first?.locale, "en");
      assert.equal((await ctx.app.inject({ url: "/rules/2026-08101" })).statusCode, 200);
    });

    it("no longer finds a rule taken off the watch list, and finds it again once put back", async () => {
      const rule = await added("2026-08102", { docket_ids: ["CBP-2026-0077"] });
      assert.deepEqual(await found("CBP-2026-0077"), ["2026-08102 /rules/2026-08102"]);
      await post("/rules/unwatch", { rule: rule.id });
      assert.doesNotMatch(text((await ctx.app.inject({ url: "/rules" })).body), /2026-08102/);
      assert.deepEqual(await found("CBP-2026-0077"), []);
      await post("/rules", { number: "2026-08102" });
      assert.equal((await ruleByNumber(db(), "2026-08102"))?.watched, true);
      assert.deepEqual(await found("CBP-2026-0077"), ["2026-08102 /rules/2026-08102"]);
    });

    it("finds what the refresh adds and changes at once, and the old words no longer", async () => {
      await added("2026-08103", {
        title: "Parole interview fees",
        docket_ids: ["USCIS-2026-0103"],
      });
      fake.documents.set(
        "2026-08103",
        openRule("2026-08103", addDays(closes, 30), {
          title: "Parole hearing fees, comment period extended",
          docket_ids: ["USCIS-2026-0103"],
        }),
      );
      fake.documents.set(
        "2026-08104",
        openRule("2026-08104", closes, { title: "Detention standards for minors" }),
      );
      const report = await refreshWatchList(db(), client(), { now: new Date() });
      assert.equal(report.failed, 0);
      assert.ok(report.found >= 1 && report.updated >= 1, JSON.stringify(report));
      assert.deepEqual(await found("detention minors"), ["2026-08104 /rules/2026-08104"]);
      assert.deepEqual(await found("hearing"), ["2026-08103 /rules/2026-08103"]);
      assert.deepEqual(await found("interview fees"), []);
    });

    it("keeps a withdrawn rule found as the list and its page show it: withdrawn, with its last words", async () => {
      await added("2026-08105", { title: "Work permits for asylum seekers" });
      fake.documents.set(
        "2026-08105",
        openRule("2026-08105", closes, {
          title: "Work permits for asylum seekers; withdrawal",
          action: "Proposed rule; withdrawal.",
        }),
      );
      const report = await refreshWatchList(db(), client(), { now: new Date() });
      assert.ok(report.withdrawn >= 1, JSON.stringify(report));
      assert.deepEqual(await found("withdrawal"), ["2026-08105 /rules/2026-08105"]);
      const page = await ctx.app.inject({ url: "/rules/2026-08105" });
      assert.match(text(page.body), /withdrawn/i);
    });

    it("finds the demo's rules, closed ones too, once the seed wrote them", async () => {
      await db()
        .transaction()
        .execute((trx) => seedDemoRules(trx, new Date()));
      assert.deepEqual(await found("USCIS-2010-0012"), ["2018-21106 /rules/2018-21106"]);
      assert.deepEqual(await found("naturalization fee"), ["DEMO-2026-001 /rules/DEMO-2026-001"]);
    });
  },
);
