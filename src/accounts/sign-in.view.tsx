import { localizedPath } from "../i18n/index.js";
import { ErrorSummary, PasswordField, TextField } from "../views/form.js";
import { Layout } from "../views/layout.js";
import { Notice } from "../views/notice.js";
import type { PageContext } from "../views/page-context.js";
import { MAX_PASSWORD_LENGTH } from "./auth.js";

export type SignInField = "email" | "password";

export interface SignInState {
  email: string;
  next: string | undefined;
  /** Each refused field's message. */
  errors: Partial<Record<SignInField, string>>;
  /** A problem with the sign-in as a whole (wrong e-mail or password, ...). */
  problem?: string;
  /** Good news to show above the form (the password was changed, ...). */
  notice?: string;
  csrfToken: string;
}

/** A page that only says something (a link sent, a link that does not work) and offers a way on. */
export function MessagePage({
  ctx,
  title,
  body,
  link,
}: {
  ctx: PageContext;
  title: string;
  body: string;
  link?: { href: string; text: string };
}) {
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="grid-container usa-section">
        <h1 safe>{title}</h1>
        <p safe>{body}</p>
        {link ? (
          <p>
            <a href={link.href} safe>
              {link.text}
            </a>
          </p>
        ) : (
          ""
        )}
      </div>
    </Layout>
  );
}

export function SignInPage({ ctx, form }: { ctx: PageContext; form: SignInState }) {
  const { t, locale } = ctx;
  const errorOf = (f: SignInField) => form.errors[f];
  const summary = form.problem
    ? [{ id: "sign-in-email", message: form.problem }]
    : (["email", "password"] as const).flatMap((f) => {
        const message = form.errors[f];
        return message ? [{ id: `sign-in-${f}`, message }] : [];
      });
  return (
    <Layout
      ctx={ctx}
      title={t("accounts.sign_in.title")}
      description={t("accounts.sign_in.description")}
    >
      <div class="grid-container usa-section">
        <h1 safe>{t("accounts.sign_in.title")}</h1>
        {form.notice ? <Notice kind="success" text={form.notice} /> : ""}
        <p safe>{t("accounts.sign_in.intro")}</p>
        <ErrorSummary heading={t("accounts.error.summary")} errors={summary} />
        <form
          class="usa-form"
          method="post"
          action={localizedPath(locale, "/account/sign-in")}
          novalidate
        >
          <input type="hidden" name="_csrf" value={form.csrfToken} />
          {form.next ? <input type="hidden" name="next" value={form.next} /> : ""}
          <TextField
            id="sign-in-email"
            name="email"
            type="email"
            // The account's name for password managers, which fill it with the password.
            autocomplete="username"
            label={t("accounts.field.email")}
            value={form.email}
            maxlength={254}
            error={errorOf("email")}
          />
          <PasswordField
            id="sign-in-password"
            name="password"
            label={t("accounts.field.password")}
            error={errorOf("password")}
            autocomplete="current-password"
            maxlength={MAX_PASSWORD_LENGTH}
          />
          <button class="usa-button" type="submit" safe>
            {t("accounts.sign_in.submit")}
          </button>
        </form>
        <ul class="usa-list usa-list--unstyled margin-top-3">
          <li>
            <a href={localizedPath(locale, "/account/reset")} safe>
              {t("accounts.sign_in.forgot")}
            </a>
          </li>
          <li>
            <a href={localizedPath(locale, "/account/sign-in/link")} safe>
              {t("accounts.sign_in.link")}
            </a>
          </li>
        </ul>
      </div>
    </Layout>
  );
}
