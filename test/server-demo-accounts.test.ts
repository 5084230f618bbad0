// The real entry point on a first start for a public address: the demo content is seeded, the
// demo accounts (published password and TOTP key) are not, and the log says why.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { openDatabase } from "../src/db/index.js";
import { startServer } from "./support/start-server.js";

const dir = mkdtempSync(join(tmpdir(), "cfa-server-demo-"));
after(() => rmSync(dir, { recursive: true, force: true }));

it("a first start with an https PUBLIC_URL seeds no demo accounts, and warns", async () => {
  const path = join(dir, "cfa.sqlite");
  const server = startServer({
    SQLITE_PATH: path,
    PUBLIC_URL: "https://cities.example.org",
    LOG_LEVEL: "info",
  });
  await server.listening();
  server.child.kill("SIGTERM");
  const code = await server.exited;
  const output = server.output();
  assert.equal(code, 0, output);
  assert.match(output, /seeded demo content/);
  assert.match(output, /demo accounts not created.*DEMO_ACCOUNTS=true/);
  assert.doesNotMatch(output, /coalition\.admin@example\.org/);
  const database = openDatabase({ kind: "sqlite", path });
  try {
    const users = await database.db.selectFrom("users").select("email").execute();
    assert.deepEqual(users, []);
  } finally {
    await database.close();
  }
});
