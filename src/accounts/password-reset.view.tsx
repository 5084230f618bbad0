import { localizedPath } from "../i18n/index.js";
import { ErrorSummary, PasswordField } from "../views/form.js";
import { Layout } from "../views/layout.js";
import type { PageContext } from "../views/page-context.js";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./auth.js";
import { RESET_LANDING } from "./password-reset.js";

export type NewPasswordField = "password" | "confirm";

export interface NewPasswordState {
  token: string;
  /** Each refused field and its message. */
  errors: Partial<Record<NewPasswordField, string>>;
  csrfToken: string;
}

/** The form for a new password, opened from a reset mail. */
export function NewPasswordPage({ ctx, form }: { ctx: PageContext; form: NewPasswordState }) {
  const { t, locale } = ctx;
  const summary = (["password", "confirm"] as const)
    .filter((f) => form.errors[f])
    .map((f) => ({ id: `new-${f}`, message: form.errors[f] as string }));
  return (
    <Layout ctx={ctx} title={t("accounts.reset.new.title")} noindex>
      <div class="grid-container usa-section">
        <h1 safe>{t("accounts.reset.new.title")}</h1>
        <p safe>
          {t("accounts.reset.new.intro", { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH })}
        </p>
        <ErrorSummary heading={t("accounts.error.summary")} errors={summary} />
        <form
          class="usa-form"
          method="post"
          action={localizedPath(locale, RESET_LANDING)}
          novalidate
        >
          <input type="hidden" name="_csrf" value={form.csrfToken} />
          <input type="hidden" name="token" value={form.token} />
          <PasswordField
            id="new-password"
            name="password"
            label={t("accounts.field.new_password")}
            hint={t("accounts.field.new_password_hint", {
              min: MIN_PASSWORD_LENGTH,
              max: MAX_PASSWORD_LENGTH,
            })}
            error={form.errors.password}
            autocomplete="new-password"
            maxlength={MAX_PASSWORD_LENGTH}
          />
          <PasswordField
            id="new-confirm"
            name="confirm"
            label={t("accounts.field.confirm_password")}
            error={form.errors.confirm}
            autocomplete="new-password"
            maxlength={MAX_PASSWORD_LENGTH}
          />
          <button class="usa-button" type="submit" safe>
            {t("accounts.reset.new.submit")}
          </button>
        </form>
      </div>
    </Layout>
  );
}
