// The real entry point, as `npm start` runs it (scripts/start.mjs: the bundled server, built
// first when the sources changed): first start migrates and seeds, it serves pages, forms and
// the API, SIGTERM shuts it down cleanly, and a bad variable stops it with a message naming it.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { startServer } from "./support/start-server.js";

const ROOT = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "cfa-server-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const start = (env: Record<string, string>) =>
  startServer({ SQLITE_PATH: join(dir, "cfa.sqlite"), ...env });

it("starts on an empty SQLite database, serves the seeded home page and stops on SIGTERM", async () => {
  const server = start({ LOG_LEVEL: "info" });
  const url = await server.listening();
  assert.match(server.output(), /seeded demo content/);
  await exercise(url);
  server.child.kill("SIGTERM");
  // On a failure, what the server said last (a shutdown error, or the 10 s limit) is the clue.
  assert.equal(await server.exited, 0, server.output().slice(-3000));
  assert.match(server.output(), /"signal":"SIGTERM"/);
});

it("starts again on the database it left, from the code the first start compiled", async () => {
  const server = start({ LOG_LEVEL: "info" });
  await exercise(await server.listening());
  // Strict like the ES modules it is made from: the directive counts only as the first line.
  assert.match(readFileSync(join(ROOT, "dist", "server.cjs"), "utf8"), /^"use strict";\n/);
  assert.doesNotMatch(server.output(), /seeded demo content/);
  server.child.kill("SIGTERM");
  assert.equal(await server.exited, 0, server.output().slice(-3000));
});

/** Requests of each kind, and what bundling (and its code cache) could break in them. */
async function exercise(url: string) {
  const home = await fetch(`${url}/es/`);
  assert.equal(home.status, 200);
  assert.match(await home.text(), /<html lang="es"/);
  assert.equal((await fetch(`${url}/readyz`)).status, 200);
  // What bundling could break: pages reading files (catalogs, the Census snapshots, the map),
  // assets, the API, and a form with its CSRF cookie and token.
  const members = await fetch(`${url}/zh-hans/members`);
  assert.equal(members.status, 200);
  assert.match(await members.text(), /<svg[^>]*class="cfa-map"/);
  const css = await fetch(`${url}/assets/uswds/css/uswds.min.css`);
  assert.equal(css.status, 200);
  // Read to the end: a response left unread holds its connection (the shutdown test's case).
  await css.arrayBuffer();
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
}

it("shuts down when a client stops reading a large response, cutting it after a grace", async () => {
  const server = start({ LOG_LEVEL: "info" });
  const url = await server.listening();
  // Half a megabyte, more than the sockets' buffers hold: the server is left writing it.
  const unread = await fetch(`${url}/assets/uswds/css/uswds.min.css`);
  assert.equal(unread.status, 200);
  const stopping = Date.now();
  server.child.kill("SIGTERM");
  assert.equal(await server.exited, 0, server.output().slice(-3000));
  assert.match(server.output(), /closing the connections still open 5 s after SIGTERM/);
  assert.ok(Date.now() - stopping < 9_000, "well before the 10 s limit");
  await unread.body?.cancel().catch(() => {});
});

it("refuses to start with a bad variable, naming it", async () => {
  const server = start({ PORT: "not-a-port", DATABASE_URL: "mysql://nope" });
  assert.equal(await server.exited, 78);
  assert.match(server.output(), /PORT="not-a-port" is not valid/);
  assert.match(server.output(), /DATABASE_URL="mysql:\/\/nope" is not valid/);
  assert.doesNotMatch(server.output(), /\n\s+at /, "no stack trace");
});
