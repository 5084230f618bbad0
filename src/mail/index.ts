import type { Mailer } from "./mail.js";

export {
  checkMessage,
  createMailer,
  DEFAULT_RETRY_DELAYS_MS,
  type DeliveryReport,
  isMailAddress,
  MAIL_ADDRESS_PATTERN,
  MAIL_JOB,
  MAX_ATTEMPTS,
  type Mailer,
  type MailerOptions,
  type MailLogger,
  type MailMessage,
  MailMessageError,
  type MailTransport,
  mailJobKey,
} from "./mail.js";
export { outboxPlugin } from "./outbox.plugin.js";
export { countRecentMails } from "./outbox.queries.js";
export { quoted } from "./quote.js";

declare module "fastify" {
  interface FastifyInstance {
    /** Every e-mail goes through here: written to the outbox, delivered by SMTP when configured. */
    mailer: Mailer;
  }
}
