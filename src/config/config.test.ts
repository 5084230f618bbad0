import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, loadConfig, trustProxyOption } from "./config.js";

describe("loadConfig", () => {
  it("defaults to SQLite under ./data on localhost:3000", () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, "localhost");
    assert.deepEqual(config.database, { kind: "sqlite", path: "./data/cfa.sqlite" });
    assert.equal(config.publicUrl, "http://localhost:3000");
    assert.equal(config.seedDemo, true);
    assert.ok(Object.isFrozen(config));
  });

  it("uses PostgreSQL when DATABASE_URL is set, and converts types", () => {
    const config = loadConfig({
      DATABASE_URL: "postgres://u@db:5432/cfa",
      PORT: "8080",
      SEED_DEMO: "false",
      PUBLIC_URL: "https://cities.example.org",
    });
    assert.deepEqual(config.database, { kind: "postgres", url: "postgres://u@db:5432/cfa" });
    assert.equal(config.port, 8080);
    assert.equal(config.seedDemo, false);
    assert.equal(config.publicUrl, "https://cities.example.org");
  });

  it("requires a contact address in production, where people report barriers", () => {
    const production = { NODE_ENV: "production", AUTH_SECRET: "s".repeat(32) };
    assert.throws(
      () => loadConfig(production),
      (e: Error) =>
        e instanceof ConfigError && /CONTACT_EMAIL is required in production/.test(e.message),
    );
    assert.equal(
      loadConfig({ ...production, CONTACT_EMAIL: "access@cities.example.org" }).contactEmail,
      "access@cities.example.org",
    );
    assert.equal(loadConfig({ NODE_ENV: "development" }).contactEmail, undefined);
  });

  it("names every bad variable at once", () => {
    const error = (() => {
      try {
        loadConfig({
          PORT: "abc",
          LOG_LEVEL: "loud",
          DATABASE_URL: "mysql://x",
          PUBLIC_URL: "https://x.org/",
          CONTACT_EMAIL: "nope",
        });
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof ConfigError);
    const text = error.problems.join("\n");
    for (const name of ["PORT", "LOG_LEVEL", "DATABASE_URL", "PUBLIC_URL", "CONTACT_EMAIL"]) {
      assert.match(text, new RegExp(`^${name}=`, "m"), `${name} is reported`);
    }
    assert.equal(error.problems.length, 5);
  });

  it("bounds every wait on the database and on clients, with defaults", () => {
    assert.deepEqual(loadConfig({}).timeouts, {
      databaseConnectMs: 5000,
      databaseStatementMs: 15_000,
      requestMs: 30_000,
    });
    const config = loadConfig({
      DATABASE_CONNECT_TIMEOUT_MS: "2000",
      DATABASE_STATEMENT_TIMEOUT_MS: "60000",
      REQUEST_TIMEOUT_MS: "10000",
      API_RATE_LIMIT_PER_MINUTE: "50",
    });
    assert.deepEqual(config.timeouts, {
      databaseConnectMs: 2000,
      databaseStatementMs: 60_000,
      requestMs: 10_000,
    });
    assert.equal(config.apiRateLimitPerMinute, 50);
    assert.throws(
      () => loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: "0" }),
      /DATABASE_CONNECT_TIMEOUT_MS="0" is not valid/,
    );
  });

  it("rejects a port out of range", () => {
    assert.throws(() => loadConfig({ PORT: "70000" }), /PORT="70000" is not valid/);
  });

  it("trusts proxies by hop count or by address, never every hop", () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: "false" }).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: "1" }).trustProxy, 1);
    assert.deepEqual(loadConfig({ TRUST_PROXY: "10.0.0.2, 10.1.0.0/16,::1,loopback" }).trustProxy, [
      "10.0.0.2",
      "10.1.0.0/16",
      "::1",
      "loopback",
    ]);
    for (const bad of ["true", "TRUE", "yes", "10.0.0.0/33", "10.0.0.2,evil", "-1"]) {
      assert.throws(
        () => loadConfig({ TRUST_PROXY: bad }),
        (e: unknown) => e instanceof ConfigError && /TRUST_PROXY/.test(e.message),
        bad,
      );
    }
    assert.match(
      (() => {
        try {
          loadConfig({ TRUST_PROXY: "true" });
          return "";
        } catch (e) {
          return (e as Error).message;
        }
      })(),
      /refused.*TRUST_PROXY=1/,
    );
    // One hop: the peer (the proxy) is trusted, the address it appended is the client.
    const trust = trustProxyOption(1);
    assert.ok(typeof trust === "function" && trust("127.0.0.1", 0) && !trust("203.0.113.9", 1));
  });
});
