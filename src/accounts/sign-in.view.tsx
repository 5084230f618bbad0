import { localizedPath } from "../i18n/index.js";
import { ErrorSummary, TextField } from "../views/form.js";
import { Layout } from "../views/layout.js";
import type { PageContext } from "../views/page-context.js";

export type SignInField = "email" | "password";

export interface SignInState {
  email: string;
  next: string | undefined;
  errors: SignInField[];
  /** A problem with the sign-in as a whole (wrong e-mail or password, ...). */
  problem?: string;
  csrfToken: string;
}

export function SignInPage({ ctx, form }: { ctx: PageContext; form: SignInState }) {
  const { t, locale } = ctx;
  const errorOf = (f: SignInField) =>
    form.errors.includes(f) ? t(`accounts.error.${f}`) : undefined;
  const summary = form.problem
    ? [{ id: "sign-in-email", message: form.problem }]
    : form.errors.map((f) => ({ id: `sign-in-${f}`, message: t(`accounts.error.${f}`) }));
  return (
    <Layout
      ctx={ctx}
      title={t("accounts.sign_in.title")}
      description={t("accounts.sign_in.description")}
    >
      <div class="grid-container usa-section">
        <h1 safe>{t("accounts.sign_in.title")}</h1>
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
            label={t("accounts.field.email")}
            value={form.email}
            maxlength={254}
            error={errorOf("email")}
          />
          <div
            class={
              form.errors.includes("password")
                ? "usa-form-group usa-form-group--error"
                : "usa-form-group"
            }
          >
            <label
              class={form.errors.includes("password") ? "usa-label usa-label--error" : "usa-label"}
              for="sign-in-password"
              safe
            >
              {t("accounts.field.password")}
            </label>
            {form.errors.includes("password") ? (
              <span class="usa-error-message" id="sign-in-password-error" role="alert" safe>
                {t("accounts.error.password")}
              </span>
            ) : (
              ""
            )}
            <input
              class={form.errors.includes("password") ? "usa-input usa-input--error" : "usa-input"}
              id="sign-in-password"
              name="password"
              type="password"
              autocomplete="current-password"
              maxlength="128"
              aria-describedby={
                form.errors.includes("password") ? "sign-in-password-error" : undefined
              }
              aria-invalid={form.errors.includes("password") ? "true" : undefined}
            />
          </div>
          <button class="usa-button" type="submit" safe>
            {t("accounts.sign_in.submit")}
          </button>
        </form>
      </div>
    </Layout>
  );
}
