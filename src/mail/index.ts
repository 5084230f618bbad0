export {
  checkMessage,
  createMailer,
  DEFAULT_RETRY_DELAYS_MS,
  type DeliveryReport,
  isMailAddress,
  MAIL_ADDRESS_PATTERN,
  MAX_ATTEMPTS,
  type Mailer,
  type MailerOptions,
  type MailLogger,
  type MailMessage,
  MailMessageError,
  type MailTransport,
} from "./mail.js";
export { outboxPlugin } from "./outbox.plugin.js";
