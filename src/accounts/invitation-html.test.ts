// The pages of invitations, /account/team and /admin/users are valid HTML by html-validate's
// recommended rules (as e2e/html-validity.test.ts holds the public pages), forms with errors
// included. Markup does not depend on the database, so this runs on SQLite only.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import { HtmlValidate } from "html-validate";
import {
  createUser,
  openForm,
  postForm,
  signIn,
  TEST_PASSWORD,
} from "../../test/support/accounts.js";
import { testConfig } from "../../test/support/app.js";
import { createTestDatabase } from "../../test/support/databases.js";
import {
  addJurisdiction,
  createMember,
  invitationLinkFor,
} from "../../test/support/memberships.js";
import { startSmtpServer } from "../../test/support/smtp.js";
import { buildApp } from "../app.js";
import { type Database, openDatabase } from "../db/index.js";

const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    "doctype-style": ["error", { style: "lowercase" }],
    "no-redundant-role": ["error", { exclude: ["img"] }],
    "void-style": "off",
  },
});

// Mail is delivered to a local SMTP server: the links are read from what it received.
const smtp = await startSmtpServer();

describe("invitation and people pages are valid HTML [sqlite]", () => {
  let database: Database;
  let app: FastifyInstance;
  let drop: (() => Promise<void>) | undefined;

  before(async () => {
    const testDb = await createTestDatabase("sqlite");
    drop = testDb.drop;
    const config = testConfig({ SMTP_URL: smtp.url }, testDb.settings);
    database = openDatabase(config.database);
    app = await buildApp(config, { database });
    await app.ready();
  });

  after(async () => {
    await app?.close();
    await smtp.close();
    await database?.close();
    await drop?.();
  });

  it("with and without errors, in every state of the landing page", async () => {
    const vale = await addJurisdiction(database.db, { name: "Vale" });
    await createMember(app, { email: "m@example.org", name: "Mo" }, vale.id, "member_admin");
    await createUser(app, { email: "a@example.org", name: "Al", coalitionRole: "coalition_admin" });
    const admin = await signIn(app, "a@example.org", TEST_PASSWORD, undefined, "10.6.0.1");
    const member = await signIn(app, "m@example.org", TEST_PASSWORD, undefined, "10.6.0.2");
    const form = await openForm(app, "/admin/users", admin);
    const invited = await postForm(app, "/admin/users/invite", form.cookie, {
      _csrf: form.csrf,
      email: "n@example.org",
      name: "N",
      locale: "es",
      target: "member_staff",
      jurisdiction: vale.id,
    });
    assert.equal(invited.statusCode, 303);
    const link = await invitationLinkFor(app, smtp, "n@example.org");
    const landing = await openForm(app, link.path);

    const pages: [string, { statusCode: number; body: string }][] = [
      ["/admin/users", await app.inject({ url: "/admin/users", headers: { cookie: admin } })],
      [
        "/es/account/team",
        await app.inject({ url: "/es/account/team", headers: { cookie: member } }),
      ],
      ["landing, new person", landing.res],
      ["landing, someone else signed in", (await openForm(app, link.path, member)).res],
      ["landing, forged", await app.inject({ url: "/account/invitation?token=x" })],
      [
        "invite form with errors",
        await postForm(app, "/admin/users/invite", form.cookie, {
          _csrf: form.csrf,
          email: "<x",
          name: "<",
          locale: "q",
          target: "z",
        }),
      ],
      [
        "team invite with errors",
        await postForm(app, "/account/team/invite", member, {
          _csrf: (await openForm(app, "/account/team", member)).csrf,
          jurisdiction: vale.id,
          email: "",
          name: "",
          locale: "",
          target: "",
        }),
      ],
      [
        "account form with errors",
        await postForm(
          app,
          "/es/account/invitation",
          landing.cookie,
          { _csrf: landing.csrf, token: link.token, name: "", password: "x", password_confirm: "" },
          "10.6.0.3",
        ),
      ],
    ];
    for (const [name, res] of pages) {
      assert.ok(res.statusCode < 500, `${name}: ${res.statusCode}`);
      const report = await validator.validateString(res.body, name);
      const messages = report.results
        .flatMap((r) => r.messages)
        .map((m) => `${m.ruleId}: ${m.message}`);
      assert.deepEqual(messages, [], name);
    }
  });
});
