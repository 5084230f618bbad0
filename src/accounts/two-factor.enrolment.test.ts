import assert from "node:assert/strict";
import { before, it } from "node:test";
import { HtmlValidate } from "html-validate";
import {
  cookieHeader,
  createUser,
  openForm,
  postCode,
  postForm,
  postSignIn,
  signIn,
  TEST_PASSWORD,
  totpCode,
} from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { text } from "../../test/support/html.js";
import { LOCALES, type Locale, translator } from "../i18n/index.js";

const es = LOCALES.find((l) => l.tag === "es") as Locale;
const en = LOCALES[0] as Locale;
const t = translator(en);
const SESSION_COOKIE = "__Secure-cfa.session_token";
const CHALLENGE_COOKIE = "__Secure-cfa.two_factor";

let address = 0;
/** A client address of its own, so one test's requests never count against another's limit. */
const nextAddress = () => `10.5.0.${++address}`;

/** A wrong 6-digit code: any but the ones valid around now. */
function wrongCode(secret: string): string {
  const now = Date.now();
  const valid = new Set([-30_000, 0, 30_000].map((d) => totpCode(secret, now + d)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, "0");
    if (!valid.has(code)) return code;
  }
}

const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    "doctype-style": ["error", { style: "lowercase" }],
    "void-style": "off",
    "no-redundant-role": ["error", { exclude: ["img"] }],
  },
});

async function assertValidHtml(html: string, what: string) {
  const report = await validator.validateString(html);
  const problems = report.results.flatMap((r) =>
    r.messages.map((m) => `${m.ruleId}: ${m.message}`),
  );
  assert.deepEqual(problems, [], what);
}

// Turning two-step verification on and off, and the enrolment coalition admins are sent to. Its defences (CSRF, guessing, lock-out) are in two-factor.defences.test.ts.
describeEachDatabase("two-step verification: turning it on and off", { seed: false }, (ctx) => {
  const ENROLS = "enrols@example.org";
  const CODES = "codes@example.org";
  const GUESSER = "guesser@example.org";
  const LOCKED = "locked@example.org";
  const NEW_ADMIN = "new.admin@example.org";
  const EDITOR = "editor@example.org";
  before(async () => {
    await createUser(ctx.app, { email: ENROLS, name: "Enzo Enrol" });
    for (const email of [CODES, GUESSER, LOCKED]) {
      await createUser(ctx.app, { email, twoFactor: true });
    }
    await createUser(ctx.app, {
      email: NEW_ADMIN,
      coalitionRole: "coalition_admin",
      twoFactor: false,
    });
    await createUser(ctx.app, { email: EDITOR, coalitionRole: "coalition_editor" });
  });

  const twoFactorOn = async (email: string) =>
    Boolean(
      (
        await ctx.database.db
          .selectFrom("users")
          .select("two_factor_enabled")
          .where("email", "=", email)
          .executeTakeFirstOrThrow()
      ).two_factor_enabled,
    );

  /** Enrols through the pages; returns the secret read off the page and the backup codes. */
  async function enrolThroughPages(cookies: Map<string, string>, ip: string, next?: string) {
    const status = await openForm(
      ctx.app,
      `/account/two-factor${next ? `?next=${encodeURIComponent(next)}` : ""}`,
      cookies,
    );
    assert.equal(status.res.statusCode, 200);
    const wrong = await postForm(
      ctx.app,
      "/account/two-factor/enable",
      cookies,
      { _csrf: status.csrf, password: "not my password at all", ...(next ? { next } : {}) },
      ip,
    );
    assert.equal(wrong.statusCode, 401);
    assert.ok(text(wrong.body).includes(t("errors.wrong_password")));
    const enrol = await postForm(
      ctx.app,
      "/account/two-factor/enable",
      cookies,
      { _csrf: status.csrf, password: TEST_PASSWORD, ...(next ? { next } : {}) },
      ip,
    );
    assert.equal(enrol.statusCode, 200, enrol.body.slice(0, 300));
    assert.equal(enrol.headers["cache-control"], "no-store");
    const svg = enrol.body.match(/<svg[\s\S]*?<\/svg>/)?.[0] ?? "";
    assert.match(svg, /role="img"/);
    assert.match(svg, /<path d="M/);
    assert.doesNotMatch(svg, /style=/, "no inline style: the CSP forbids it");
    const secret = (
      enrol.body.match(/<code class="cfa-secret">([A-Z2-7 ]+)<\/code>/)?.[1] ?? ""
    ).replaceAll(" ", "");
    assert.match(secret, /^[A-Z2-7]{32,}$/);
    const backupCodes = [
      ...enrol.body.matchAll(/<code>([A-Za-z0-9]{5}-[A-Za-z0-9]{5})<\/code>/g),
    ].map((m) => m[1] as string);
    assert.equal(backupCodes.length, 10);
    return { secret, backupCodes, enrol };
  }

  it("turns on with password, QR code and a first code; signing in then asks for a code", async () => {
    const ip = nextAddress();
    const { cookies: signedIn } = await postSignIn(ctx.app, ENROLS, TEST_PASSWORD, {
      remoteAddress: ip,
    });
    const { secret, backupCodes, enrol } = await enrolThroughPages(signedIn, ip);
    await assertValidHtml(enrol.body, "enrolment page");
    assert.equal(await twoFactorOn(ENROLS), false, "not on before a first code");

    const csrf = enrol.body.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? "";
    const wrong = await postForm(
      ctx.app,
      "/account/two-factor/verify",
      signedIn,
      { _csrf: csrf, code: wrongCode(secret) },
      ip,
    );
    assert.equal(wrong.statusCode, 422);
    assert.ok(text(wrong.body).includes(t("accounts.error.code_wrong")));
    assert.ok(wrong.body.includes(secret.slice(0, 4)), "the same key is shown again");
    assert.match(wrong.body, /<svg/);

    const before = signedIn.get(SESSION_COOKIE);
    const on = await postForm(
      ctx.app,
      "/account/two-factor/verify",
      signedIn,
      { _csrf: csrf, code: totpCode(secret) },
      ip,
    );
    assert.equal(on.statusCode, 303, on.body.slice(0, 300));
    assert.equal(on.headers.location, "/account/two-factor?done=on");
    assert.notEqual(signedIn.get(SESSION_COOKIE), before, "the session was replaced");
    assert.equal(await twoFactorOn(ENROLS), true);
    const status = await openForm(ctx.app, on.headers.location as string, signedIn);
    assert.ok(text(status.res.body).includes(t("accounts.two_factor.enabled")));
    const account = await openForm(ctx.app, "/account", signedIn);
    assert.ok(text(account.res.body).includes(t("accounts.account.two_factor_on")));

    // Signing in now: the password leads to the code page, with no session yet.
    const step = await postSignIn(ctx.app, ENROLS, TEST_PASSWORD, {
      remoteAddress: ip,
      locale: es,
      next: "/es/account?x=1",
      completeCode: false,
    });
    assert.equal(step.res.statusCode, 303);
    assert.equal(
      step.res.headers.location,
      "/es/account/sign-in/code?next=%2Fes%2Faccount%3Fx%3D1",
    );
    assert.ok(!step.cookies.get(SESSION_COOKIE));
    assert.ok(step.cookies.get(CHALLENGE_COOKIE));
    const page = await openForm(ctx.app, step.res.headers.location as string, step.cookies);
    assert.equal(page.res.statusCode, 200);
    assert.equal(page.res.headers["cache-control"], "no-store");
    await assertValidHtml(page.res.body, "code page");
    const bad = await postCode(ctx.app, step.cookies, page.csrf, wrongCode(secret), {
      locale: es,
      next: "/es/account?x=1",
      remoteAddress: ip,
    });
    assert.equal(bad.statusCode, 401);
    assert.ok(text(bad.body).includes(translator(es)("errors.wrong_code")));
    assert.ok(!step.cookies.get(SESSION_COOKIE));
    const good = await postCode(ctx.app, step.cookies, page.csrf, totpCode(secret), {
      locale: es,
      next: "/es/account?x=1",
      remoteAddress: ip,
    });
    assert.equal(good.statusCode, 303);
    assert.equal(good.headers.location, "/es/account?x=1");
    assert.ok(step.cookies.get(SESSION_COOKIE));

    // A backup code works once, typed with or without its dash.
    const code = backupCodes[0] as string;
    const viaBackup = await postSignIn(ctx.app, ENROLS, TEST_PASSWORD, {
      remoteAddress: ip,
      completeCode: false,
    });
    const backupPage = await openForm(
      ctx.app,
      viaBackup.res.headers.location as string,
      viaBackup.cookies,
    );
    const used = await postCode(
      ctx.app,
      viaBackup.cookies,
      backupPage.csrf,
      code.replace("-", ""),
      { remoteAddress: ip },
    );
    assert.equal(used.statusCode, 303);
    assert.equal(used.headers.location, "/account");
    const reuse = await postSignIn(ctx.app, ENROLS, TEST_PASSWORD, {
      remoteAddress: ip,
      completeCode: false,
    });
    const reusePage = await openForm(ctx.app, reuse.res.headers.location as string, reuse.cookies);
    const spent = await postCode(ctx.app, reuse.cookies, reusePage.csrf, code, {
      remoteAddress: ip,
    });
    assert.equal(spent.statusCode, 401);
    assert.ok(text(spent.body).includes(t("errors.wrong_backup_code")));
  });

  it("turns off with the password", async () => {
    const ip = nextAddress();
    const { res, cookies: signedIn } = await postSignIn(ctx.app, CODES, TEST_PASSWORD, {
      remoteAddress: ip,
    });
    assert.equal(res.statusCode, 303, "the helper answered the code step");
    const status = await openForm(ctx.app, "/account/two-factor", signedIn);
    assert.ok(text(status.res.body).includes(t("accounts.two_factor.on")));
    const wrong = await postForm(
      ctx.app,
      "/account/two-factor/disable",
      signedIn,
      { _csrf: status.csrf, password: "wrong password here" },
      ip,
    );
    assert.equal(wrong.statusCode, 401);
    assert.ok(text(wrong.body).includes(t("errors.wrong_password")));
    assert.equal(await twoFactorOn(CODES), true);
    const off = await postForm(
      ctx.app,
      "/account/two-factor/disable",
      signedIn,
      { _csrf: status.csrf, password: TEST_PASSWORD },
      ip,
    );
    assert.equal(off.statusCode, 303);
    assert.equal(off.headers.location, "/account/two-factor?done=off");
    assert.equal(await twoFactorOn(CODES), false);
    const plain = await postSignIn(ctx.app, CODES, TEST_PASSWORD, {
      remoteAddress: ip,
      completeCode: false,
    });
    assert.equal(plain.res.headers.location, "/account", "no code asked any more");
  });

  it("sends a coalition admin without it to enrolment, and back afterwards; editors may skip it", async () => {
    const ip = nextAddress();
    const cookie = await signIn(ctx.app, NEW_ADMIN, TEST_PASSWORD, es, ip);
    const sent = await ctx.app.inject({ url: "/es/admin/outbox", headers: { cookie } });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, "/es/account/two-factor?next=%2Fes%2Fadmin%2Foutbox");
    const cookies = new Map(cookie.split("; ").map((p) => p.split("=", 2) as [string, string]));
    const status = await openForm(ctx.app, sent.headers.location as string, cookies);
    assert.equal(status.res.statusCode, 200, "enrolment stays reachable");
    assert.ok(text(status.res.body).includes(translator(es)("accounts.two_factor.required")));
    await assertValidHtml(status.res.body, "two-factor status page");

    const { secret, enrol } = await enrolThroughPages(cookies, ip, "/es/admin/outbox");
    const csrf = enrol.body.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? "";
    const on = await postForm(
      ctx.app,
      "/account/two-factor/verify",
      cookies,
      { _csrf: csrf, code: totpCode(secret), next: "/es/admin/outbox" },
      ip,
    );
    assert.equal(on.statusCode, 303);
    assert.equal(on.headers.location, "/es/admin/outbox");
    const admin = await ctx.app.inject({
      url: "/es/admin/outbox",
      headers: { cookie: cookieHeader(cookies) },
    });
    assert.equal(admin.statusCode, 200);

    const editor = await signIn(ctx.app, EDITOR, TEST_PASSWORD, undefined, ip);
    const page = await ctx.app.inject({ url: "/admin", headers: { cookie: editor } });
    assert.equal(page.statusCode, 200, "editors are not required to use it");
  });
});
