import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { describeEachDatabase } from "../../test/support/app.js";
import { type SmtpTestServer, startSmtpServer } from "../../test/support/smtp.js";
import {
  createMailer,
  isMailAddress,
  MAIL_ADDRESS_PATTERN,
  MAX_ATTEMPTS,
  type Mailer,
  type MailMessage,
  MailMessageError,
  mailJobKey,
} from "./index.js";

const FROM = "Cities for Action <no-reply@cfa.test>";

const spanish: MailMessage = {
  to: "ana@ayuntamiento.example",
  subject: "Su solicitud — ¿está lista? Año 2026 ✓",
  text:
    "Hola Ana:\n\nGracias por su solicitud. Para iniciar sesión, abra este enlace:\n" +
    "https://cfa.test/es/sign-in?token=abc123&next=%2Fes%2Fcuenta\n" +
    ".\n" + // a line holding only a dot must survive SMTP's dot-stuffing
    "Una línea larga: " +
    "ñandú ".repeat(30) +
    "\n\n— Ciudades en Acción\n",
  locale: "es",
};

const chinese: MailMessage = {
  to: "li@city.example",
  subject: "您的会员申请已收到：城市行动联盟",
  text: "李先生您好：\n\n我们已收到您所在城市的会员申请。\n谢谢！\n",
  locale: "zh-Hans",
};

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await sleep(25);
  }
  assert.fail(`timed out waiting for ${what}`);
}

describeEachDatabase("mail", { seed: false }, (ctx) => {
  let smtp: SmtpTestServer;
  const mailers: Mailer[] = [];
  const db = () => ctx.database.db;
  const outbox = () => db().selectFrom("outbox").selectAll().orderBy("created_at").execute();
  const jobs = () => db().selectFrom("jobs").selectAll().execute();
  /** The mail.deliver job of outbox row `id`: its run_at is when the message is next tried. */
  const jobOf = (id: string) =>
    db().selectFrom("jobs").selectAll().where("key", "=", mailJobKey(id)).executeTakeFirst();
  const setJob = (
    id: string,
    set: { state?: "queued" | "running"; attempts?: number; run_at: string },
  ) => db().updateTable("jobs").set(set).where("key", "=", mailJobKey(id)).execute();
  const mailer = (smtpUrl: string | undefined, options = {}) => {
    const made = createMailer({ smtpUrl, from: FROM }, db(), options);
    mailers.push(made);
    return made;
  };

  before(async () => {
    smtp = await startSmtpServer();
  });
  after(async () => {
    await smtp.close();
  });
  beforeEach(async () => {
    smtp.reset();
    await db().deleteFrom("outbox").execute();
    await db().deleteFrom("jobs").execute();
  });
  afterEach(async () => {
    await Promise.all(mailers.splice(0).map((m) => m.stop()));
  });

  it("without SMTP keeps the message in the outbox with its locale and sends nothing", async () => {
    const m = mailer(undefined);
    assert.equal(m.delivers, false);
    const result = await m.send(spanish);
    assert.equal(result.status, "kept");
    m.start(10);
    m.flush();
    assert.deepEqual(await m.deliver(), { attempted: 0, sent: 0, retrying: 0, failed: 0 });
    const [row, ...rest] = await outbox();
    assert.equal(rest.length, 0);
    assert.deepEqual(
      { ...row, created_at: undefined },
      {
        id: result.id,
        to_address: spanish.to,
        subject: spanish.subject,
        text_body: spanish.text,
        sealed_body: null,
        secret_removed_at: null,
        locale: "es",
        kind: "general",
        status: "kept",
        attempts: 0,
        last_error: null,
        created_at: undefined,
        sent_at: null,
      },
    );
    assert.deepEqual(await jobs(), [], "no delivery job for a kept message");
    await sleep(50);
    assert.equal(smtp.offered, 0);
  });

  it("with SMTP queues, then delivers Spanish and Chinese text intact and marks it sent", async () => {
    const m = mailer(smtp.url);
    assert.equal(m.delivers, true);
    const es = await m.send(spanish);
    const zh = await m.send(chinese);
    assert.equal(es.status, "queued");
    assert.equal(smtp.offered, 0, "send() itself sends nothing");
    assert.equal((await jobOf(es.id))?.name, "mail.deliver", "a delivery job per message");

    assert.deepEqual(await m.deliver(), { attempted: 2, sent: 2, retrying: 0, failed: 0 });
    assert.equal(smtp.messages.length, 2);
    // Sent in one millisecond, so in either order.
    const receivedFor = (to: string) => smtp.messages.find((r) => r.to.includes(to));
    for (const [received, sent] of [
      [receivedFor(spanish.to), spanish],
      [receivedFor(chinese.to), chinese],
    ] as const) {
      assert.ok(received);
      assert.equal(received.from, "no-reply@cfa.test");
      assert.deepEqual(received.to, [sent.to]);
      assert.equal(received.headers.get("from"), FROM);
      assert.equal(received.headers.get("to"), sent.to);
      assert.equal(received.subject, sent.subject);
      assert.equal(received.text.replace(/\n?$/, "\n"), sent.text);
      assert.equal(received.headers.get("content-language"), sent.locale);
      assert.match(received.headers.get("content-type") ?? "", /^text\/plain; charset=utf-8/i);
    }

    const rows = await outbox();
    for (const row of rows) {
      assert.equal(row.status, "sent");
      assert.equal(row.attempts, 1);
      assert.equal(row.last_error, null);
      assert.ok(row.sent_at && row.sent_at >= row.created_at);
    }
    assert.deepEqual(rows.map((r) => r.id).sort(), [es.id, zh.id].sort());
    assert.deepEqual(await jobs(), [], "the delivery jobs are done");
    assert.equal((await m.deliver()).attempted, 0, "a sent message is not sent again");
  });

  it("retries a refused delivery and marks it failed after 5 attempts with the error", async () => {
    const m = mailer(smtp.url, { retryDelaysMs: [0] });
    const { id } = await m.send(chinese);
    smtp.refuseNext(MAX_ATTEMPTS, { code: 451 });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const report = await m.deliver();
      const row = await db()
        .selectFrom("outbox")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      assert.equal(row.attempts, attempt);
      assert.match(row.last_error ?? "", /451/);
      if (attempt < MAX_ATTEMPTS) {
        assert.deepEqual(report, { attempted: 1, sent: 0, retrying: 1, failed: 0 });
        assert.equal(row.status, "queued");
      } else {
        assert.deepEqual(report, { attempted: 1, sent: 0, retrying: 0, failed: 1 });
        assert.equal(row.status, "failed");
        assert.equal(row.sent_at, null);
        assert.equal((await jobOf(id))?.state, "dead", "its job is dead, for an operator to see");
      }
    }
    assert.equal((await m.deliver()).attempted, 0, "a failed message is not tried again");
    assert.equal(smtp.offered, MAX_ATTEMPTS);
    assert.equal(smtp.messages.length, 0);
  });

  it("waits before a retry, and a retry that succeeds marks the message sent", async () => {
    const m = mailer(smtp.url);
    const { id } = await m.send(spanish);
    smtp.refuseNext(1, { code: 421 });
    assert.equal((await m.deliver()).retrying, 1);
    assert.equal((await m.deliver()).attempted, 0, "not retried before its back-off ends");
    const waiting = await jobOf(id);
    assert.equal(waiting?.state, "queued");
    assert.ok(waiting && waiting.run_at > new Date(Date.now() + 30_000).toISOString());

    await setJob(id, { run_at: new Date(Date.now() - 1000).toISOString() });
    assert.equal((await m.deliver()).sent, 1);
    const row = await db()
      .selectFrom("outbox")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, "sent");
    assert.equal(row.attempts, 2);
    assert.match(row.last_error ?? "", /421/, "the last failure stays on record");
    assert.equal(smtp.messages.length, 1);
  });

  it("gives up at once when the server refuses the recipient for good (5xx)", async () => {
    const m = mailer(smtp.url, { retryDelaysMs: [0] });
    await m.send(spanish);
    smtp.refuseNext(1, { code: 550, at: "rcpt" });
    assert.deepEqual(await m.deliver(), { attempted: 1, sent: 0, retrying: 0, failed: 1 });
    const [row] = await outbox();
    assert.equal(row?.status, "failed");
    assert.equal(row?.attempts, 1);
    assert.match(row?.last_error ?? "", /550/);
  });

  it("writes the mail with the transaction: a rollback leaves nothing to send", async () => {
    const m = mailer(smtp.url);
    await assert.rejects(
      db()
        .transaction()
        .execute(async (trx) => {
          await m.send(spanish, trx);
          throw new Error("the change that caused the mail failed");
        }),
      /the change that caused the mail failed/,
    );
    assert.deepEqual(await outbox(), []);
    assert.deepEqual(await jobs(), [], "nor a delivery job");
    assert.equal((await m.deliver()).attempted, 0);

    const { id } = await db()
      .transaction()
      .execute((trx) => m.send(chinese, trx));
    m.flush(); // after the commit, as a route does
    await until(() => smtp.messages.length === 1, "the committed mail");
    assert.equal(smtp.messages[0]?.subject, chinese.subject);
    const [row] = await outbox();
    assert.equal(row?.id, id);
    await until(() => smtp.offered === 1, "delivery");
    await m.stop();
    assert.equal((await outbox())[0]?.status, "sent");
    assert.equal(smtp.offered, 1);
  });

  it("refuses CR/LF in the recipient or subject, and anything but one address", async () => {
    const m = mailer(smtp.url);
    const bad: [Partial<MailMessage>, RegExp][] = [
      [{ subject: "Hello\r\nBcc: victim@example.org" }, /subject must not contain line breaks/],
      [{ subject: "Hello\nthere" }, /subject must not contain line breaks/],
      [{ to: "ana@example.org\r\nBcc: victim@example.org" }, /recipient must not contain line/],
      [{ to: "ana@example.org\n" }, /recipient must not contain line breaks/],
      [{ to: "ana@example.org, victim@example.org" }, /exactly one e-mail address/],
      [{ to: "Ana <ana@example.org>" }, /exactly one e-mail address/],
      [{ to: "ana" }, /exactly one e-mail address/],
      [{ to: "ana(comment)@example.org" }, /exactly one e-mail address/],
      [{ to: "ana@example..org" }, /exactly one e-mail address/],
      [{ subject: " " }, /subject must have/],
      [{ locale: "es\r\nX: y" }, /locale/],
      [{ kind: "Token\n" }, /kind/],
    ];
    for (const [change, message] of bad) {
      await assert.rejects(m.send({ ...spanish, ...change }), (error: unknown) => {
        assert.ok(error instanceof MailMessageError);
        assert.match(error.message, message);
        return true;
      });
    }
    assert.deepEqual(await outbox(), []);
    assert.equal(smtp.offered, 0);
    // The pattern forms use agrees with send(), also as a unicode-mode (JSON Schema) pattern.
    const pattern = new RegExp(MAIL_ADDRESS_PATTERN, "u");
    for (const ok of ["ana@example.org", "josé@ejemplo.es", "li@城市.中国"]) {
      assert.ok(isMailAddress(ok) && pattern.test(ok), ok);
    }
    for (const no of ["ana@example..org", "Ana <ana@example.org>", "a@b.org\n"]) {
      assert.ok(!isMailAddress(no) && !pattern.test(no), no);
    }
  });

  it("sends each message once when two mailers deliver at the same time", async () => {
    const a = mailer(smtp.url, { batchSize: 50 });
    const b = mailer(smtp.url, { batchSize: 50 });
    const count = 12;
    for (let i = 0; i < count; i++) {
      await (i % 2 ? a : b).send({ ...spanish, subject: `Message ${i}` });
    }
    const reports = await Promise.all([a.deliver(), b.deliver(), a.deliver(), b.deliver()]);
    assert.equal(
      reports.reduce((sum, r) => sum + r.sent, 0),
      count,
    );
    const subjects = smtp.messages.map((received) => received.subject).sort();
    assert.deepEqual(subjects, Array.from({ length: count }, (_, i) => `Message ${i}`).sort());
    for (const row of await outbox()) {
      assert.equal(row.status, "sent");
      assert.equal(row.attempts, 1);
    }
  });

  it("leaves a claimed message to its process until the claim runs out", async () => {
    const m = mailer(smtp.url);
    const { id: held } = await m.send({ ...spanish, subject: "Held" });
    const { id: abandoned } = await m.send({ ...spanish, subject: "Abandoned" });
    // As another process leaves their jobs: claimed (attempts 1), one claim live, one run out.
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    await setJob(held, { state: "running", attempts: 1, run_at: at(60_000) });
    await setJob(abandoned, { state: "running", attempts: 1, run_at: at(-1000) });
    assert.deepEqual(await m.deliver(), { attempted: 1, sent: 1, retrying: 0, failed: 0 });
    assert.deepEqual(
      smtp.messages.map((r) => r.subject),
      ["Abandoned"],
    );
  });

  it("the poller delivers queued messages, and stop() ends it", async () => {
    const m = mailer(smtp.url);
    await m.send(spanish);
    m.start(20);
    await until(() => smtp.messages.length === 1, "the poller");
    await m.send(chinese);
    await until(() => smtp.messages.length === 2, "the poller's next round");
    await m.stop();
    await m.send({ ...spanish, subject: "After stop" });
    await sleep(100);
    assert.equal(smtp.messages.length, 2);
  });
});
