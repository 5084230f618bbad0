// Migration 0014 takes the live links out of mail written before it: every stored body loses
// its `?token=` links, and such a mail still queued is given up on rather than sent dead.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Kysely, sql } from "kysely";
import { createTestDatabase, testDialects } from "../../test/support/databases.js";
import { type SmtpTestServer, startSmtpServer } from "../../test/support/smtp.js";
import { type Database, openDatabase } from "../db/index.js";
import * as secretsMigration from "../db/migrations/0014-mail-secrets.js";
import { createMailer, mailJobKey } from "./index.js";

const LINK =
  "https://cfa.test/es/account/sign-in/link/verify?token=AAAAbbbbCCCCdddd0123456789abcdef";
const INVITE =
  "https://cfa.test/account/invitation?token=Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg";

for (const { kind, skip } of testDialects()) {
  describe(`mail across migration 0014 [${kind}]`, { skip }, () => {
    let smtp: SmtpTestServer;
    let database: Database;
    let drop: () => Promise<void>;
    const old = (id: string, status: string, body: string, locale = "en") =>
      sql`insert into outbox (id, to_address, subject, text_body, locale, status, attempts,
          last_error, created_at, sent_at, kind)
          values (${id}, ${`${id}@example.org`}, ${`Message ${id}`}, ${body}, ${locale},
          ${status}, 0, null, '2026-01-01T00:00:00.000Z', null, 'token')`;

    before(async () => {
      smtp = await startSmtpServer();
      const testDb = await createTestDatabase(kind);
      drop = testDb.drop;
      database = openDatabase(testDb.settings);
      const db = database.db as unknown as Kysely<unknown>;
      await secretsMigration.down(db);
      await old("link", "sent", `Hola,\n\n${LINK}\n\nAdiós`, "es").execute(db);
      await old("invite", "queued", `To accept, open this link:\n${INVITE}\n`).execute(db);
      await old(
        "plain",
        "sent",
        "Your application was received. See https://cfa.test/join",
      ).execute(db);
      await sql`insert into jobs (id, name, payload, key, state, attempts, run_at, created_at, updated_at)
                values ('j1', 'mail.deliver', '{"outboxId":"invite"}', ${mailJobKey("invite")},
                'queued', 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z',
                '2026-01-01T00:00:00.000Z')`.execute(db);
      await secretsMigration.up(db);
    });
    after(async () => {
      await smtp.close();
      await database.close();
      await drop();
    });

    it("removes the links of stored mail; a queued one is given up, never sent dead", async () => {
      const rows = await database.db.selectFrom("outbox").selectAll().orderBy("id").execute();
      assert.deepEqual(
        rows.map((r) => [r.id, r.text_body, r.sealed_body, r.secret_removed_at !== null]),
        [
          ["invite", "To accept, open this link:\n[link removed]\n", null, true],
          ["link", "Hola,\n\n[enlace eliminado]\n\nAdiós", null, true],
          ["plain", "Your application was received. See https://cfa.test/join", null, false],
        ],
      );
      const mailer = createMailer({ smtpUrl: smtp.url, from: "cfa@example.org" }, database.db);
      try {
        assert.deepEqual(await mailer.deliver(), {
          attempted: 1,
          sent: 0,
          retrying: 0,
          failed: 1,
        });
      } finally {
        await mailer.stop();
      }
      assert.equal(smtp.offered, 0);
      const invite = rows[0];
      const after = await database.db
        .selectFrom("outbox")
        .select(["status", "last_error"])
        .where("id", "=", invite?.id ?? "")
        .executeTakeFirstOrThrow();
      assert.deepEqual(after, {
        status: "failed",
        last_error: "its one-time link was removed: not sent",
      });
    });
  });
}
