// Migration 0011 moved delivery onto jobs: a message the old poller had queued gets its
// mail.deliver job, so upgrading loses no mail.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { type Kysely, sql } from "kysely";
import { createTestDatabase, testDialects } from "../../test/support/databases.js";
import { type SmtpTestServer, startSmtpServer } from "../../test/support/smtp.js";
import { type Database, openDatabase } from "../db/index.js";
import * as jobsMigration from "../db/migrations/0011-jobs.js";
import { createMailer, type Mailer, mailJobKey } from "./index.js";

for (const { kind, skip } of testDialects()) {
  describe(`mail across migration 0011 [${kind}]`, { skip }, () => {
    let smtp: SmtpTestServer;
    let database: Database;
    let drop: () => Promise<void>;
    let mailer: Mailer | undefined;
    const old = (id: string, status: string, attempts: number, sentAt: string | null) =>
      sql`insert into outbox (id, to_address, subject, text_body, locale, status, attempts,
          last_error, created_at, sent_at)
          values (${id}, 'ana@example.org', ${`Message ${id}`}, 'Hola', 'es', ${status},
          ${attempts}, null, '2026-01-01T00:00:00.000Z', ${sentAt})`;

    before(async () => {
      smtp = await startSmtpServer();
      const testDb = await createTestDatabase(kind);
      drop = testDb.drop;
      database = openDatabase(testDb.settings);
      // The schema before 0011, holding what the old poller left: a message waiting for its
      // retry (sent_at was its next try), one sent and one kept.
      const db = database.db as unknown as Kysely<unknown>;
      await jobsMigration.down(db);
      await old("waiting", "queued", 2, "2026-01-01T00:05:00.000Z").execute(db);
      await old("sent", "sent", 1, "2026-01-01T00:01:00.000Z").execute(db);
      await old("kept", "kept", 0, null).execute(db);
      await jobsMigration.up(db);
    });
    afterEach(async () => {
      await mailer?.stop();
    });
    after(async () => {
      await smtp.close();
      await database.close();
      await drop();
    });

    it("gives a message queued before the upgrade its delivery job, which sends it", async () => {
      const db = database.db;
      const jobs = await db.selectFrom("jobs").selectAll().execute();
      assert.deepEqual(
        jobs.map((j) => [j.name, j.key, j.state, j.attempts, j.run_at, JSON.parse(j.payload)]),
        [
          [
            "mail.deliver",
            mailJobKey("waiting"),
            "queued",
            2,
            "2026-01-01T00:05:00.000Z",
            { outboxId: "waiting" },
          ],
        ],
      );
      const rows = await db.selectFrom("outbox").selectAll().orderBy("id").execute();
      assert.deepEqual(
        rows.map((r) => [r.id, r.kind, r.sent_at]),
        [
          ["kept", "general", null],
          ["sent", "general", "2026-01-01T00:01:00.000Z"],
          ["waiting", "general", null],
        ],
      );

      mailer = createMailer({ smtpUrl: smtp.url, from: "cfa@example.org" }, db);
      assert.deepEqual(await mailer.deliver(), { attempted: 1, sent: 1, retrying: 0, failed: 0 });
      assert.deepEqual(
        smtp.messages.map((m) => m.subject),
        ["Message waiting"],
      );
      const sent = await db
        .selectFrom("outbox")
        .selectAll()
        .where("id", "=", "waiting")
        .executeTakeFirstOrThrow();
      assert.equal(sent.status, "sent");
      assert.equal(sent.attempts, 3, "its attempts carried over");
      assert.deepEqual(await db.selectFrom("jobs").selectAll().execute(), []);
    });
  });
}
