import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  cookiesOf,
  createUser,
  deliveredTo,
  linkIn,
  mailTo,
  openForm,
  postForm,
} from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { text } from "../../test/support/html.js";
import { startSmtpServer } from "../../test/support/smtp.js";
import { LOCALES, type Locale, translator } from "../i18n/index.js";
import { enrollTotp } from "./index.js";

const es = LOCALES.find((l) => l.tag === "es") as Locale;
const en = LOCALES[0] as Locale;
const SESSION_COOKIE = "__Secure-cfa.session_token";

let address = 0;
/** A client address of its own, so one test's requests never count against another's limit. */
const nextAddress = () => `10.3.0.${++address}`;

// Mail is delivered to a local SMTP server: the links are read from what it received.
const smtp = await startSmtpServer();
after(() => smtp.close());
const withSmtp = { seed: false, env: { SMTP_URL: smtp.url } };

describeEachDatabase("sign-in links", withSmtp, (ctx) => {
  const READY = "link.ready@example.org";
  const LATE = "link.late@example.org";
  const EXPIRES = "link.expires@example.org";
  const TWO_FACTOR = "link.two-factor@example.org";
  const UNVERIFIED = "link.unverified@example.org";
  before(async () => {
    for (const email of [READY, LATE, EXPIRES]) {
      await createUser(ctx.app, { email, name: "Lina Link", emailVerified: true });
    }
    await createUser(ctx.app, { email: TWO_FACTOR, emailVerified: true, twoFactor: true });
    await createUser(ctx.app, { email: UNVERIFIED });
  });

  /** Asks for a link from the page in `locale`; returns the answer. */
  async function askForLink(email: string, locale: Locale = en, ip = nextAddress()) {
    const cookies = new Map<string, string>();
    const prefix = locale.prefix;
    const form = await openForm(ctx.app, `${prefix}/account/sign-in/link`, cookies);
    assert.equal(form.res.statusCode, 200);
    return postForm(
      ctx.app,
      `${prefix}/account/sign-in/link`,
      cookies,
      { _csrf: form.csrf, email },
      ip,
    );
  }

  /** The link of the last mail to `email`. */
  async function lastLink(email: string) {
    const mail = await mailTo(ctx.database.db, email);
    const last = mail.at(-1);
    const delivered = (await deliveredTo(ctx.app, smtp, email)).at(-1);
    assert.ok(last && delivered, `no mail to ${email}`);
    return { link: linkIn(delivered.text), mail: last };
  }

  async function expire(email: string) {
    const past = new Date(Date.now() - 60_000);
    await ctx.database.db
      .updateTable("verifications")
      .set({ expires_at: ctx.kind === "postgres" ? past : past.toISOString() })
      .where("identifier", "like", "magic-link:%")
      .where("value", "like", `%${email}%`)
      .execute();
  }

  it("mails a link in the page's language; its page signs in once, with a button", async () => {
    const sent = await askForLink(READY, es);
    assert.equal(sent.statusCode, 200);
    assert.equal(sent.headers["cache-control"], "no-store");
    assert.ok(text(sent.body).includes(translator(es)("accounts.link.sent.title")));
    const { link, mail } = await lastLink(READY);
    assert.equal(mail.locale, "es");
    assert.equal(
      mail.subject,
      translator(es)("accounts.link.mail.subject", { site: ctx.app.config.siteName }),
    );
    assert.match(link, /^\/es\/account\/sign-in\/link\/verify\?token=[A-Za-z0-9]{32}$/);

    // Opening the link (as a mail scanner would, twice) signs nobody in and spends nothing.
    const cookies = new Map<string, string>();
    await openForm(ctx.app, link, cookies);
    const landing = await openForm(ctx.app, link, cookies);
    assert.equal(landing.res.statusCode, 200);
    assert.equal(landing.res.headers["cache-control"], "no-store");
    assert.ok(!cookies.has(SESSION_COOKIE));
    assert.match(
      landing.res.body,
      /<form method="post" action="\/es\/account\/sign-in\/link\/verify">/,
    );

    const token = new URL(link, "https://cfa.test").searchParams.get("token") as string;
    const ip = nextAddress();
    const done = await postForm(
      ctx.app,
      "/es/account/sign-in/link/verify",
      cookies,
      { _csrf: landing.csrf, token },
      ip,
    );
    assert.equal(done.statusCode, 303, done.body.slice(0, 300));
    assert.equal(done.headers.location, "/es/account");
    assert.ok(cookies.get(SESSION_COOKIE));
    const account = await openForm(ctx.app, "/es/account", cookies);
    assert.equal(account.res.statusCode, 200);
    assert.ok(text(account.res.body).includes(READY));

    // The same link again: refused, clearly, without a new session.
    const fresh = new Map<string, string>();
    const again = await openForm(ctx.app, link, fresh);
    assert.equal(again.res.statusCode, 400);
    assert.ok(text(again.res.body).includes(translator(es)("accounts.link.invalid.body")));
    const page = await openForm(ctx.app, "/es/account/sign-in/link", fresh);
    const reused = await postForm(
      ctx.app,
      "/es/account/sign-in/link/verify",
      fresh,
      { _csrf: page.csrf, token },
      ip,
    );
    assert.equal(reused.statusCode, 400);
    assert.ok(text(reused.body).includes(translator(es)("accounts.link.invalid.title")));
    assert.ok(!fresh.has(SESSION_COOKIE));
  });

  it("refuses an expired link and a forged one, on the page and on the button", async () => {
    await askForLink(EXPIRES);
    const { link } = await lastLink(EXPIRES);
    const cookies = new Map<string, string>();
    const landing = await openForm(ctx.app, link, cookies);
    assert.equal(landing.res.statusCode, 200);
    await expire(EXPIRES);
    const token = new URL(link, "https://cfa.test").searchParams.get("token") as string;
    const message = translator(en)("accounts.link.invalid.body");
    const ip = nextAddress();
    for (const forged of [token, "A".repeat(32), "<script>alert(1)</script>", ""]) {
      const page = await openForm(
        ctx.app,
        `/account/sign-in/link/verify?token=${encodeURIComponent(forged)}`,
        new Map(),
      );
      assert.equal(page.res.statusCode, 400, forged);
      assert.ok(text(page.res.body).includes(message), forged);
      assert.doesNotMatch(page.res.body, /<script>alert/);
      const res = await postForm(
        ctx.app,
        "/account/sign-in/link/verify",
        cookies,
        { _csrf: landing.csrf, token: forged },
        ip,
      );
      assert.equal(res.statusCode, 400, forged);
      assert.ok(text(res.body).includes(message));
      assert.ok(!cookiesOf(res.headers).has(SESSION_COOKIE));
    }
  });

  it("mails nobody unknown, unverified or using two-step verification, and answers all alike", async () => {
    const db = ctx.database.db;
    const before = await db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    const answers: string[] = [];
    for (const email of ["nobody@example.org", TWO_FACTOR, UNVERIFIED, READY]) {
      const res = await askForLink(email);
      assert.equal(res.statusCode, 200, email);
      answers.push(text(res.body).replace(email, "EMAIL"));
    }
    assert.equal(new Set(answers).size, 1, "the same answer for every address");
    const after = await db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(
      Number(after.n),
      Number(before.n) + 1,
      "only the account that may use links got one",
    );
    assert.equal((await mailTo(db, TWO_FACTOR)).length, 0);
    assert.equal((await mailTo(db, UNVERIFIED)).length, 0);
    assert.equal((await mailTo(db, "nobody@example.org")).length, 0);
  });

  it("refuses a link for someone who turned on two-step verification after it was sent", async () => {
    await askForLink(LATE);
    const { link } = await lastLink(LATE);
    const user = await ctx.database.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", LATE)
      .executeTakeFirstOrThrow();
    await enrollTotp(ctx.app.auth, ctx.database.db, user.id, "JBSWY3DPEHPK3PXPJBSWY3DP");
    const page = await openForm(ctx.app, link, new Map());
    assert.equal(page.res.statusCode, 403);
    assert.ok(text(page.res.body).includes(translator(en)("errors.link_two_factor")));
    // And the token is gone: it cannot be spent later either.
    const again = await openForm(ctx.app, link, new Map());
    assert.equal(again.res.statusCode, 400);
  });

  it("refuses posts without the CSRF token", async () => {
    const ask = await ctx.app.inject({
      method: "POST",
      url: "/account/sign-in/link",
      remoteAddress: nextAddress(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ email: READY }).toString(),
    });
    assert.equal(ask.statusCode, 403);
    const verify = await ctx.app.inject({
      method: "POST",
      url: "/account/sign-in/link/verify",
      remoteAddress: nextAddress(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ token: "A".repeat(32) }).toString(),
    });
    assert.equal(verify.statusCode, 403);
  });

  it("mails one mailbox at most 5 links an hour, however many clients ask", async () => {
    const email = "flooded@example.org";
    await createUser(ctx.app, { email, emailVerified: true });
    for (let i = 0; i < 8; i++) {
      const res = await askForLink(email, en, nextAddress());
      assert.equal(res.statusCode, 200, "the same answer every time");
    }
    assert.equal((await mailTo(ctx.database.db, email)).length, 5);
  });

  it("checks the address, and limits requests: the 6th in 15 minutes gets 429", async () => {
    const ip = nextAddress();
    const bad = await askForLink("not an address", es, ip);
    assert.equal(bad.statusCode, 422);
    assert.ok(text(bad.body).includes(translator(es)("accounts.error.email")));
    for (let i = 0; i < 4; i++) {
      assert.equal((await askForLink(`someone${i}@example.org`, es, ip)).statusCode, 200);
    }
    const limited = await askForLink("someone@example.org", es, ip);
    assert.equal(limited.statusCode, 429);
    assert.ok(text(limited.body).includes(translator(es)("errors.rate_limited")));
  });
});
