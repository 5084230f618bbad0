// Odd but harmless input on the public account forms: a `next` outside ASCII, an address with
// non-ASCII characters. Each gets a real answer, never Fastify's bare error page.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import {
  cookiesOf,
  createUser,
  openForm,
  postForm,
  postSignIn,
  TEST_PASSWORD,
} from "../../test/support/accounts.js";
import { describeEachDatabase, testConfig } from "../../test/support/app.js";
import { text } from "../../test/support/html.js";
import { buildApp } from "../app.js";
import { DEFAULT_LOCALE, translator } from "../i18n/index.js";
import { safeNext } from "./session.js";

const t = translator(DEFAULT_LOCALE);
let address = 0;
const nextAddress = () => `10.9.0.${++address}`;

it("safeNext percent-encodes what a Location header cannot carry", () => {
  assert.equal(safeNext("/members/é"), "/members/%C3%A9");
  assert.equal(safeNext("/数据?q=é"), "/%E6%95%B0%E6%8D%AE?q=%C3%A9");
  assert.equal(safeNext("/members/%C3%A9"), "/members/%C3%A9", "already encoded stays");
  assert.equal(safeNext("/a\uD800"), undefined, "a lone surrogate is no path");
  assert.equal(safeNext("//evil.example"), undefined);
});

describeEachDatabase("account forms: odd input", { seed: false }, (ctx) => {
  const PERSON = "odd.input@example.org";
  before(() => createUser(ctx.app, { email: PERSON, emailVerified: true }));

  it("signs in and goes to a `next` outside ASCII, encoded", async () => {
    for (const [next, location] of [
      ["/members/é", "/members/%C3%A9"],
      ["/数据", "/%E6%95%B0%E6%8D%AE"],
    ]) {
      const { res } = await postSignIn(ctx.app, PERSON, TEST_PASSWORD, {
        next,
        remoteAddress: nextAddress(),
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      assert.equal(res.headers.location, location);
    }
  });

  it("answers a sign-in with josé@example.org as any wrong address", async () => {
    const { res } = await postSignIn(ctx.app, "josé@example.org", TEST_PASSWORD, {
      remoteAddress: nextAddress(),
    });
    assert.equal(res.statusCode, 401);
    assert.ok(text(res.body).includes(t("errors.wrong_credentials")));
    assert.match(res.body, /value="josé@example.org"/);
  });

  it("sends a signed-out visitor of a non-ASCII page to sign in with a valid address", async () => {
    const res = await ctx.app.inject({ url: "/account/sign-in?next=/members/%C3%A9" });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /name="next" value="\/members\/%C3%A9"/);
  });

  it("never sets a cookie on an error page", async () => {
    const app = await buildApp(testConfig({}, ctx.app.config.database), {
      database: ctx.database,
    });
    app.get("/test/cookie-then-fail", async (_request, reply) => {
      reply.header("set-cookie", ["cfa.session_token=abc; Path=/; HttpOnly"]);
      throw new Error("a handler failing after it set a cookie");
    });
    try {
      const res = await app.inject({ url: "/test/cookie-then-fail" });
      assert.equal(res.statusCode, 500);
      assert.equal(cookiesOf(res.headers).size, 0);
    } finally {
      await app.close();
    }
  });

  for (const path of ["/account/sign-in/link", "/account/reset"]) {
    it(`answers ${path} for josé@example.org as for any address`, async () => {
      const kind = path === "/account/reset" ? "reset" : "link";
      const cookies = new Map<string, string>();
      const form = await openForm(ctx.app, path, cookies);
      const res = await postForm(
        ctx.app,
        path,
        cookies,
        { _csrf: form.csrf, email: "josé@example.org" },
        nextAddress(),
      );
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      assert.ok(text(res.body).includes(t(`accounts.${kind}.sent.title`)));
    });
  }

  it("keeps the link form over its rate limit, with the true wait", async () => {
    const ip = nextAddress();
    const cookies = new Map<string, string>();
    const form = await openForm(ctx.app, "/account/sign-in/link", cookies);
    const ask = () =>
      postForm(
        ctx.app,
        "/account/sign-in/link",
        cookies,
        { _csrf: form.csrf, email: "nobody.here@example.org" },
        ip,
      );
    for (let i = 0; i < 5; i++) assert.equal((await ask()).statusCode, 200);
    const limited = await ask();
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers["retry-after"]) > 14 * 60);
    assert.ok(text(limited.body).includes(t("errors.rate_limited_wait", { minutes: 15 })));
    assert.match(limited.body, /name="email"[^>]*value="nobody\.here@example\.org"/);
    assert.match(limited.body, /name="_csrf"/);
  });
});
