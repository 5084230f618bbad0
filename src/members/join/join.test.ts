import assert from "node:assert/strict";
import { before, it } from "node:test";
import { escapeHtml } from "@kitajs/html";
import type { FastifyInstance } from "fastify";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember } from "../../../test/support/builders.js";
import { htmlLang, text } from "../../../test/support/html.js";
import { LOCALES, localizedPath, translator } from "../../i18n/index.js";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const DODGE_CITY = "2018250"; // Dodge City city, KS: in the Census data, not on the demo roster

/** Opens the application form as a browser would: the CSRF cookie and the form's hidden fields. */
async function openForm(app: FastifyInstance, geoid: string, prefix = "") {
  const res = await app.inject({ url: `${prefix}/join?geoid=${geoid}` });
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  const cookie = String(res.headers["set-cookie"] ?? "").split(";")[0] ?? "";
  const field = (name: string) =>
    res.body.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1] ?? "";
  return { res, cookie, csrf: field("_csrf"), submissionKey: field("submission_key") };
}

const GOOD = {
  kind: "city",
  executive_name: "Joyce Warshaw",
  executive_title: "Mayor",
  contact_name: "Ana Pérez",
  contact_title: "Immigrant Affairs Director",
  contact_email: "ana.perez@dodgecity.example",
  contact_phone: "+1 (620) 555-0100",
  message: "",
  agree: "yes",
};

function post(
  app: FastifyInstance,
  form: Awaited<ReturnType<typeof openForm>>,
  fields: Record<string, string>,
  prefix = "",
) {
  return app.inject({
    method: "POST",
    url: `${prefix}/join`,
    headers: { cookie: form.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({
      _csrf: form.csrf,
      submission_key: form.submissionKey,
      geoid: DODGE_CITY,
      ...fields,
    }).toString(),
  });
}

describeEachDatabase("joining the coalition", { seed: false }, (ctx) => {
  before(async () => {
    // A member, to be told it is one: South Gate city, CA (its Census GEOID).
    await buildMember(ctx.database.db, { geoid: "0673080", name: "South Gate", state: "CA" });
  });
  const applications = () =>
    ctx.database.db.selectFrom("membership_applications").selectAll().execute();
  const outbox = () =>
    ctx.database.db.selectFrom("outbox").selectAll().orderBy("created_at").execute();

  it("finds a jurisdiction by name among Census places and counties, in every language", async () => {
    for (const locale of LOCALES) {
      const res = await ctx.app.inject({
        url: `${localizedPath(locale, "/join")}?q=dodge+city&state=KS`,
      });
      assert.equal(res.statusCode, 200);
      assert.equal(htmlLang(res.body), locale.tag);
      assert.match(
        res.body,
        new RegExp(`href="${localizedPath(locale, "/join")}\\?geoid=${DODGE_CITY}"`),
      );
    }
    const county = await ctx.app.inject({ url: "/join?q=montgomery+county&state=MD" });
    assert.match(county.body, /geoid=24031/);
  });

  it("refuses a search that is too short or names no state, with a message at the field", async () => {
    const res = await ctx.app.inject({ url: "/es/join?q=a&state=ZZ" });
    assert.equal(res.statusCode, 400);
    const t = translator(LOCALES[1] as (typeof LOCALES)[number]);
    assert.ok(text(res.body).includes(t("join.search.error.q")));
    assert.ok(text(res.body).includes(t("join.search.error.state")));
  });

  it("answers 404 for a GEOID that is malformed or not a Census geography", async () => {
    for (const geoid of ["abc", "9999999", "12", "<script>"]) {
      assert.equal(
        (await ctx.app.inject({ url: `/join?geoid=${encodeURIComponent(geoid)}` })).statusCode,
        404,
        geoid,
      );
    }
  });

  it("tells a member it is already one, without a form", async () => {
    const res = await ctx.app.inject({ url: "/join?geoid=0673080" });
    assert.equal(res.statusCode, 200);
    assert.match(text(res.body), /South Gate city is already a member/);
    assert.doesNotMatch(res.body, /method="post"/);
  });

  it("refuses a post without the form's CSRF token, storing nothing", async () => {
    const form = await openForm(ctx.app, DODGE_CITY);
    const noToken = await post(ctx.app, { ...form, csrf: "" }, GOOD);
    assert.equal(noToken.statusCode, 403);
    assert.ok(
      text(noToken.body).includes(
        translator(LOCALES[0] as (typeof LOCALES)[number])("errors.csrf_failed"),
      ),
    );
    const noCookie = await post(ctx.app, { ...form, cookie: "" }, GOOD);
    assert.equal(noCookie.statusCode, 403);
    assert.equal((await applications()).length, 0);
  });

  it("reports every bad field at once and stores nothing, whatever is sent", async () => {
    const form = await openForm(ctx.app, DODGE_CITY, "/zh-hans");
    const res = await post(
      ctx.app,
      form,
      {
        kind: "village",
        executive_name: "",
        executive_title: "M".repeat(10_000),
        contact_name: "Ana\u0000Pérez",
        contact_email: "not-an-address",
        contact_phone: "<script>alert(1)</script>",
        message: "x".repeat(2001),
        agree: "",
      },
      "/zh-hans",
    );
    assert.equal(res.statusCode, 422);
    assert.equal(htmlLang(res.body), "zh-Hans");
    const t = translator(LOCALES[2] as (typeof LOCALES)[number]);
    // What the field takes when that is the problem; the reason when it is specific.
    const messages: Record<string, string> = {
      kind: t("join.error.kind"),
      executive_name: t("join.error.executive_name"),
      executive_title: t("errors.field.too_long", { length: 10_000, limit: 120 }),
      contact_name: t("errors.field.control"),
      contact_email: t("join.error.contact_email"),
      contact_phone: t("join.error.contact_phone"),
      message: t("errors.field.too_long", { length: 2001, limit: 2000 }),
      agree: t("join.error.agree"),
    };
    for (const [field, message] of Object.entries(messages)) {
      assert.match(
        res.body,
        new RegExp(`id="app-${field}-error"[^>]*>${escapeRegExp(escapeHtml(message))}<`),
        field,
      );
    }
    // The summary names the field whose reason does not ("…: 此处有 10,000 个字符…").
    assert.ok(
      text(res.body).includes(
        t("errors.field.in_summary", {
          label: t("join.field.executive_title"),
          message: messages.executive_title ?? "",
        }),
      ),
    );
    // Echoed only inside a quoted attribute, where it is inert text.
    assert.doesNotMatch(res.body.replace(/value="[^"]*"/g, ""), /<script>alert/);
    assert.ok(!res.body.includes("\u0000"), "control characters are not echoed back");
    assert.equal((await applications()).length, 0);
  });

  it("says the length only when it is the problem, and what to do with an empty search", async () => {
    const form = await openForm(ctx.app, DODGE_CITY);
    const res = await post(ctx.app, form, {
      ...GOOD,
      contact_name: "",
      contact_title: "T".repeat(121),
      contact_phone: "1".repeat(41),
    });
    assert.equal(res.statusCode, 422);
    const error = (field: string) =>
      text(res.body.match(new RegExp(`id="app-${field}-error"[^>]*>([^<]*)<`))?.[1] ?? "");
    assert.equal(error("contact_name"), "Enter your name.");
    assert.equal(error("contact_title"), "This is 121 characters long; the limit is 120.");
    assert.equal(error("contact_phone"), "This is 41 characters long; the limit is 40.");
    const phone = await post(ctx.app, form, { ...GOOD, contact_phone: "call me" });
    assert.match(phone.body, /Enter a phone number using digits, spaces and \+ - \( \), or leave/);
    for (const prefix of ["", "/es"]) {
      const search = await ctx.app.inject({ url: `${prefix}/join?q=+&state=` });
      assert.equal(search.statusCode, 400, prefix);
      const t = translator(LOCALES[prefix ? 1 : 0] as (typeof LOCALES)[number]);
      assert.match(
        search.body,
        new RegExp(`id="join-q-error"[^>]*>${escapeRegExp(t("join.search.error.empty"))}<`),
      );
      assert.match(search.body, /<a href="#join-q">/);
    }
    // Opening the page is not an empty search.
    assert.equal((await ctx.app.inject({ url: "/join" })).statusCode, 200);
  });

  it("announces a refused application once, focused, with the title saying so", async () => {
    const form = await openForm(ctx.app, DODGE_CITY, "/es");
    const res = await post(ctx.app, form, { ...GOOD, contact_name: "" }, "/es");
    assert.equal(res.statusCode, 422);
    assert.equal(res.body.match(/role="alert"/g)?.length, 1, "one alert");
    assert.match(
      res.body,
      /<div data-cfa-error role="alert" tabindex="-1" autofocus class="usa-alert/,
    );
    assert.equal(res.body.match(/autofocus/g)?.length, 1);
    const t = translator(LOCALES[1] as (typeof LOCALES)[number]);
    const title = t("errors.title_error", { title: t("join.title") });
    assert.match(res.body, new RegExp(`<title>${escapeRegExp(title)} \\|`));
    assert.ok(title.startsWith("Error: "));
    // A form as sent is not an error.
    assert.doesNotMatch(form.res.body, /role="alert"|<title>Error/);
  });

  it("asks the browser to fill in the applicant's own details, and only theirs", async () => {
    const { res } = await openForm(ctx.app, DODGE_CITY);
    const input = (name: string) =>
      res.body.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0] ?? "";
    const expected: Record<string, string> = {
      contact_name: "name",
      contact_title: "organization-title",
      contact_email: "email",
      contact_phone: "tel",
      executive_name: "off",
      executive_title: "off",
    };
    for (const [name, token] of Object.entries(expected)) {
      assert.match(input(name), new RegExp(`autocomplete="${token}"`), name);
    }
    assert.match(input("contact_phone"), /type="tel"/);
  });

  it("takes the form of a first visit that was offered another language", async () => {
    // Spanish page, English browser: the page carries the language offer, whose form has a
    // CSRF token too. Both tokens must come from the one secret the cookie sets.
    const res = await ctx.app.inject({
      url: `/es/join?geoid=${DODGE_CITY}`,
      headers: { "accept-language": "en-US,en;q=0.9" },
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /action="\/es\/language-offer\/dismiss"/);
    const cookies = [res.headers["set-cookie"] ?? []].flat().map((c) => String(c).split(";")[0]);
    assert.equal(cookies.filter((c) => c?.startsWith("_csrf=")).length, 1, "one secret");
    // The application's own token (the offer's form comes first on the page).
    const csrf = res.body.match(
      /action="\/es\/join"><input type="hidden" name="_csrf" value="([^"]*)"/,
    )?.[1];
    const submissionKey = res.body.match(/name="submission_key" value="([^"]*)"/)?.[1];
    const form = {
      res,
      cookie: cookies.join("; "),
      csrf: csrf ?? "",
      submissionKey: submissionKey ?? "",
    };
    const sent = await post(ctx.app, form, { ...GOOD, contact_name: "" }, "/es");
    assert.equal(sent.statusCode, 422, "refused for its empty name, not for its token");
  });

  it("stores a good application once, mails the applicant in their language, and redirects", async () => {
    const form = await openForm(ctx.app, DODGE_CITY, "/es");
    const first = await post(ctx.app, form, GOOD, "/es");
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, "/es/join/submitted");
    const again = await post(ctx.app, form, GOOD, "/es");
    assert.equal(again.statusCode, 303, "a double click finds the first application");
    const stored = await applications();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.status, "pending");
    assert.equal(stored[0]?.locale, "es");
    assert.equal(stored[0]?.name, "Dodge City city");
    assert.equal(stored[0]?.contact_name, "Ana Pérez");
    const mails = await outbox();
    assert.equal(mails.length, 1, "one confirmation, not two");
    assert.equal(mails[0]?.to_address, GOOD.contact_email);
    assert.match(mails[0]?.subject ?? "", /Recibimos la solicitud de la ciudad de Dodge City/);
    assert.equal(mails[0]?.status, "kept", "no SMTP configured: kept for staff to read");

    const submitted = await ctx.app.inject({ url: "/es/join/submitted" });
    assert.equal(submitted.statusCode, 200);

    const other = await openForm(ctx.app, DODGE_CITY);
    assert.match(text(other.res.body), /already has an application under review/);
    // A second, different submission for the same city, sent from the first form.
    const second = await post(
      ctx.app,
      { ...form, submissionKey: "00000000-0000-4000-8000-000000000000" },
      GOOD,
    );
    assert.equal(second.statusCode, 409, text(second.body).slice(0, 2000));
    assert.equal((await applications()).length, 1);
  });
});

describeEachDatabase("joining: rate limit", { seed: false }, (ctx) => {
  it("slows a flood of posts with 429 and a translated message", async () => {
    const form = await openForm(ctx.app, DODGE_CITY);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await post(ctx.app, form, { ...GOOD, agree: "" }, "/es")).statusCode);
    }
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(422));
    assert.equal(statuses[10], 429);
    const blocked = await post(ctx.app, form, GOOD, "/es");
    assert.equal(blocked.statusCode, 429);
    assert.ok(
      text(blocked.body).includes(
        translator(LOCALES[1] as (typeof LOCALES)[number])("errors.rate_limited"),
      ),
    );
  });
});

describeEachDatabase(
  "joining: staff are told",
  { seed: false, env: { CONTACT_EMAIL: "members@cfa.test" } },
  (ctx) => {
    it("mails the coalition's contact address about each new application, once", async () => {
      const form = await openForm(ctx.app, DODGE_CITY, "/es");
      assert.equal((await post(ctx.app, form, GOOD, "/es")).statusCode, 303);
      assert.equal((await post(ctx.app, form, GOOD, "/es")).statusCode, 303, "a double click");
      const mails = await ctx.database.db
        .selectFrom("outbox")
        .selectAll()
        .where("to_address", "=", "members@cfa.test")
        .execute();
      assert.equal(mails.length, 1, "one notice for one application");
      const t = translator(LOCALES[1] as (typeof LOCALES)[number]);
      assert.equal(mails[0]?.subject, t("join.mail.staff_subject", { name: "Dodge City city" }));
      assert.equal(mails[0]?.locale, "es");
      const body = mails[0]?.text_body ?? "";
      assert.match(body, /GEOID del Censo 2018250/);
      assert.match(body, /Mayor Joyce Warshaw/);
      assert.match(body, /“Ana Pérez” <ana\.perez@dodgecity\.example>/);
    });
  },
);
