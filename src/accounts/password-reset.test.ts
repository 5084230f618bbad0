import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  cookieHeader,
  createUser,
  deliveredTo,
  linkIn,
  mailTo,
  openForm,
  postForm,
  postSignIn,
  signIn,
  TEST_PASSWORD,
} from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { text } from "../../test/support/html.js";
import { startSmtpServer } from "../../test/support/smtp.js";
import { LOCALES, type Locale, translator } from "../i18n/index.js";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./index.js";

const zh = LOCALES.find((l) => l.tag === "zh-Hans") as Locale;
const en = LOCALES[0] as Locale;
const NEW_PASSWORD = "a brand new and long passphrase";

let address = 0;
/** A client address of its own, so one test's requests never count against another's limit. */
const nextAddress = () => `10.4.0.${++address}`;

// Mail is delivered to a local SMTP server: the links are read from what it received.
const smtp = await startSmtpServer();
after(() => smtp.close());
const withSmtp = { seed: false, env: { SMTP_URL: smtp.url } };

describeEachDatabase("password reset", withSmtp, (ctx) => {
  const RESET = "reset.me@example.org";
  const OTHER = "reset.other@example.org";
  before(async () => {
    await createUser(ctx.app, { email: RESET, name: "Rosa Reset" });
    await createUser(ctx.app, { email: OTHER });
  });

  const prefix = (locale: Locale) => locale.prefix;

  async function askForReset(email: string, locale: Locale = en, ip = nextAddress()) {
    const cookies = new Map<string, string>();
    const form = await openForm(ctx.app, `${prefix(locale)}/account/reset`, cookies);
    assert.equal(form.res.statusCode, 200);
    return postForm(
      ctx.app,
      `${prefix(locale)}/account/reset`,
      cookies,
      { _csrf: form.csrf, email },
      ip,
    );
  }

  async function lastLink(email: string) {
    const last = (await mailTo(ctx.database.db, email)).at(-1);
    const delivered = (await deliveredTo(ctx.app, smtp, email)).at(-1);
    assert.ok(last && delivered, `no mail to ${email}`);
    return { link: linkIn(delivered.text), mail: last };
  }

  const sessionCount = async (email: string) =>
    (
      await ctx.database.db
        .selectFrom("sessions")
        .innerJoin("users", "users.id", "sessions.user_id")
        .select("sessions.id")
        .where("users.email", "=", email)
        .execute()
    ).length;

  it("mails a link in the page's language; a new password ends every session and works", async () => {
    const ip = nextAddress();
    const first = await signIn(ctx.app, RESET, TEST_PASSWORD, undefined, ip);
    await signIn(ctx.app, RESET, TEST_PASSWORD, undefined, ip);
    assert.equal(await sessionCount(RESET), 2);

    const t = translator(zh);
    const sent = await askForReset(RESET, zh);
    assert.equal(sent.statusCode, 200);
    assert.ok(text(sent.body).includes(t("accounts.reset.sent.title")));
    const { link, mail } = await lastLink(RESET);
    assert.equal(mail.locale, "zh-Hans");
    assert.ok(mail.text_body.includes("Rosa Reset"));
    assert.match(link, /^\/zh-hans\/account\/reset\/new\?token=[A-Za-z0-9]+$/);
    const token = new URL(link, "https://cfa.test").searchParams.get("token") as string;

    const cookies = new Map<string, string>();
    const form = await openForm(ctx.app, link, cookies);
    assert.equal(form.res.statusCode, 200);
    assert.equal(form.res.headers["cache-control"], "no-store");
    const post = (fields: Record<string, string>) =>
      postForm(
        ctx.app,
        "/zh-hans/account/reset/new",
        cookies,
        { _csrf: form.csrf, token, ...fields },
        ip,
      );

    const short = await post({ password: "short", confirm: "short" });
    assert.equal(short.statusCode, 422);
    assert.ok(
      text(short.body).includes(
        t("accounts.error.new_password_short", { min: MIN_PASSWORD_LENGTH }),
      ),
    );
    assert.match(short.body, /href="#new-password"/);
    assert.match(short.body, /aria-invalid="true"/);
    const long = "x".repeat(MAX_PASSWORD_LENGTH + 1);
    const tooLong = await post({ password: long, confirm: long });
    assert.equal(tooLong.statusCode, 422);
    assert.ok(
      text(tooLong.body).includes(
        t("accounts.error.new_password_long", { max: MAX_PASSWORD_LENGTH }),
      ),
    );
    const mismatch = await post({ password: NEW_PASSWORD, confirm: `${NEW_PASSWORD}!` });
    assert.equal(mismatch.statusCode, 422);
    assert.ok(text(mismatch.body).includes(t("accounts.error.confirm_password")));
    assert.match(mismatch.body, /href="#new-confirm"/);
    assert.doesNotMatch(mismatch.body, /brand new/, "passwords are never echoed");
    assert.equal(await sessionCount(RESET), 2, "a refused form changes nothing");

    const done = await post({ password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    assert.equal(done.statusCode, 303, done.body.slice(0, 300));
    assert.equal(done.headers.location, "/zh-hans/account/sign-in?done=reset");
    assert.equal(await sessionCount(RESET), 0, "every session ended");
    const old = await ctx.app.inject({ url: "/account", headers: { cookie: first } });
    assert.equal(old.statusCode, 303);
    const notice = await ctx.app.inject({ url: done.headers.location as string });
    assert.ok(text(notice.body).includes(t("accounts.sign_in.reset_done")));

    const wrong = await postSignIn(ctx.app, RESET, TEST_PASSWORD, { remoteAddress: ip });
    assert.equal(wrong.res.statusCode, 401, "the old password no longer works");
    const right = await postSignIn(ctx.app, RESET, NEW_PASSWORD, { remoteAddress: ip });
    assert.equal(right.res.statusCode, 303);
    const user = await ctx.database.db
      .selectFrom("users")
      .select("email_verified")
      .where("email", "=", RESET)
      .executeTakeFirstOrThrow();
    assert.ok(user.email_verified, "the mailed link proved the address");

    // The same link again: refused, clearly.
    const again = await openForm(ctx.app, link, new Map());
    assert.equal(again.res.statusCode, 400);
    assert.ok(text(again.res.body).includes(t("accounts.reset.invalid.body")));
    const reused = await post({
      password: "yet another long passphrase",
      confirm: "yet another long passphrase",
    });
    assert.equal(reused.statusCode, 400);
    assert.ok(text(reused.body).includes(t("accounts.reset.invalid.title")));
    const still = await postSignIn(ctx.app, RESET, NEW_PASSWORD, { remoteAddress: ip });
    assert.equal(still.res.statusCode, 303);
    assert.ok(cookieHeader(still.cookies));
  });

  it("refuses expired and forged links", async () => {
    await askForReset(OTHER);
    const { link } = await lastLink(OTHER);
    const token = new URL(link, "https://cfa.test").searchParams.get("token") as string;
    const cookies = new Map<string, string>();
    const form = await openForm(ctx.app, link, cookies);
    assert.equal(form.res.statusCode, 200);
    const past = new Date(Date.now() - 60_000);
    await ctx.database.db
      .updateTable("verifications")
      .set({ expires_at: ctx.kind === "postgres" ? past : past.toISOString() })
      .where("identifier", "=", `reset-password:${token}`)
      .execute();
    const message = translator(en)("accounts.reset.invalid.body");
    const ip = nextAddress();
    for (const forged of [token, "B".repeat(24), "../../etc/passwd", ""]) {
      const page = await openForm(
        ctx.app,
        `/account/reset/new?token=${encodeURIComponent(forged)}`,
        new Map(),
      );
      assert.equal(page.res.statusCode, 400, forged);
      assert.ok(text(page.res.body).includes(message));
      const res = await postForm(
        ctx.app,
        "/account/reset/new",
        cookies,
        { _csrf: form.csrf, token: forged, password: NEW_PASSWORD, confirm: NEW_PASSWORD },
        ip,
      );
      assert.equal(res.statusCode, 400, forged);
      assert.ok(text(res.body).includes(message));
    }
    const signIn = await postSignIn(ctx.app, OTHER, TEST_PASSWORD, { remoteAddress: ip });
    assert.equal(signIn.res.statusCode, 303, "the password did not change");
  });

  it("answers an unknown address as a known one, and mails nothing", async () => {
    const known = await askForReset(OTHER);
    const unknown = await askForReset("nobody@example.org");
    assert.equal(unknown.statusCode, 200);
    assert.equal(
      text(known.body).replace(OTHER, "EMAIL"),
      text(unknown.body).replace("nobody@example.org", "EMAIL"),
    );
    assert.equal((await mailTo(ctx.database.db, "nobody@example.org")).length, 0);
  });

  it("refuses posts without the CSRF token, and limits requests: the 6th gets 429", async () => {
    for (const url of ["/account/reset", "/account/reset/new"]) {
      const res = await ctx.app.inject({
        method: "POST",
        url,
        remoteAddress: nextAddress(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ email: OTHER, token: "C".repeat(24) }).toString(),
      });
      assert.equal(res.statusCode, 403, url);
    }
    const ip = nextAddress();
    for (let i = 0; i < 5; i++) {
      assert.equal((await askForReset(`someone${i}@example.org`, zh, ip)).statusCode, 200);
    }
    const limited = await askForReset("someone@example.org", zh, ip);
    assert.equal(limited.statusCode, 429);
    assert.ok(text(limited.body).includes(translator(zh)("errors.rate_limited")));
  });
});
