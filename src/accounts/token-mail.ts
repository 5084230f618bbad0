// The mails that carry a one-time token (a sign-in link, a password reset): our own localized
// link to the landing page, in the language of the page the person asked from, through the
// outbox. However many client addresses ask, one mailbox gets at most TOKEN_MAILS_PER_HOUR of
// them: the request forms answer the same either way, so nobody learns that a mail was held back.
// Only token mails count (outbox kind "token"): other mail to the address never holds one back.
import type { FastifyInstance } from "fastify";
import { DEFAULT_LOCALE, findLocale, localizedPath, translator } from "../i18n/index.js";
import { countRecentMails } from "../mail/index.js";

export const TOKEN_MAILS_PER_HOUR = 5;
const TOKEN_KIND = "token";

type TokenMail = (
  user: { email: string; name: string },
  token: string,
  tag: string,
) => Promise<void>;

/** The mail for `kind`, whose link opens `landing` with the token. */
export function tokenMail(
  app: FastifyInstance,
  kind: "link" | "reset",
  landing: string,
): TokenMail {
  return async (user, token, tag) => {
    const since = new Date(Date.now() - 3600_000);
    const recent = await countRecentMails(app.db, { to: user.email, kind: TOKEN_KIND, since });
    if (recent >= TOKEN_MAILS_PER_HOUR) {
      app.log.warn({ kind }, "token mail not sent: this address had enough of them this hour");
      return;
    }
    const locale = findLocale(tag) ?? DEFAULT_LOCALE;
    const t = translator(locale);
    const url = new URL(localizedPath(locale, landing), app.config.publicUrl);
    url.searchParams.set("token", token);
    const site = app.config.siteName;
    await app.mailer.send({
      to: user.email,
      subject: t(`accounts.${kind}.mail.subject`, { site }),
      text: t(`accounts.${kind}.mail.body`, { name: user.name, site, url: url.toString() }),
      locale: locale.tag,
      kind: TOKEN_KIND,
      // Staff read the outbox: the link is stored only sealed, and only until it is sent.
      secret: { value: url.toString(), redacted: t(`accounts.${kind}.mail.removed`) },
    });
    app.mailer.flush();
  };
}
