// A database that stops answering (a listener that accepts and never replies) or refuses
// connections: readiness says so within 2 s, pages and the API answer a translated 503 with
// Retry-After within the configured timeouts, never hang or answer 500 (docs/decisions/0011).
// No real PostgreSQL is needed: the app is pointed at a local socket that plays the broken server.
import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import { escapeHtml } from "@kitajs/html";
import type { FastifyInstance } from "fastify";
import { testConfig } from "../../test/support/app.js";
import { buildApp } from "../app.js";
import { isDatabaseUnavailable } from "../db/index.js";
import { LOCALES, localeOfPath, localizedPath, translator } from "../i18n/index.js";

/** A TCP listener on 127.0.0.1 that accepts connections and never says a word. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const port = await listen(server);
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
}

/** A port on 127.0.0.1 nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function appOn(port: number, env: Record<string, string>): Promise<FastifyInstance> {
  return buildApp(
    testConfig({
      DATABASE_URL: `postgres://cfa@127.0.0.1:${port}/cfa`,
      SEED_DEMO: "false",
      ...env,
    }),
  );
}

async function timed(app: FastifyInstance, url: string, headers: Record<string, string> = {}) {
  const started = Date.now();
  const res = await app.inject({ url, headers });
  return { res, ms: Date.now() - started };
}

// Before the timeouts these hung: each test and hook has its own limit, so a hang is a failure.
const LIMIT = { timeout: 15_000 };

describe("a database that accepts connections and never answers", LIMIT, () => {
  let silent: Awaited<ReturnType<typeof silentServer>>;
  let app: FastifyInstance;
  before(async () => {
    silent = await silentServer();
    // A connect timeout longer than readiness's own limit, so /readyz must not wait for it.
    app = await appOn(silent.port, { DATABASE_CONNECT_TIMEOUT_MS: "3000" });
    await app.ready();
  });
  after(async () => {
    await silent.close();
    await app.close();
  });

  it("/readyz answers 503 within 2.5 s; /healthz says the process is alive", LIMIT, async () => {
    const { res, ms } = await timed(app, "/readyz");
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().error.id, "unavailable");
    assert.equal(res.headers["retry-after"], "30");
    assert.ok(ms < 2500, `answered in ${ms} ms`);
    assert.equal((await app.inject({ url: "/healthz" })).statusCode, 200);
  });

  it(
    "a page answers a translated 503 with Retry-After once the connect timeout passes",
    LIMIT,
    async () => {
      const { res, ms } = await timed(app, "/es/members");
      assert.equal(res.statusCode, 503);
      assert.equal(res.headers["retry-after"], "30");
      assert.match(res.body, /<html lang="es"/);
      assert.ok(
        res.body.includes(escapeHtml(translator(localeOfPath("/es/"))("errors.unavailable"))),
      );
      assert.ok(ms < 4500, `answered in ${ms} ms`);
    },
  );
});

describe("a database that refuses connections", LIMIT, () => {
  let app: FastifyInstance;
  before(async () => {
    app = await appOn(await closedPort(), { DATABASE_CONNECT_TIMEOUT_MS: "1000" });
    await app.ready();
  });
  after(async () => {
    await app.close();
  });

  it("pages answer a translated 503 with Retry-After in every language", LIMIT, async () => {
    for (const locale of LOCALES) {
      for (const path of ["/", "/members", "/about/figures", "/search?q=x"]) {
        const res = await app.inject({ url: localizedPath(locale, path) });
        assert.equal(res.statusCode, 503, `${locale.tag} ${path}: ${res.body.slice(0, 200)}`);
        assert.equal(res.headers["retry-after"], "30");
        assert.match(String(res.headers["content-type"]), /^text\/html/);
        assert.ok(
          res.body.includes(escapeHtml(translator(locale)("errors.unavailable"))),
          `${locale.tag} ${path}: the message in the visitor's language`,
        );
        assert.doesNotMatch(res.body, /ECONNREFUSED|127\.0\.0\.1|\.ts:\d+/);
      }
    }
  });

  it("the API answers JSON 503 with Retry-After", LIMIT, async () => {
    for (const url of [
      "/api/v1/coalition/stats",
      "/api/v1/members",
      "/api/v1/search?q=x",
      "/readyz",
    ]) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 503, url);
      assert.equal(res.headers["retry-after"], "30", url);
      assert.equal(res.json().error.id, "unavailable", url);
      assert.doesNotMatch(res.body, /ECONNREFUSED|127\.0\.0\.1/);
    }
  });
});

describe("isDatabaseUnavailable", () => {
  const coded = (code: string) => Object.assign(new Error("x"), { code });
  it("knows the errors of a database that is away or busy, on both engines", () => {
    for (const error of [
      coded("ECONNREFUSED"),
      coded("ETIMEDOUT"),
      coded("57014"), // statement_timeout
      coded("SQLITE_BUSY"),
      coded("SQLITE_BUSY_SNAPSHOT"),
      new Error("timeout exceeded when trying to connect"),
      new Error("Connection terminated unexpectedly"),
      new Error("Query read timeout"),
      new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")]),
      new Error("wrapped", { cause: coded("ECONNRESET") }),
    ]) {
      assert.equal(isDatabaseUnavailable(error), true, String(error));
    }
  });

  it("leaves other errors alone", () => {
    for (const error of [
      coded("23505"),
      coded("SQLITE_CONSTRAINT_UNIQUE"),
      new Error("no such table: content_blocks"),
      "ECONNREFUSED",
      null,
    ]) {
      assert.equal(isDatabaseUnavailable(error), false, String(error));
    }
  });
});
