// Sign-in throttling (docs/decisions/0010): wrong passwords are counted per account and client,
// so a guesser locks out only itself; successes are not counted, so an office behind one address
// signs in all its staff; past the account's ceiling, a known device still gets in; a reset
// clears the count; a refusal names the true wait and keeps the form.
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  cookieHeader,
  cookiesOf,
  createUser,
  deliveredTo,
  linkIn,
  openForm,
  openSignIn,
  postForm,
  postSignIn,
  TEST_PASSWORD,
} from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { text } from "../../test/support/html.js";
import { startSmtpServer } from "../../test/support/smtp.js";
import { DEFAULT_LOCALE, findLocale, type Locale, translator } from "../i18n/index.js";
import { KNOWN_DEVICE_COOKIE } from "./known-device.js";
import { ACCOUNT_CEILING, recordSignInFailure } from "./sign-in-failures.queries.js";

const SESSION_COOKIE = "__Secure-cfa.session_token";
const t = translator(DEFAULT_LOCALE);
let address = 0;
/** A client address of its own, so one test's failures never count against another's. */
const nextAddress = () => `10.7.0.${++address}`;

// The reset test follows the mailed link: the outbox keeps none (mail/sealed.ts).
const smtp = await startSmtpServer();
after(() => smtp.close());

describeEachDatabase("sign-in throttling", { seed: false, env: { SMTP_URL: smtp.url } }, (ctx) => {
  const OFFICE = "office.staff@example.org";
  const TARGET = "target.admin@example.org";
  const RESET = "forgetful@example.org";
  const CEILING = "ceiling@example.org";
  before(async () => {
    await createUser(ctx.app, { email: OFFICE });
    await createUser(ctx.app, { email: TARGET });
    await createUser(ctx.app, { email: RESET });
    await createUser(ctx.app, { email: CEILING });
  });

  const guess = async (email: string, ip: string, times: number) => {
    for (let i = 0; i < times; i++) {
      const { res } = await postSignIn(ctx.app, email, `wrong-guess-${i}`, { remoteAddress: ip });
      assert.equal(res.statusCode, 401, `guess ${i + 1}`);
    }
  };

  it("counts no successes: 20 sign-ins from one address all succeed", async () => {
    const ip = nextAddress();
    for (let i = 0; i < 20; i++) {
      const { res } = await postSignIn(ctx.app, OFFICE, TEST_PASSWORD, { remoteAddress: ip });
      assert.equal(res.statusCode, 303, `sign-in ${i + 1}`);
    }
  });

  it("stops the guessing client only: the 11th try gets 429 with the wait and the form", async () => {
    const attacker = nextAddress();
    await guess(TARGET, attacker, 10);
    const es = findLocale("es") as Locale;
    const { res, cookies } = await postSignIn(ctx.app, TARGET, TEST_PASSWORD, {
      remoteAddress: attacker,
      locale: es,
    });
    assert.equal(res.statusCode, 429);
    assert.ok(!cookies.has(SESSION_COOKIE), "not even the right password, from there");
    const retry = Number(res.headers["retry-after"]);
    assert.ok(retry > 14 * 60 && retry <= 15 * 60, `Retry-After ${retry}`);
    const page = text(res.body);
    assert.ok(page.includes(translator(es)("accounts.error.locked", { minutes: 15 })), page);
    assert.match(page, /Vuelva a intentarlo en 15 minutos/);
    // The form again, with the address kept and the password not.
    assert.match(res.body, /<form[^>]*method="post"/);
    assert.match(res.body, /name="email"[^>]*value="target\.admin@example\.org"/);
    assert.doesNotMatch(res.body, /name="password"[^>]*value="[^"]/);
    // The owner, elsewhere, is not locked out.
    const owner = await postSignIn(ctx.app, TARGET, TEST_PASSWORD, {
      remoteAddress: nextAddress(),
    });
    assert.equal(owner.res.statusCode, 303);
    assert.ok(owner.cookies.has(SESSION_COOKIE));
  });

  it("stops one client spraying many accounts after 30 wrong passwords", async () => {
    const ip = nextAddress();
    for (let i = 0; i < 30; i++) {
      const { res } = await postSignIn(ctx.app, `spray-${i}@example.org`, "guess-wrong", {
        remoteAddress: ip,
      });
      assert.equal(res.statusCode, 401, `guess ${i + 1}`);
    }
    const { res } = await postSignIn(ctx.app, OFFICE, TEST_PASSWORD, { remoteAddress: ip });
    assert.equal(res.statusCode, 429);
    // Nothing readable is kept: only hashes of the addresses typed and of the client.
    const rows = await ctx.database.db.selectFrom("sign_in_failures").selectAll().execute();
    assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.email_hash)));
    assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.client_hash)));
    assert.ok(!JSON.stringify(rows).includes("spray-") && !JSON.stringify(rows).includes(ip));
  });

  it("clears the count when the password is reset", async () => {
    const ip = nextAddress();
    await guess(RESET, ip, 10);
    assert.equal(
      (await postSignIn(ctx.app, RESET, "x", { remoteAddress: ip })).res.statusCode,
      429,
    );
    const cookies = new Map<string, string>();
    const ask = await openForm(ctx.app, "/account/reset", cookies);
    const sent = await postForm(
      ctx.app,
      "/account/reset",
      cookies,
      { _csrf: ask.csrf, email: RESET },
      ip,
    );
    assert.equal(sent.statusCode, 200);
    const mail = (await deliveredTo(ctx.app, smtp, RESET)).at(-1);
    const link = linkIn(mail?.text ?? "");
    const token = new URL(link, "https://cfa.test").searchParams.get("token") ?? "";
    const form = await openForm(ctx.app, link, cookies);
    const password = "a new and long enough passphrase";
    const done = await postForm(
      ctx.app,
      "/account/reset/new",
      cookies,
      { _csrf: form.csrf, token, password, confirm: password },
      ip,
    );
    assert.equal(done.statusCode, 303);
    const after = await postSignIn(ctx.app, RESET, password, { remoteAddress: ip });
    assert.equal(after.res.statusCode, 303, "the same client may sign in at once");
  });

  it("past the account's ceiling, takes the right password only from a known device", async () => {
    // A browser that signed in before carries the account's known-device token.
    const home = nextAddress();
    const before = await postSignIn(ctx.app, CEILING, TEST_PASSWORD, { remoteAddress: home });
    assert.equal(before.res.statusCode, 303);
    const token = before.cookies.get(KNOWN_DEVICE_COOKIE);
    assert.ok(token, "a known-device cookie is set");
    // Then guessers from everywhere (10 each) fill the account's ceiling.
    for (let i = 0; i < ACCOUNT_CEILING.failures; i++) {
      await recordSignInFailure(ctx.database.db, CEILING, `10.8.${Math.floor(i / 10)}.1`);
    }
    // A new browser, even with the right password: refused, told how to get in.
    const stranger = await postSignIn(ctx.app, CEILING, TEST_PASSWORD, {
      remoteAddress: nextAddress(),
    });
    assert.equal(stranger.res.statusCode, 429);
    assert.ok(!stranger.cookies.has(SESSION_COOKIE));
    const minutes = Math.ceil(Number(stranger.res.headers["retry-after"]) / 60);
    assert.ok(text(stranger.res.body).includes(t("accounts.error.known_device", { minutes })));
    // The owner's browser, from any address, gets in.
    const away = nextAddress();
    const known = await signInWith(`${KNOWN_DEVICE_COOKIE}=${token}`, CEILING, away);
    assert.equal(known.statusCode, 303, known.body.slice(0, 300));
    assert.ok(cookiesOf(known.headers).has(SESSION_COOKIE));
    // A forged token does not.
    const forged = await signInWith(`${KNOWN_DEVICE_COOKIE}=${"A".repeat(43)}`, CEILING, away);
    assert.equal(forged.statusCode, 429);
  });

  /** Posts the sign-in form from a browser that already holds `cookie`. */
  async function signInWith(cookie: string, email: string, remoteAddress: string) {
    const jar = new Map([[cookie.split("=")[0] ?? "", cookie.slice(cookie.indexOf("=") + 1)]]);
    const form = await openForm(ctx.app, "/account/sign-in", jar);
    return postForm(
      ctx.app,
      "/account/sign-in",
      cookieHeader(jar),
      { _csrf: form.csrf, email, password: TEST_PASSWORD },
      remoteAddress,
    );
  }
});

describeEachDatabase(
  "sign-in behind one proxy",
  { seed: false, env: { TRUST_PROXY: "1" } },
  (ctx) => {
    it("counts a client by the address its proxy appended, whatever X-Forwarded-For it sends", async () => {
      await createUser(ctx.app, { email: "behind.proxy@example.org" });
      const post = async (forwardedFor: string) => {
        const { cookies, csrf } = await openSignIn(ctx.app);
        return ctx.app.inject({
          method: "POST",
          url: "/account/sign-in",
          // The proxy connects; it appends the real client (203.0.113.9) to what the client sent.
          remoteAddress: "127.0.0.1",
          headers: {
            cookie: cookieHeader(cookies),
            "content-type": "application/x-www-form-urlencoded",
            "x-forwarded-for": forwardedFor,
          },
          payload: new URLSearchParams({
            _csrf: csrf,
            email: "behind.proxy@example.org",
            password: "a wrong guess",
          }).toString(),
        });
      };
      const statuses: number[] = [];
      for (let i = 0; i < 15; i++) {
        statuses.push((await post(`198.51.100.${i}, 203.0.113.9`)).statusCode);
      }
      assert.deepEqual(statuses, [...Array(10).fill(401), ...Array(5).fill(429)]);
      // Another client behind the same proxy is someone else.
      assert.equal((await post("198.51.100.1, 203.0.113.10")).statusCode, 401);
    });
  },
);
