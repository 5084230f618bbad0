// Demo accounts have a published password and TOTP key: a first start on an address other
// people can reach must not create them unless asked to (DEMO_ACCOUNTS=true).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadConfig } from "../config/config.js";
import { demoAccountsOption, isLocalAddress } from "./demo-accounts.js";

const option = (env: Record<string, string>) => demoAccountsOption(loadConfig(env));

describe("when the demo accounts are seeded", () => {
  it("on this machine's own http address, by default", () => {
    for (const env of <Record<string, string>[]>[
      {},
      { PUBLIC_URL: "http://localhost:3000" },
      { PUBLIC_URL: "http://127.0.0.1:8080" },
      { PUBLIC_URL: "http://[::1]:3000" },
    ]) {
      assert.ok(option(env).accounts, JSON.stringify(env));
      assert.equal(option(env).warning, undefined);
    }
  });

  it("not on a public or https address, with a warning, unless DEMO_ACCOUNTS=true", () => {
    for (const url of [
      "https://cities.example.org",
      "http://cities.example.org",
      "https://localhost:3000",
      "http://192.168.1.10:3000",
      "http://127.0.0.1.example.org",
    ]) {
      const refused = option({ PUBLIC_URL: url });
      assert.equal(refused.accounts, undefined, url);
      assert.match(refused.warning ?? "", /DEMO_ACCOUNTS=true/);
      assert.ok(option({ PUBLIC_URL: url, DEMO_ACCOUNTS: "true" }).accounts, url);
    }
  });

  it("never in production, nor with DEMO_ACCOUNTS=false", () => {
    const production = {
      NODE_ENV: "production",
      AUTH_SECRET: "x".repeat(32),
      CONTACT_EMAIL: "access@example.org",
      DEMO_ACCOUNTS: "true",
      PUBLIC_URL: "http://localhost:3000",
    };
    assert.deepEqual(option(production), {});
    assert.deepEqual(option({ DEMO_ACCOUNTS: "false" }), {});
  });

  it("knows a local address from a public one", () => {
    assert.equal(isLocalAddress("http://127.255.0.1"), true);
    assert.equal(isLocalAddress("http://localhost.example.org"), false);
    assert.equal(isLocalAddress("http://10.0.0.1"), false);
  });
});
