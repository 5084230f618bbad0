// /api/v1/coalition/stats is computed once per data revision (with ETag and 304), and the API is
// limited per client address with a JSON 429 and Retry-After.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { it } from "node:test";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember } from "../../../test/support/builders.js";

const URL = "/api/v1/coalition/stats";
const LIMIT = 20;

/** The ETag the body must have: its hash, whatever the cache kept. */
const etagOf = (body: string) =>
  `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;

describeEachDatabase(
  "the coalition stats API",
  { seed: false, env: { API_RATE_LIMIT_PER_MINUTE: String(LIMIT) } },
  (ctx) => {
    it("is served from the cache until the data changes, with ETag and 304", async () => {
      const first = await ctx.app.inject({ url: URL, remoteAddress: "192.0.2.1" });
      assert.equal(first.statusCode, 200);
      const etag = first.headers.etag;
      assert.equal(etag, etagOf(first.body));
      const revision = await ctx.database.revision();
      assert.ok(ctx.app.pageCache.get("api|/api/v1/coalition/stats", revision), "cached");

      const again = await ctx.app.inject({ url: `${URL}?x=1`, remoteAddress: "192.0.2.1" });
      assert.equal(again.body, first.body);
      assert.equal(again.headers.etag, etag, "the same ETag from the cache");
      assert.match(String(again.headers["content-type"]), /^application\/json/);
      const notModified = await ctx.app.inject({
        url: URL,
        remoteAddress: "192.0.2.1",
        headers: { "if-none-match": etag },
      });
      assert.equal(notModified.statusCode, 304);
      assert.equal(notModified.body, "");

      await buildMember(ctx.database.db);
      const changed = await ctx.app.inject({
        url: URL,
        remoteAddress: "192.0.2.1",
        headers: { "if-none-match": etag },
      });
      assert.equal(changed.statusCode, 200, "a data change invalidates the cached answer");
      assert.equal(changed.json().members, first.json().members + 1);
      assert.equal(changed.headers.etag, etagOf(changed.body), "the new body's own ETag");
    });

    it(`answers JSON 429 with Retry-After after ${LIMIT} requests a minute from one address`, async () => {
      const from = (remoteAddress: string) => ctx.app.inject({ url: URL, remoteAddress });
      for (let i = 0; i < LIMIT; i++) assert.equal((await from("192.0.2.9")).statusCode, 200);
      const refused = await from("192.0.2.9");
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.json().error.id, "rate_limited");
      const wait = Number(refused.headers["retry-after"]);
      assert.ok(wait >= 1 && wait <= 60, `Retry-After: ${wait}`);
      assert.equal((await from("192.0.2.10")).statusCode, 200, "another address is not limited");
      const page = await ctx.app.inject({ url: "/about/figures", remoteAddress: "192.0.2.9" });
      assert.equal(page.statusCode, 200, "pages are not the API's limit");
    });
  },
);
