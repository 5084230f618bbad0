// The real entry point, as `npm start` runs it (scripts/start.mjs: the bundled server, built
// first when the sources changed): first start migrates and seeds, it serves pages, forms and
// the API, SIGTERM shuts it down cleanly, and a bad variable stops it with a message naming it.
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
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
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
  // Building the bundle, when the sources changed, takes a few seconds on a busy machine.
  const deadline = Date.now() + 90_000;
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
  // What bundling could break: pages reading files (catalogs, the Census snapshots, the map),
  // assets, the API, and a form with its CSRF cookie and token.
  const members = await fetch(`${url}/zh-hans/members`);
  assert.equal(members.status, 200);
  assert.match(await members.text(), /<svg[^>]*role="img"/);
  assert.equal((await fetch(`${url}/assets/uswds/css/uswds.min.css`)).status, 200);
  assert.equal((await fetch(`${url}/api/v1/coalition/stats`)).status, 200);
  const form = await fetch(`${url}/account/sign-in`);
  const token = (await form.text()).match(/name="_csrf" value="([^"]+)"/)?.[1];
  assert.ok(token, "the sign-in form carries a CSRF token");
  const signIn = await fetch(`${url}/account/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: {
      cookie: form.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; "),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      _csrf: token,
      email: "nobody@example.org",
      password: "wrong",
      next: "/",
    }),
  });
  assert.equal(signIn.status, 401, "a wrong password is refused by the bundled auth library");
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
