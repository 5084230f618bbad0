// Password reset by mail: the mail, and whether a reset token is still good (better-auth keeps
// it plain under the identifier `reset-password:<token>`; it is spent by `auth.api.resetPassword`).
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";
import { DEFAULT_LOCALE, findLocale, localizedPath, translator } from "../i18n/index.js";
import type { AuthMail } from "./auth.js";

/** The page a mailed reset link opens: the form for the new password. */
export const RESET_LANDING = "/account/reset/new";

/** True while a reset token can still be used. */
export async function resetTokenValid(db: Kysely<DB>, token: string): Promise<boolean> {
  const row = await db
    .selectFrom("verifications")
    .select("expires_at")
    .where("identifier", "=", `reset-password:${token}`)
    .executeTakeFirst();
  return Boolean(row && new Date(row.expires_at).getTime() > Date.now());
}

/** The reset mail, in the language of the page it was asked from, through the outbox. */
export function resetPasswordMail(app: FastifyInstance): AuthMail["resetPassword"] {
  return async (user, token, tag) => {
    const locale = findLocale(tag) ?? DEFAULT_LOCALE;
    const t = translator(locale);
    const url = new URL(localizedPath(locale, RESET_LANDING), app.config.publicUrl);
    url.searchParams.set("token", token);
    const site = app.config.siteName;
    await app.mailer.send({
      to: user.email,
      subject: t("accounts.reset.mail.subject", { site }),
      text: t("accounts.reset.mail.body", { name: user.name, site, url: url.toString() }),
      locale: locale.tag,
    });
    app.mailer.flush();
  };
}
