// The one way the platform sends e-mail. Every message is written to the outbox first (in the
// caller's transaction when given one), so it is never lost: without SMTP it is kept there for
// staff to read; with SMTP it is queued, and a `mail.deliver` job (src/jobs/), enqueued in the
// same transaction, sends it after the commit: run by flush()/deliver(), the mailer's poller or
// the app's job runner, retried with back-off and given up after MAX_ATTEMPTS. The job runner's
// claim makes each message sent once by any number of processes (at least once if a process dies
// between sending and recording it).
import { randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { createTransport, type SendMailOptions } from "nodemailer";
import type { Config } from "../config/config.js";
import type { DB, OutboxStatus } from "../db/index.js";
import {
  createJobRunner,
  enqueueJob,
  errorText,
  type JobContext,
  type JobRunner,
  PermanentJobError,
} from "../jobs/index.js";
import { insertMessage, messageToDeliver, updateDelivery } from "./outbox.queries.js";
import { createSealer, type Sealer, secretFits, storedText, textToSend } from "./sealed.js";

export interface MailMessage {
  /** One address, e.g. `ana@example.org` (no display name, no list). */
  to: string;
  /** One line of text. */
  subject: string;
  /** Plain text, UTF-8. */
  text: string;
  /** The language the message is written in, e.g. `es`; sent as Content-Language. */
  locale: string;
  /**
   * What the message is for (default "general"): "token" for mails carrying a one-time token,
   * which accounts/ limits per mailbox and hour. Lower-case letters, digits, - and _.
   */
  kind?: string;
  /**
   * A one-time secret in `text` (a sign-in, reset or invitation link: `value`, as it appears in
   * the text). The outbox keeps the text with it replaced by `redacted` (e.g. "[sign-in link
   * removed]"): that is what staff read. The whole text is kept only encrypted and only until
   * it is sent (mail/sealed.ts); without SMTP it is never sent, so the secret is not kept at all.
   */
  secret?: { value: string; redacted: string };
}

export interface DeliveryReport {
  /** Messages this call claimed and tried to send. */
  attempted: number;
  sent: number;
  /** Failed this time, queued for another attempt. */
  retrying: number;
  /** Failed for good: the last attempt, or the server refused the recipient or message (5xx). */
  failed: number;
}

/** What the mailer needs of a nodemailer transporter; tests may pass their own. */
export interface MailTransport {
  sendMail(message: SendMailOptions): Promise<unknown>;
}

/** Fastify's `app.log` (pino) fits. Message bodies and subjects are never logged. */
export interface MailLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface MailerOptions {
  /** Sends through this instead of `createTransport(config.smtpUrl)` (tests). */
  transport?: MailTransport;
  log?: MailLogger;
  /**
   * The job runner that runs `mail.deliver` jobs (the app's); without one the mailer makes its
   * own. The mailer defines `mail.deliver` on it when it delivers (SMTP configured).
   */
  jobs?: JobRunner;
  /** Messages one deliver() call tries at most (default 20). */
  batchSize?: number;
  /** Wait before attempt 2, 3, ...; the last entry repeats (default 1 min, 5 min, 30 min, 2 h). */
  retryDelaysMs?: readonly number[];
  /** How long a claimed mail.deliver job is left to its process before another may run it (default 10 min). */
  leaseMs?: number;
  /** Longest one SMTP send may take before it is aborted (default 2 min; keep below leaseMs). */
  sendTimeoutMs?: number;
  /**
   * The auth secret (AUTH_SECRET): queued mail's one-time secrets are encrypted with a key
   * derived from it. Without it, a random key of this process (tests).
   */
  sealingSecret?: string;
}

export interface Mailer {
  /** True when SMTP is configured: messages are queued and delivered, not only kept. */
  readonly delivers: boolean;
  /**
   * Writes the message to the outbox, in `trx` when given (so it commits or rolls back with the
   * change that caused it), and returns its id and status: `queued` with SMTP, `kept` without.
   * Sends nothing: call flush() after the commit. Throws MailMessageError for a bad message.
   */
  send(message: MailMessage, trx?: Kysely<DB>): Promise<{ id: string; status: OutboxStatus }>;
  /** Runs one batch of due mail.deliver jobs, oldest first, and reports what they did. */
  deliver(): Promise<DeliveryReport>;
  /** deliver() in the background, errors logged: call it after the transaction commits. */
  flush(): void;
  /**
   * Delivers now and then every `intervalMs` (default 30 s) on an unref'd timer. The server runs
   * the app's job runner instead, which delivers along with every other job.
   */
  start(intervalMs?: number): void;
  /**
   * Stops the poller and waits for a delivery in progress to end: after its current message with
   * the mailer's own runner; the app's runner is stopped by the app, on close.
   */
  stop(): Promise<void>;
}

export const MAX_ATTEMPTS = 5;
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 60 * 60_000,
];
/** The job that sends one queued outbox message; its payload is `{ outboxId }`. */
export const MAIL_JOB = "mail.deliver";
/** The key of the one mail.deliver job of outbox row `outboxId`. */
export const mailJobKey = (outboxId: string) => `mail:${outboxId}`;
const DEFAULT_BATCH_SIZE = 20;
const DEFAULT_LEASE_MS = 10 * 60_000;
const DEFAULT_SEND_TIMEOUT_MS = 2 * 60_000;
const DEFAULT_INTERVAL_MS = 30_000;
const KIND = /^[a-z][a-z0-9_-]{0,31}$/;

/** A message that cannot be sent as given; `field` names the culprit. */
export class MailMessageError extends Error {
  constructor(
    readonly field: keyof MailMessage,
    message: string,
  ) {
    super(message);
    this.name = "MailMessageError";
  }
}

// Anything that could end a header line or smuggle another header: CR, LF and other controls.
function isControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    (code < 0x20 && code !== 0x09) ||
    code === 0x7f ||
    code === 0x85 ||
    code === 0x2028 ||
    code === 0x2029
  );
}
const hasControl = (text: string): boolean => Array.from(text).some(isControl);
/**
 * One plain address: no display name, comment, quoting, list or route; dotted domain labels.
 * For form schemas (`Type.String({ pattern: MAIL_ADDRESS_PATTERN, maxLength: 254 })`), so an
 * address a form accepts is never refused by send().
 */
export const MAIL_ADDRESS_PATTERN =
  '^[^\\s@<>()[\\]\\\\,;:"]+@[^\\s@<>()[\\]\\\\,;:".]+(\\.[^\\s@<>()[\\]\\\\,;:".]+)+$';
const ADDRESS = new RegExp(MAIL_ADDRESS_PATTERN);

/** Whether send() takes `value` as a recipient. */
export function isMailAddress(value: string): boolean {
  return value.length <= 254 && !hasControl(value) && ADDRESS.test(value);
}
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** Throws MailMessageError unless the message is safe to put in headers and send. */
export function checkMessage(message: MailMessage): void {
  const { to, subject, text, locale, kind } = message;
  if (typeof to !== "string" || hasControl(to))
    throw new MailMessageError(
      "to",
      "Mail recipient must not contain line breaks (CR/LF) or control characters",
    );
  if (!isMailAddress(to))
    throw new MailMessageError("to", "Mail recipient must be exactly one e-mail address");
  if (typeof subject !== "string" || hasControl(subject))
    throw new MailMessageError(
      "subject",
      "Mail subject must not contain line breaks (CR/LF) or control characters",
    );
  if (subject.trim() === "" || subject.length > 500)
    throw new MailMessageError("subject", "Mail subject must have 1 to 500 characters");
  if (typeof text !== "string") throw new MailMessageError("text", "Mail text must be a string");
  if (typeof locale !== "string" || !LOCALE.test(locale))
    throw new MailMessageError(
      "locale",
      "Mail locale must be a language tag such as es or zh-Hans",
    );
  if (kind !== undefined && (typeof kind !== "string" || !KIND.test(kind)))
    throw new MailMessageError("kind", "Mail kind must be a short lower-case word such as token");
  if (message.secret !== undefined && !secretFits(text, message.secret))
    throw new MailMessageError("secret", "Mail secret must appear in the text, and its notice not");
}

/** A transport for an smtp(s):// URL. Off loopback, STARTTLS is required unless the URL says ?requireTLS=false. */
function smtpTransport(smtpUrl: string): MailTransport {
  const host = new URL(smtpUrl).hostname;
  const loopback = host === "localhost" || host.startsWith("127.") || host === "[::1]";
  // Options in the URL's query (e.g. ?requireTLS=false) override these.
  return createTransport({
    url: smtpUrl,
    requireTLS: !loopback,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    logger: false,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}

// The server refused this recipient or this message for good (5xx but 503): retrying would get
// the same answer. A 5xx to authentication (bad credentials) is the operator's to fix: retried.
function refusedForGood(error: unknown): boolean {
  const e = error as { code?: unknown; permanent?: unknown };
  return e.permanent === true && (e.code === "EENVELOPE" || e.code === "EMESSAGE");
}

const NOTHING: DeliveryReport = Object.freeze({ attempted: 0, sent: 0, retrying: 0, failed: 0 });

export function createMailer(
  config: Config["mail"],
  db: Kysely<DB>,
  options: MailerOptions = {},
): Mailer {
  const transport =
    options.transport ?? (config.smtpUrl ? smtpTransport(config.smtpUrl) : undefined);
  const log = options.log;
  // Without the app's runner (tests), a runner of our own that stop() stops.
  const ownRunner = options.jobs ? undefined : createJobRunner(db, { log });
  const jobs = options.jobs ?? (ownRunner as JobRunner);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const sealer: Sealer = createSealer(
    options.sealingSecret ?? randomBytes(32).toString("base64url"),
  );
  const sendTimeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;

  let current: Promise<DeliveryReport> | undefined;
  let next: Promise<DeliveryReport> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function send(
    message: MailMessage,
    trx?: Kysely<DB>,
  ): Promise<{ id: string; status: OutboxStatus }> {
    checkMessage(message);
    const id = randomUUID();
    const status: OutboxStatus = transport ? "queued" : "kept";
    const into = trx ?? db;
    const now = new Date().toISOString();
    await insertMessage(into, {
      id,
      to_address: message.to,
      subject: message.subject,
      // Kept (never sent), a secret has no use: it is not stored at all.
      ...storedText(message, transport ? sealer : undefined, now),
      locale: message.locale,
      kind: message.kind ?? "general",
      status,
      attempts: 0,
      last_error: null,
      created_at: now,
      sent_at: null,
    });
    if (transport) await enqueueJob(into, MAIL_JOB, { outboxId: id }, { key: mailJobKey(id) });
    else log?.info({ outboxId: id }, "mail kept in the outbox (no SMTP_URL)");
    return { id, status };
  }

  // One attempt at one message. The job runner has claimed the job, so no other process is
  // sending this message now; what the outbox row says is for staff to read.
  async function deliverOne(smtp: MailTransport, outboxId: string, job: JobContext) {
    const row = await messageToDeliver(db, outboxId);
    // Sent already (a process died before its job ended), or never to be sent.
    if (!row || row.status === "sent" || row.status === "kept") return;
    const attempt = row.attempts + 1;
    const { text, gone } = textToSend(row, sealer);
    // Without its one-time link it would be a mail with a dead link: given up on.
    if (gone !== undefined) {
      await updateDelivery(db, outboxId, { status: "failed", lastError: gone, wipeSecret: true });
      log?.warn({ outboxId }, "mail not sent: its one-time link is gone");
      throw new PermanentJobError(gone);
    }
    // Its secret goes with the attempt that ends its delivery, sent or given up.
    const wipeSecret = row.sealed_body !== null;
    await updateDelivery(db, outboxId, { status: "queued", attempts: attempt });
    try {
      await smtp.sendMail({
        from: config.from,
        to: row.to_address,
        subject: row.subject,
        text,
        headers: { "Content-Language": row.locale },
        signal: AbortSignal.any([AbortSignal.timeout(sendTimeoutMs), job.signal]),
      });
    } catch (error) {
      const forGood = refusedForGood(error);
      const giveUp = forGood || job.attempt >= job.maxAttempts;
      const lastError = errorText(error);
      await updateDelivery(db, outboxId, {
        status: giveUp ? "failed" : "queued",
        lastError,
        wipeSecret: giveUp && wipeSecret,
      });
      log?.warn(
        { outboxId, attempt, error: lastError },
        giveUp ? "mail delivery failed, given up" : "mail delivery failed, will retry",
      );
      throw forGood ? new PermanentJobError(lastError, { cause: error }) : error;
    }
    await updateDelivery(db, outboxId, {
      status: "sent",
      sentAt: new Date().toISOString(),
      wipeSecret,
    });
  }

  if (transport) {
    jobs.define<{ outboxId: string }>(
      MAIL_JOB,
      (payload, job) => deliverOne(transport, payload.outboxId, job),
      {
        maxAttempts: MAX_ATTEMPTS,
        retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
        leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
      },
    );
  }

  async function deliverBatch(): Promise<DeliveryReport> {
    const report = await jobs.runDue({ names: [MAIL_JOB], limit: batchSize });
    return {
      attempted: report.ran,
      sent: report.succeeded,
      retrying: report.retrying,
      failed: report.dead,
    };
  }

  // One batch at a time per mailer; calls during a batch share the one batch that follows it.
  function deliver(): Promise<DeliveryReport> {
    if (!transport) return Promise.resolve({ ...NOTHING });
    if (!current) {
      current = deliverBatch().finally(() => {
        current = undefined;
      });
      return current;
    }
    next ??= current
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return deliver();
      });
    return next;
  }

  function flush(): void {
    if (!transport) return;
    deliver().catch((error: unknown) =>
      log?.error({ error: errorText(error) }, "mail delivery could not run"),
    );
  }

  return {
    delivers: transport !== undefined,
    send,
    deliver,
    flush,
    start(intervalMs = DEFAULT_INTERVAL_MS) {
      if (!transport || timer) return;
      timer = setInterval(flush, intervalMs);
      timer.unref();
      flush();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      // Our own runner ends its batches after their current message; a shared one is stopped by
      // its owner (the app, on close), and we wait for our batches.
      await Promise.allSettled([ownRunner?.stop(), current, next]);
    },
  };
}
