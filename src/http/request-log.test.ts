// The request log at the level a site runs with (info): one line per request, and no secret
// from a mailed link's query in any line. The landing pages of the three kinds of mailed link
// are opened with a token; the log is read from a stream the app writes to.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import { testConfig } from "../../test/support/app.js";
import { createTestDatabase, testDialects } from "../../test/support/databases.js";
import { buildApp } from "../app.js";
import { type Database, openDatabase } from "../db/index.js";
import { redactUrl } from "./request-log.js";

const SECRET = "SECRETtokenAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

describe("redactUrl", () => {
  it("hides the values of secret query parameters, also inside a URL in a parameter", () => {
    assert.equal(redactUrl("/a?token=x&b=1"), "/a?token=[redacted]&b=1");
    assert.equal(redactUrl("/a?b=1&Token=x#top"), "/a?b=1&Token=[redacted]");
    assert.equal(redactUrl("/a?code=123456"), "/a?code=[redacted]");
    assert.equal(redactUrl("/a"), "/a");
    assert.equal(redactUrl("/a?next=%2Fb"), "/a?next=%2Fb");
    const nested = redactUrl(`/a?next=${encodeURIComponent(`/b?token=${SECRET}`)}`);
    assert.doesNotMatch(nested, /SECRET/);
    assert.equal(decodeURIComponent(nested), "/a?next=/b?token=[redacted]");
  });
});

for (const { kind, skip } of testDialects()) {
  describe(`the request log [${kind}]`, { skip }, () => {
    let database: Database;
    let app: FastifyInstance;
    let drop: (() => Promise<void>) | undefined;
    const lines: string[] = [];

    before(async () => {
      const testDb = await createTestDatabase(kind);
      drop = testDb.drop;
      const config = testConfig({ LOG_LEVEL: "info" }, testDb.settings);
      database = openDatabase(config.database);
      app = await buildApp(config, {
        database,
        logStream: { write: (line) => void lines.push(line) },
      });
      app.get("/test-failure", async () => {
        throw new Error("broken on purpose");
      });
      await app.ready();
    });

    after(async () => {
      await app?.close();
      await database?.close();
      await drop?.();
    });

    /** The log lines one request writes, parsed. */
    async function logOf(url: string) {
      lines.length = 0;
      const res = await app.inject({ url });
      return { res, raw: lines.join(""), entries: lines.map((l) => JSON.parse(l)) };
    }

    for (const landing of [
      "/account/sign-in/link/verify",
      "/account/reset/new",
      "/account/invitation",
      "/es/account/invitation",
    ]) {
      it(`opening ${landing}?token=… writes one line, without the token`, async () => {
        const { res, raw, entries } = await logOf(`${landing}?token=${SECRET}`);
        assert.ok(res.statusCode < 500, `${res.statusCode}`);
        assert.doesNotMatch(raw, /SECRET/);
        assert.equal(entries.length, 1, raw);
        const [entry] = entries;
        assert.equal(entry.level, 30, "info");
        assert.equal(entry.method, "GET");
        assert.equal(entry.url, `${landing}?token=[redacted]`);
        assert.equal(entry.statusCode, res.statusCode);
        assert.equal(typeof entry.responseTime, "number");
        assert.equal(typeof entry.reqId, "string");
      });
    }

    it("a link inside the sign-in page's next parameter is redacted too", async () => {
      const next = encodeURIComponent(`/account/invitation?token=${SECRET}`);
      const { raw, entries } = await logOf(`/account/sign-in?next=${next}`);
      assert.doesNotMatch(raw, /SECRET/);
      assert.equal(entries.length, 1, raw);
    });

    it("an ordinary page and a page not found write one line each", async () => {
      assert.equal((await logOf("/")).entries.length, 1);
      const missing = await logOf("/no-such-page");
      assert.equal(missing.entries.length, 1, missing.raw);
      assert.equal(missing.entries[0].statusCode, 404);
    });

    it("a refused form (no CSRF token) writes one line", async () => {
      lines.length = 0;
      const res = await app.inject({
        method: "POST",
        url: `/account/invitation?token=${SECRET}`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: `token=${SECRET}`,
      });
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${res.statusCode}`);
      assert.equal(lines.length, 1, lines.join(""));
      assert.doesNotMatch(lines.join(""), /SECRET/);
    });

    it("a failure is logged once with its stack, and its request line", async () => {
      const { res, entries } = await logOf(`/test-failure?token=${SECRET}`);
      assert.equal(res.statusCode, 500);
      assert.doesNotMatch(res.body, /broken on purpose/, "never shown");
      const errors = entries.filter((e) => e.level >= 50);
      assert.equal(errors.length, 1);
      assert.match(errors[0].err.stack, /broken on purpose\n\s+at /);
      assert.equal(entries.length, 2);
      assert.doesNotMatch(JSON.stringify(entries), /SECRET/);
    });
  });
}
