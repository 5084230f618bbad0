// /rules and its staff forms on both databases, the Federal Register played by a local server.
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { postAsSignedIn, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember, buildPerson } from "../../../test/support/builders.js";
import { text } from "../../../test/support/html.js";
import { parseDocument } from "../federal-register/fr.client.js";
import {
  openRule,
  PUBLIC_CHARGE,
  startFakeFederalRegister,
} from "../federal-register/fr.fake.test-support.js";
import { addDays, easternToday } from "../rule.dates.js";
import { insertRule, ruleByNumber } from "../rules.queries.js";

const fake = await startFakeFederalRegister();
after(() => fake.close());

describeEachDatabase(
  "the watch list /rules",
  { seed: false, env: { FEDERAL_REGISTER_URL: fake.url } },
  (ctx) => {
    const db = () => ctx.database.db;
    let editorCookie: string;
    let memberCookie: string;
    // Days are counted on New York's calendar, as the page counts them.
    const today = easternToday(new Date());
    const at = new Date().toISOString();

    before(async () => {
      const editor = await buildPerson(db(), { role: "coalition_editor" });
      const tucson = await buildMember(db(), { name: "Tucson", state: "AZ" });
      const staff = await buildPerson(db(), {
        jurisdiction: tucson,
        membershipRole: "member_admin",
      });
      editorCookie = await signIn(ctx.app, editor.email);
      memberCookie = await signIn(ctx.app, staff.email);
      const add = (doc: Record<string, unknown>, demo = false) =>
        insertRule(db(), parseDocument(doc), { now: at, isDemo: demo });
      await add(openRule("2026-07003", addDays(today, 12), { title: "Third to close" }));
      await add(openRule("2026-07001", today, { title: "Closing today" }));
      await add(
        openRule("2026-07002", addDays(today, 1), { title: "Closing tomorrow", comment_url: null }),
      );
      await add(openRule("2026-07004", addDays(today, -5), { title: "Closed last week" }));
      await add(openRule("2026-07005", addDays(today, -200), { title: "Closed long ago" }));
      await add(
        { ...openRule("DEMO-2026-009", addDays(today, 30)), title: "Demo: a made-up rule" },
        true,
      );
      fake.documents.set("2018-21106", PUBLIC_CHARGE);
    });

    it("lists open rules soonest first with days left, then recently closed ones", async () => {
      const res = await ctx.app.inject({ url: "/rules" });
      assert.equal(res.statusCode, 200);
      const page = text(res.body);
      const order = [
        "Closing today",
        "Closing tomorrow",
        "Third to close",
        "Demo: a made-up rule",
        "Closed last week",
      ];
      const positions = order.map((title) => page.indexOf(title));
      assert.ok(
        positions.every((p, i) => p > 0 && (i === 0 || p > (positions[i - 1] ?? 0))),
        String(positions),
      );
      assert.ok(!page.includes("Closed long ago"));
      assert.match(page, /Closing today .*Closes today/);
      assert.match(page, /Closing tomorrow .*1 day left/);
      assert.match(page, /Third to close .*12 days left/);
      // The comment link: the API's, else Regulations.gov's page for the document.
      assert.match(
        res.body,
        /href="https:\/\/www\.regulations\.gov\/commenton\/USCIS-2026-7003-0001"/,
      );
      assert.match(
        res.body,
        /href="https:\/\/www\.regulations\.gov\/commenton\/USCIS-2026-7002-0001"/,
      );
      assert.match(res.body, /href="\/rules\/2026-07003"/);
      assert.match(page, /Demo data: rules marked Demo/);
      assert.match(page, /Demo: a made-up rule Demo Homeland/);
      // Nothing for staff on the public page.
      assert.doesNotMatch(res.body, /from-rule|name="number"/);
    });

    it("speaks Spanish and Chinese around English data, with their plurals", async () => {
      const es = await ctx.app.inject({ url: "/es/rules" });
      assert.equal(es.statusCode, 200);
      const esText = text(es.body);
      assert.match(esText, /Normas federales abiertas a comentarios/);
      assert.match(esText, /Closing today .*Cierra hoy/);
      assert.match(esText, /Closing tomorrow .*Queda 1 día/);
      assert.match(esText, /Third to close .*Quedan 12 días/);
      assert.match(es.body, /href="\/es\/rules\/2026-07003" lang="en"/);
      const zh = await ctx.app.inject({ url: "/zh-hans/rules" });
      assert.equal(zh.statusCode, 200);
      const zhText = text(zh.body);
      assert.match(zhText, /征求意见中的联邦规则/);
      assert.match(zhText, /Closing today .*今天截止/);
      assert.match(zhText, /Third to close .*还剩 12 天/);
    });

    it("shows a rule's page with its dockets, RINs and links", async () => {
      await insertRule(db(), parseDocument(PUBLIC_CHARGE), { now: at });
      const res = await ctx.app.inject({ url: "/es/rules/2018-21106" });
      assert.equal(res.statusCode, 200);
      const page = text(res.body);
      assert.match(page, /Inadmissibility on Public Charge Grounds/);
      assert.match(page, /DHS Docket No\. USCIS-2010-0012/);
      assert.match(page, /1615-AA22/);
      assert.match(page, /83 FR 51114/);
      assert.match(page, /266,077 comentarios recibidos/);
      assert.match(page, /Cerrada/);
      // Closed: no comment link, the Federal Register's page still.
      assert.doesNotMatch(res.body, /commenton/);
      assert.match(
        res.body,
        /href="https:\/\/www\.federalregister\.gov\/documents\/2018\/10\/10\/2018-21106/,
      );
      assert.equal((await ctx.app.inject({ url: "/rules/2099-99999" })).statusCode, 404);
    });

    async function post(cookie: string, url: string, fields: Record<string, string>) {
      return postAsSignedIn(ctx.app, cookie, url, fields);
    }

    it("staff see the add form and, beside each open rule, Start a campaign", async () => {
      const res = await ctx.app.inject({ url: "/rules", headers: { cookie: editorCookie } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers["cache-control"], "no-store");
      const rule = await ruleByNumber(db(), "2026-07003");
      assert.match(
        res.body,
        new RegExp(
          `action="/admin/campaigns/from-rule">\\s*<input type="hidden" name="_csrf" value="[^"]+"/?>\\s*<input type="hidden" name="rule" value="${rule?.id}"`,
        ),
      );
      assert.match(res.body, /name="number"/);
    });

    it("refuses a wrong number at its field (422), keeping what was typed", async () => {
      for (const [url, message] of [
        ["/rules", "Enter a document number like 2018-21106"],
        ["/es/rules", "Escriba un número de documento como 2018-21106"],
      ] as const) {
        const res = await post(editorCookie, url, { number: "18-21106x" });
        assert.equal(res.statusCode, 422);
        assert.match(text(res.body), new RegExp(message));
        assert.match(res.body, /value="18-21106x"/);
        assert.match(res.body, /<title>Error: /);
      }
      const demo = await post(editorCookie, "/rules", { number: "DEMO-2026-009" });
      assert.equal(demo.statusCode, 422);
    });

    it("a number the Federal Register does not know is said at the field", async () => {
      const res = await post(editorCookie, "/rules", { number: "2026-99999" });
      assert.equal(res.statusCode, 422);
      assert.match(text(res.body), /The Federal Register has no document 2026-99999/);
      assert.match(res.body, /value="2026-99999"/);
      assert.equal(await ruleByNumber(db(), "2026-99999"), undefined);
    });

    it("the Federal Register down: 503, said at the field, nothing written", async () => {
      fake.documents.set("2026-08001", openRule("2026-08001", addDays(today, 20)));
      fake.failNext.push(503);
      const res = await post(editorCookie, "/zh-hans/rules", { number: "2026-08001" });
      assert.equal(res.statusCode, 503);
      assert.match(text(res.body), /目前无法连接联邦公报/);
      assert.match(res.body, /value="2026-08001"/);
      assert.equal(await ruleByNumber(db(), "2026-08001"), undefined);
    });

    it("adds a rule by its number, audited; adding it again puts it back on the list", async () => {
      fake.documents.set(
        "2026-08002",
        openRule("2026-08002", addDays(today, 20), { title: "Added by staff" }),
      );
      const res = await post(editorCookie, "/rules", { number: "2026-08002" });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, "/rules?done=added&number=2026-08002");
      const rule = await ruleByNumber(db(), "2026-08002");
      assert.equal(rule?.title, "Added by staff");
      assert.ok(rule?.addedBy);
      const shown = await ctx.app.inject({
        url: String(res.headers.location),
        headers: { cookie: editorCookie },
      });
      assert.match(text(shown.body), /Added by staff is on the watch list/);

      const off = await post(editorCookie, "/rules/unwatch", { rule: rule?.id ?? "" });
      assert.equal(off.statusCode, 303);
      assert.equal((await ruleByNumber(db(), "2026-08002"))?.watched, false);
      assert.doesNotMatch(text((await ctx.app.inject({ url: "/rules" })).body), /Added by staff/);

      const requests = fake.requests.length;
      const back = await post(editorCookie, "/rules", { number: "2026-08002" });
      assert.equal(back.headers.location, "/rules?done=rewatched&number=2026-08002");
      assert.equal(fake.requests.length, requests, "a rule we have is not fetched again");
      assert.equal((await ruleByNumber(db(), "2026-08002"))?.watched, true);
      const audit = await db()
        .selectFrom("audit_log")
        .select(["action"])
        .where("entity_id", "=", rule?.id ?? "")
        .orderBy("at")
        .execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), [
        "rule.add",
        "rule.unwatch",
        "rule.watch",
      ]);
    });

    it("refuses a member's or the public's post (403, sign-in)", async () => {
      const member = await post(memberCookie, "/rules", { number: "2018-21106" });
      assert.equal(member.statusCode, 403);
      const rule = await ruleByNumber(db(), "2026-07003");
      const unwatch = await post(memberCookie, "/rules/unwatch", { rule: rule?.id ?? "" });
      assert.equal(unwatch.statusCode, 403);
      assert.equal((await ruleByNumber(db(), "2026-07003"))?.watched, true);
      const anonymous = await ctx.app.inject({
        method: "POST",
        url: "/rules",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "number=2018-21106",
      });
      assert.equal(anonymous.statusCode, 303);
      assert.match(String(anonymous.headers.location), /^\/account\/sign-in/);
    });

    it("GET /api/v1/rules lists the open rules with days left", async () => {
      const res = await ctx.app.inject({ url: "/api/v1/rules" });
      assert.equal(res.statusCode, 200);
      const { rules } = res.json() as {
        rules: { documentNumber: string; daysLeft: number; isDemo: boolean }[];
      };
      assert.deepEqual(
        rules.slice(0, 3).map((r) => [r.documentNumber, r.daysLeft]),
        [
          ["2026-07001", 0],
          ["2026-07002", 1],
          ["2026-07003", 12],
        ],
      );
      assert.ok(!rules.some((r) => r.documentNumber === "2026-07004"));
      assert.equal(rules.find((r) => r.documentNumber === "DEMO-2026-009")?.isDemo, true);
      const openapi = await ctx.app.inject({ url: "/api/v1/openapi.json" });
      assert.ok((openapi.json() as { paths: Record<string, unknown> }).paths["/api/v1/rules"]);
    });

    it("defines no refresh job when FEDERAL_REGISTER_REFRESH is off", async () => {
      assert.equal(ctx.app.config.federalRegister.refresh, false);
      const report = await ctx.app.jobs.runDue({ names: ["rules.refresh"] });
      assert.equal(report.ran, 0);
      const job = await db()
        .selectFrom("jobs")
        .select("id")
        .where("name", "=", "rules.refresh")
        .executeTakeFirst();
      assert.equal(job, undefined);
    });
  },
);
