import assert from "node:assert/strict";
import { before, it } from "node:test";
import { HtmlValidate } from "html-validate";
import {
  cookieHeader,
  cookiesOf,
  createUser,
  openForm,
  postCode,
  postSignIn,
  TEST_PASSWORD,
  totpCode,
  totpSecretOf,
} from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { text } from "../../test/support/html.js";
import { LOCALES, type Locale, translator } from "../i18n/index.js";

const en = LOCALES[0] as Locale;
const t = translator(en);
const SESSION_COOKIE = "__Secure-cfa.session_token";

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

// The defences of two-step verification: valid pages, CSRF tokens, slowed guessing, lock-out. Turning it on and off is in two-factor.enrolment.test.ts.
describeEachDatabase("two-step verification: defences", { seed: false }, (ctx) => {
  const ENROLS = "enrols@example.org";
  const CODES = "codes@example.org";
  const GUESSER = "guesser@example.org";
  const LOCKED = "locked@example.org";
  const NEW_ADMIN = "new.admin@example.org";
  const EDITOR = "editor@example.org";
  const REPLAYED = "replayed@example.org";
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
    await createUser(ctx.app, { email: REPLAYED, twoFactor: true });
  });

  it("accepts a TOTP code once: the same code again is a wrong code", async () => {
    const ip = nextAddress();
    const code = totpCode(totpSecretOf(REPLAYED) ?? "");
    const answer = async () => {
      const step = await postSignIn(ctx.app, REPLAYED, TEST_PASSWORD, {
        remoteAddress: ip,
        completeCode: false,
      });
      const page = await openForm(ctx.app, step.res.headers.location as string, step.cookies);
      const res = await postCode(ctx.app, step.cookies, page.csrf, code, {
        remoteAddress: ip,
        reuse: false,
      });
      return { res, cookies: step.cookies };
    };
    const first = await answer();
    assert.equal(first.res.statusCode, 303);
    assert.ok(first.cookies.get(SESSION_COOKIE));
    const again = await answer();
    assert.equal(again.res.statusCode, 401);
    assert.ok(text(again.res.body).includes(t("errors.wrong_code")));
    assert.ok(!again.cookies.get(SESSION_COOKIE), "no session from a used code");
  });

  it("serves valid HTML on the sign-in pages around it", async () => {
    for (const url of [
      "/account/sign-in",
      "/es/account/sign-in/link",
      "/zh-hans/account/reset",
      "/account/sign-in/link/verify?token=forged",
      "/es/account/reset/new?token=forged",
    ]) {
      const res = await ctx.app.inject({ url });
      assert.ok([200, 400].includes(res.statusCode), url);
      await assertValidHtml(res.body, url);
    }
  });

  it("refuses posts without the CSRF token", async () => {
    const ip = nextAddress();
    const step = await postSignIn(ctx.app, GUESSER, TEST_PASSWORD, {
      remoteAddress: ip,
      completeCode: false,
    });
    const cookie = cookieHeader(step.cookies);
    for (const url of [
      "/account/sign-in/code",
      "/account/two-factor/enable",
      "/account/two-factor/verify",
      "/account/two-factor/disable",
    ]) {
      const res = await ctx.app.inject({
        method: "POST",
        url,
        remoteAddress: ip,
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({
          code: totpCode(totpSecretOf(GUESSER) ?? ""),
          password: TEST_PASSWORD,
        }).toString(),
      });
      // The code step checks the token; the enrolment forms first want a session, which
      // someone halfway through signing in does not have (test/authorization.test.ts posts
      // them without a token as signed-in people).
      const expected = url === "/account/sign-in/code" ? 403 : 303;
      assert.equal(res.statusCode, expected, url);
      assert.ok(!cookiesOf(res.headers).get(SESSION_COOKIE));
    }
    const noChallenge = await ctx.app.inject({ url: "/account/sign-in/code?next=%2Fadmin" });
    assert.equal(noChallenge.statusCode, 303, "no sign-in waiting: back to the password");
    assert.equal(noChallenge.headers.location, "/account/sign-in?next=%2Fadmin");
  });

  it("slows guessing (5 wrong codes end a sign-in), then blocks it (429)", async () => {
    const ip = nextAddress();
    const secret = totpSecretOf(GUESSER) as string;
    let step = await postSignIn(ctx.app, GUESSER, TEST_PASSWORD, {
      remoteAddress: ip,
      completeCode: false,
    });
    let page = await openForm(ctx.app, step.res.headers.location as string, step.cookies);
    for (let i = 0; i < 5; i++) {
      const res = await postCode(ctx.app, step.cookies, page.csrf, wrongCode(secret), {
        remoteAddress: ip,
      });
      assert.equal(res.statusCode, 401, `guess ${i + 1}`);
    }
    // The 6th guess of this sign-in, even a right one, ends it: the password is asked again.
    const ended = await postCode(ctx.app, step.cookies, page.csrf, totpCode(secret), {
      remoteAddress: ip,
    });
    assert.equal(ended.statusCode, 401);
    assert.ok(text(ended.body).includes(t("errors.too_many_codes")));
    assert.ok(!step.cookies.get(SESSION_COOKIE));

    step = await postSignIn(ctx.app, GUESSER, TEST_PASSWORD, {
      remoteAddress: ip,
      completeCode: false,
    });
    page = await openForm(ctx.app, step.res.headers.location as string, step.cookies);
    for (let i = 0; i < 4; i++) {
      const res = await postCode(ctx.app, step.cookies, page.csrf, wrongCode(secret), {
        remoteAddress: ip,
      });
      assert.equal(res.statusCode, 401);
    }
    // The 11th code from this address in 15 minutes: refused before it is even checked.
    const blocked = await postCode(ctx.app, step.cookies, page.csrf, totpCode(secret), {
      remoteAddress: ip,
    });
    assert.equal(blocked.statusCode, 429);
    assert.ok(text(blocked.body).includes(t("errors.rate_limited")));
    assert.ok(!step.cookies.get(SESSION_COOKIE));
  });

  it("locks the account's code step after 10 wrong codes in a row, from any address", async () => {
    const secret = totpSecretOf(LOCKED) as string;
    for (let round = 0; round < 2; round++) {
      const ip = nextAddress();
      const step = await postSignIn(ctx.app, LOCKED, TEST_PASSWORD, {
        remoteAddress: ip,
        completeCode: false,
      });
      const page = await openForm(ctx.app, step.res.headers.location as string, step.cookies);
      for (let i = 0; i < 5; i++) {
        const res = await postCode(ctx.app, step.cookies, page.csrf, wrongCode(secret), {
          remoteAddress: ip,
        });
        assert.equal(res.statusCode, 401);
      }
    }
    const ip = nextAddress();
    const step = await postSignIn(ctx.app, LOCKED, TEST_PASSWORD, {
      remoteAddress: ip,
      completeCode: false,
    });
    const page = await openForm(ctx.app, step.res.headers.location as string, step.cookies);
    const locked = await postCode(ctx.app, step.cookies, page.csrf, totpCode(secret), {
      remoteAddress: ip,
    });
    assert.equal(locked.statusCode, 429);
    assert.ok(text(locked.body).includes(t("accounts.code.locked")));
    assert.ok(!step.cookies.get(SESSION_COOKIE));
  });
});
