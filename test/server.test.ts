// The real entry point, as `npm start` runs it: first start migrates and seeds, it serves,
// SIGTERM shuts it down cleanly, and a bad variable stops it with a message naming the variable.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";

const root = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "cfa-server-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      HOST: "127.0.0.1",
      PORT: "0",
      SQLITE_PATH: join(dir, "cfa.sqlite"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

it("starts on an empty SQLite database, serves the seeded home page and stops on SIGTERM", async () => {
  const server = start({ LOG_LEVEL: "info" });
  const deadline = Date.now() + 30_000;
  let url: string | undefined;
  while (!url && Date.now() < deadline) {
    url = server.output().match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
    if (!url) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(url, `server did not start:\n${server.output()}`);
  assert.match(server.output(), /seeded demo content/);
  const home = await fetch(`${url}/es/`);
  assert.equal(home.status, 200);
  assert.match(await home.text(), /<html lang="es"/);
  assert.equal((await fetch(`${url}/readyz`)).status, 200);
  server.child.kill("SIGTERM");
  assert.equal(await server.exited, 0);
  assert.match(server.output(), /"signal":"SIGTERM"/);
});

it("refuses to start with a bad variable, naming it", async () => {
  const server = start({ PORT: "not-a-port", DATABASE_URL: "mysql://nope" });
  assert.equal(await server.exited, 78);
  assert.match(server.output(), /PORT="not-a-port" is not valid/);
  assert.match(server.output(), /DATABASE_URL="mysql:\/\/nope" is not valid/);
  assert.doesNotMatch(server.output(), /\n\s+at /, "no stack trace");
});
