// Rate-limit counters are kept in the database: two app processes on one database count
// together, every language of a route shares one count, and a window ends when it should.
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import type { FastifyInstance } from "fastify";
import { openSignIn, postCode } from "../../test/support/accounts.js";
import { describeEachDatabase, testConfig } from "../../test/support/app.js";
import { buildApp } from "../app.js";
import { findLocale, type Locale } from "../i18n/index.js";
import { hit } from "./rate-limits.queries.js";

describeEachDatabase("rate limits shared through the database", { seed: false }, (ctx) => {
  let second: FastifyInstance;

  before(async () => {
    // Another "process": its own app, plugins and stores, on the same database.
    second = await buildApp(testConfig({}, ctx.app.config.database), { database: ctx.database });
    await second.ready();
  });
  after(() => second?.close());

  // The code step's form (10 posts per 15 minutes): without a sign-in waiting, each post is a
  // 401, and only the rate limit answers 429. (Wrong passwords are counted apart, in
  // sign_in_failures: accounts/sign-in.throttle.test.ts.)
  const postCodeFrom = async (app: FastifyInstance, ip: string, locale?: Locale) => {
    const { cookies, csrf } = await openSignIn(app, locale);
    return postCode(app, cookies, csrf, "123456", { remoteAddress: ip, locale });
  };

  it("counts posts from one address across two apps on one database", async () => {
    const ip = "10.55.0.1";
    for (let i = 0; i < 10; i++) {
      const res = await postCodeFrom(i % 2 === 0 ? ctx.app : second, ip);
      assert.equal(res.statusCode, 401, `attempt ${i + 1}`);
    }
    for (const app of [ctx.app, second]) {
      const res = await postCodeFrom(app, ip);
      assert.equal(res.statusCode, 429);
      // The true wait, in seconds and in words.
      assert.ok(Number(res.headers["retry-after"]) > 14 * 60);
      assert.match(res.body, /Try again in 15 minutes/);
    }
  });

  it("gives every language of a form one count", async () => {
    const ip = "10.55.0.2";
    const locales = ["en", "es", "zh-Hans"].map((tag) => findLocale(tag) as Locale);
    for (let i = 0; i < 10; i++) {
      const res = await postCodeFrom(ctx.app, ip, locales[i % 3]);
      assert.equal(res.statusCode, 401, `attempt ${i + 1}`);
    }
    const res = await postCodeFrom(ctx.app, ip, locales[2]);
    assert.equal(res.statusCode, 429);
  });

  it("starts a new window when the last one is over", async () => {
    const db = ctx.database.db;
    const t0 = 1_800_000_000_000;
    assert.deepEqual(await hit(db, "test key", 60_000, t0), { current: 1, ttl: 60_000 });
    assert.deepEqual(await hit(db, "test key", 60_000, t0 + 1_000), { current: 2, ttl: 59_000 });
    assert.deepEqual(await hit(db, "test key", 60_000, t0 + 60_000), { current: 1, ttl: 60_000 });
  });
});
