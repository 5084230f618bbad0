// The real entry point on a first start for a public address: the demo content is seeded, the
// demo accounts (published password and TOTP key) are not, and the log says why.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { openDatabase } from "../src/db/index.js";

const root = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "cfa-server-demo-"));
after(() => rmSync(dir, { recursive: true, force: true }));

it("a first start with an https PUBLIC_URL seeds no demo accounts, and warns", async () => {
  const path = join(dir, "cfa.sqlite");
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      HOST: "127.0.0.1",
      PORT: "0",
      SQLITE_PATH: path,
      PUBLIC_URL: "https://cities.example.org",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  // As npm start runs it; building the bundle first, on a busy machine, takes a while.
  const deadline = Date.now() + 90_000;
  while (!/Server listening at/.test(output) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.match(output, /Server listening at/, "the server started");
  child.kill("SIGTERM");
  assert.equal(await exited, 0, output);
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
