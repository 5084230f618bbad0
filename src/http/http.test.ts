import assert from "node:assert/strict";
import { it } from "node:test";
import { escapeHtml } from "@kitajs/html";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describeEachDatabase } from "../../test/support/app.js";
import { LOCALES, localizedPath, translator } from "../i18n/index.js";

describeEachDatabase("http infrastructure", { seed: false }, (ctx) => {
  it("/healthz and /readyz answer", async () => {
    for (const url of ["/healthz", "/readyz"]) {
      const res = await ctx.app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      assert.deepEqual(res.json(), { status: "ok" });
    }
  });

  it("sends the security headers on pages, errors, assets and the API alike", async () => {
    for (const url of [
      "/",
      "/no-such-page",
      "/assets/uswds/css/uswds.min.css",
      "/api/v1/nothing",
    ]) {
      const res = await ctx.app.inject({ url });
      assert.match(String(res.headers["content-security-policy"]), /default-src 'self'/, url);
      assert.equal(res.headers["x-content-type-options"], "nosniff", url);
      // testConfig's PUBLIC_URL is https.
      assert.match(String(res.headers["strict-transport-security"]), /max-age=/, url);
    }
  });

  it("publishes a valid OpenAPI 3.1 document that describes the API", async () => {
    const res = await ctx.app.inject({ url: "/api/v1/openapi.json" });
    assert.equal(res.statusCode, 200);
    const document = res.json();
    const result = await new Validator().validate(document);
    assert.deepEqual(result.errors, undefined, JSON.stringify(result.errors));
    assert.equal(result.valid, true);
    assert.equal(document.openapi, "3.1.0");
    for (const path of ["/api/v1/coalition/stats", "/healthz", "/readyz"])
      assert.ok(document.paths[path], path);
    assert.ok(
      !Object.keys(document.paths).some((p) => p === "/" || p.startsWith("/es")),
      "pages are not API",
    );
  });

  it("answers unknown API paths and wrong methods with JSON errors", async () => {
    const missing = await ctx.app.inject({
      url: "/api/v1/nothing-here",
      headers: { "accept-language": "es" },
    });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.id, "not_found");
    assert.equal(typeof missing.json().error.message, "string");

    const post = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/coalition/stats",
      payload: { a: 1 },
    });
    assert.equal(post.statusCode, 404);
    assert.equal(post.json().error.statusCode, 404);
  });

  it("refuses a malformed JSON body with a clear 400, not a stack trace", async () => {
    // The API takes no bodies (its routes are GET only), so a form route, whose body is parsed
    // before any handler runs: a malformed body must stop at the parser, as a 400 page.
    for (const locale of LOCALES) {
      const res = await ctx.app.inject({
        method: "POST",
        url: localizedPath(locale, "/join"),
        headers: { "content-type": "application/json" },
        payload: "{not json",
      });
      assert.equal(res.statusCode, 400, `${locale.tag}: ${res.body.slice(0, 300)}`);
      assert.match(String(res.headers["content-type"]), /^text\/html/);
      assert.ok(
        res.body.includes(escapeHtml(translator(locale)("errors.bad_request"))),
        `${locale.tag}: the bad-request message in the visitor's language`,
      );
      assert.doesNotMatch(res.body, /\bat .*\.(ts|js):\d+/);
      assert.doesNotMatch(res.body, /Unexpected token|JSON|FST_/);
    }
  });
});

describeEachDatabase("when the database fails", { seed: false }, (ctx) => {
  it("/readyz answers 503 in JSON when the database does not answer; /healthz still 200", async () => {
    const ping = ctx.database.ping;
    // A database server that has gone away: the ping is what readiness relies on.
    (ctx.database as { ping: () => Promise<void> }).ping = async () => {
      throw new Error("connection refused");
    };
    try {
      const ready = await ctx.app.inject({ url: "/readyz" });
      assert.equal(ready.statusCode, 503);
      assert.equal(ready.json().error.id, "unavailable");
      assert.equal((await ctx.app.inject({ url: "/healthz" })).statusCode, 200);
    } finally {
      (ctx.database as { ping: () => Promise<void> }).ping = ping;
    }
  });

  it("a failing query gives a 500 page in the visitor's language without internals", async () => {
    await ctx.database.db.schema.dropTable("content_blocks").execute();
    const page = await ctx.app.inject({ url: "/es/" });
    assert.equal(page.statusCode, 500);
    assert.match(page.body, /<html lang="es"/);
    assert.doesNotMatch(page.body, /content_blocks|no such table|does not exist|\.ts:\d+|kysely/i);
    const api = await ctx.app.inject({ url: "/api/v1/coalition/stats" });
    assert.equal(api.statusCode, 200, "the API does not depend on the dropped table");
  });
});
