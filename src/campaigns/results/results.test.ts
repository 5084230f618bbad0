import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, describe, it } from "node:test";
import { csrfTokenOf, mailTo, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember, buildPerson, type Person } from "../../../test/support/builders.js";
import { buildAction, buildCampaign, type Campaign } from "../../../test/support/campaigns.js";
import { text } from "../../../test/support/html.js";
import { dailySeries } from "./dashboard.service.js";

describe("dailySeries", () => {
  it("carries the running total over days without a new member", () => {
    assert.deepEqual(
      dailySeries(
        [
          { day: "2026-03-02", count: 1 },
          { day: "2026-03-04", count: 3 },
        ],
        "2026-03-01",
        "2026-03-05",
      ).map((d) => d.count),
      [0, 1, 1, 3, 3],
    );
  });
});

describeEachDatabase("a campaign's dashboard, reminders and CSV", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let tucson: { id: string };
  let phoenix: { id: string };
  let editor: Person;
  let admin: Person;
  let tucsonAdmin: Person;
  let phoenixStaff: Person;
  let campaign: Campaign;
  let letter: { id: string };

  /** A participation, as a member's act writes it. */
  async function took(actionId: string, jurisdictionId: string, signer?: [string, string]) {
    const now = new Date().toISOString();
    await db()
      .insertInto("participations")
      .values({
        id: randomUUID(),
        action_id: actionId,
        jurisdiction_id: jurisdictionId,
        acted_by: null,
        signer_name: signer?.[0] ?? null,
        signer_title: signer?.[1] ?? null,
        is_demo: 0,
        created_at: now,
        updated_at: now,
        withdrawn_at: null,
      })
      .execute();
  }

  before(async () => {
    tucson = await buildMember(db(), { name: "Tucson", state: "AZ" });
    phoenix = await buildMember(db(), { name: "Phoenix", state: "AZ" });
    await buildMember(db(), { name: "=HYPERLINK(1)", state: "TX" });
    editor = await buildPerson(db(), { role: "coalition_editor" });
    admin = await buildPerson(db(), { role: "coalition_admin" });
    tucsonAdmin = await buildPerson(db(), { jurisdiction: tucson, membershipRole: "member_admin" });
    phoenixStaff = await buildPerson(db(), { jurisdiction: phoenix });
    await db()
      .updateTable("users")
      .set({ locale: "es" })
      .where("id", "=", phoenixStaff.id)
      .execute();
    campaign = await buildCampaign(db(), {
      goal_members: 10,
      texts: { es: { title: "Semana de acción" } },
    });
    letter = await buildAction(db(), campaign, "letter", { title: "Sign-on letter" });
    await buildAction(db(), campaign, "event", { title: "Briefing" });
    await took(letter.id, tucson.id, ["Regina Romero", "Mayor"]);
  });

  const dashboard = (cookie: string, prefix = "") =>
    ctx.app.inject({
      url: `${prefix}/admin/campaigns/${campaign.slug}/dashboard`,
      headers: { cookie },
    });

  it("shows staff who takes part against the goal, by action, by state and by day", async () => {
    const res = await dashboard(await signIn(ctx.app, editor.email));
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["cache-control"], "no-store");
    const body = text(res.body);
    assert.match(body, /1 member is taking part, of a goal of 10\./);
    assert.match(body, /Sign-on letter Sign-on letter 1/);
    assert.match(body, /Arizona 1/);
    assert.match(
      res.body,
      /<svg class="cfa-chart"[^>]*role="img"[^>]*aria-labelledby="participation-chart-title participation-chart-desc"/,
    );
    assert.match(
      res.body,
      /<title id="participation-chart-title">Members taking part, day by day<\/title>/,
    );
    assert.match(res.body, /<caption>Members taking part, day by day<\/caption>/);
    assert.match(body, /2 members have not taken part yet\./);
    assert.match(body, /Phoenix, AZ/);
    assert.doesNotMatch(res.body, /\/remind"/, "an editor has no remind button");
  });

  it("speaks Spanish and Chinese, state names included", async () => {
    const cookie = await signIn(ctx.app, editor.email);
    const es = text((await dashboard(cookie, "/es")).body);
    assert.match(es, /1 miembro participa, de una meta de 10\./);
    assert.match(es, /Panel: Semana de acción/);
    const zh = text((await dashboard(cookie, "/zh-hans")).body);
    assert.match(zh, /已有 1 个成员参与，目标为 10 个。/);
    assert.match(zh, /亚利桑那州/);
  });

  it("is for coalition staff only", async () => {
    const anonymous = await ctx.app.inject({
      url: `/admin/campaigns/${campaign.slug}/dashboard`,
    });
    assert.equal(anonymous.statusCode, 303);
    const member = await dashboard(await signIn(ctx.app, tucsonAdmin.email));
    assert.equal(member.statusCode, 403);
    const missing = await ctx.app.inject({
      url: "/admin/campaigns/no-such-campaign/dashboard",
      headers: { cookie: await signIn(ctx.app, editor.email) },
    });
    assert.equal(missing.statusCode, 404);
  });

  async function remind(cookie: string, prefix = "") {
    const csrf = await csrfTokenOf(
      ctx.app,
      `${prefix}/admin/campaigns/${campaign.slug}/dashboard`,
      cookie,
    );
    return ctx.app.inject({
      method: "POST",
      url: `${prefix}/admin/campaigns/${campaign.slug}/remind`,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: csrf }).toString(),
    });
  }

  it("refuses a reminder from an editor", async () => {
    const res = await remind(await signIn(ctx.app, editor.email));
    assert.equal(res.statusCode, 403);
    assert.equal((await mailTo(db(), phoenixStaff.email)).length, 0);
  });

  it("reminds the staff of members that have not acted, in their language, once an hour", async () => {
    const cookie = await signIn(ctx.app, admin.email);
    const page = await dashboard(cookie);
    assert.match(page.body, /\/remind"/);
    const first = await remind(cookie);
    assert.equal(first.statusCode, 303, first.body.slice(0, 300));
    assert.match(String(first.headers.location), /\/dashboard\?reminded=1$/);
    const mails = await mailTo(db(), phoenixStaff.email);
    assert.equal(mails.length, 1);
    assert.equal(mails[0]?.locale, "es");
    assert.match(mails[0]?.subject ?? "", /^Recordatorio: Semana de acción$/);
    assert.match(mails[0]?.text_body ?? "", /Phoenix todavía no ha participado/);
    assert.equal((await mailTo(db(), tucsonAdmin.email)).length, 0, "Tucson signed");
    const audit = await db()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "campaign.remind")
      .where("entity_id", "=", campaign.id)
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor_email, admin.email);

    const again = await remind(cookie, "/es");
    assert.equal(again.statusCode, 429);
    assert.ok(Number(again.headers["retry-after"]) > 0);
    assert.match(text(again.body), /Ya se envió un recordatorio a las/);
    assert.equal((await mailTo(db(), phoenixStaff.email)).length, 1, "no second mail");
    assert.match(text((await dashboard(cookie)).body), /Last reminder sent/);
  });

  it("sends one reminder when two admins press at once", async () => {
    const other = await buildCampaign(db(), { texts: { es: { title: "Otra campaña" } } });
    await buildAction(db(), other, "letter");
    const cookie = await signIn(ctx.app, admin.email);
    const page = `/admin/campaigns/${other.slug}/dashboard`;
    const csrf = await csrfTokenOf(ctx.app, page, cookie);
    const press = () =>
      ctx.app.inject({
        method: "POST",
        url: `/admin/campaigns/${other.slug}/remind`,
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ _csrf: csrf }).toString(),
      });
    const codes = (await Promise.all([press(), press()])).map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [303, 429]);
    const mails = (await mailTo(db(), phoenixStaff.email)).filter((m) =>
      m.subject.includes("Otra campaña"),
    );
    assert.equal(mails.length, 1);
  });

  it("exports who took part for staff, formulas neutralised", async () => {
    const res = await ctx.app.inject({
      url: `/admin/campaigns/${campaign.slug}/participation.csv`,
      headers: { cookie: await signIn(ctx.app, editor.email) },
    });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /^text\/csv/);
    assert.match(
      String(res.headers["content-disposition"]),
      /attachment; filename=".*-participation\.csv"/,
    );
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    assert.equal(
      lines[0],
      "member,state,demo,letter 1: Sign-on letter,event 2: Briefing,letter 1: Sign-on letter: signer,first_acted_at",
    );
    assert.ok(lines.includes("'=HYPERLINK(1),TX,no,no,no,,"), lines.join("\n"));
    assert.match(res.body, /\nTucson,AZ,no,yes,no,"Regina Romero, Mayor",\d{4}-/);
    assert.match(res.body, /\nPhoenix,AZ,no,no,no,,\n/);
    const anonymous = await ctx.app.inject({
      url: `/admin/campaigns/${campaign.slug}/participation.csv`,
    });
    assert.equal(anonymous.statusCode, 303);
  });

  it("publishes the results as CSV, without signers, only once results are published", async () => {
    const url = `/campaigns/${campaign.slug}/results.csv`;
    assert.equal((await ctx.app.inject({ url })).statusCode, 404);
    await db()
      .updateTable("campaigns")
      .set({ results_published_at: new Date().toISOString() })
      .where("id", "=", campaign.id)
      .execute();
    const res = await ctx.app.inject({ url });
    assert.equal(res.statusCode, 200);
    const page = await ctx.app.inject({ url: `/es/campaigns/${campaign.slug}/results` });
    assert.match(page.body, /href="\/es\/campaigns\/[^"]+\/results\.csv">Descargar los resultados/);
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    assert.equal(
      lines[0],
      "member,state,demo,letter 1: Sign-on letter,event 2: Briefing,first_acted_on",
    );
    assert.match(lines[1] ?? "", /^Tucson,AZ,no,yes,no,\d{4}-\d{2}-\d{2}$/);
    assert.equal(lines.length, 2, "members that did not take part are not listed");
    assert.doesNotMatch(res.body, /Regina/);
    await db()
      .updateTable("campaigns")
      .set({ results_published_at: null })
      .where("id", "=", campaign.id)
      .execute();
  });
});
