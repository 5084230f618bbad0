import { localizedPath } from "../i18n/index.js";
import { ErrorSummary, TextField } from "../views/form.js";
import { Layout } from "../views/layout.js";
import { Notice } from "../views/notice.js";
import type { PageContext } from "../views/page-context.js";
import { MAGIC_LINK_LANDING } from "./magic-link.js";

/** A form that asks for an e-mail address to mail a link to (sign-in link, password reset). */
export function EmailRequestPage({
  ctx,
  title,
  intro,
  submit,
  action,
  email,
  error,
  csrfToken,
}: {
  ctx: PageContext;
  title: string;
  intro: string;
  submit: string;
  /** The unprefixed path the form posts to. */
  action: string;
  email: string;
  error?: string;
  csrfToken: string;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={title}>
      <div class="grid-container usa-section">
        <h1 safe>{title}</h1>
        <p safe>{intro}</p>
        <ErrorSummary
          heading={t("accounts.error.summary")}
          errors={error ? [{ id: "request-email", message: error }] : []}
        />
        <form class="usa-form" method="post" action={localizedPath(locale, action)} novalidate>
          <input type="hidden" name="_csrf" value={csrfToken} />
          <TextField
            id="request-email"
            name="email"
            type="email"
            // The account's address: a password manager offers the one it keeps for the site.
            autocomplete="username"
            label={t("accounts.field.email")}
            value={email}
            maxlength={254}
            error={error}
          />
          <button class="usa-button" type="submit" safe>
            {submit}
          </button>
        </form>
        <p class="margin-top-3">
          <a href={localizedPath(locale, "/account/sign-in")} safe>
            {t("accounts.back_to_sign_in")}
          </a>
        </p>
      </div>
    </Layout>
  );
}

/**
 * Where a mailed sign-in link lands: a button (a POST with a CSRF token) spends the link, so a
 * mail scanner that fetches links does not sign anyone in nor burn the link.
 */
export function LinkVerifyPage({
  ctx,
  token,
  csrfToken,
  problem,
}: {
  ctx: PageContext;
  token: string;
  csrfToken: string;
  problem?: string;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("accounts.link.verify.title")} noindex>
      <div class="grid-container usa-section">
        <h1 safe>{t("accounts.link.verify.title")}</h1>
        {problem ? <Notice kind="error" text={problem} /> : ""}
        <p safe>{t("accounts.link.verify.intro")}</p>
        <form method="post" action={localizedPath(locale, MAGIC_LINK_LANDING)}>
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="hidden" name="token" value={token} />
          <button class="usa-button" type="submit" safe>
            {t("accounts.link.verify.submit")}
          </button>
        </form>
      </div>
    </Layout>
  );
}
