import { localizedPath } from "../i18n/index.js";
import { ErrorSummary, TextArea, TextField } from "../views/form.js";
import { Layout } from "../views/layout.js";
import { Notice } from "../views/notice.js";
import type { PageContext } from "../views/page-context.js";

// The date this statement's wording was last reviewed; change it when the text changes.
export const STATEMENT_REVIEWED = new Date("2026-11-22T12:00:00Z");

/** The report form as shown: what was typed, each refused field's message, the CSRF token. */
export interface BarrierFormState {
  csrfToken: string;
  values: { page: string; problem: string; reply_to: string };
  errors: Partial<Record<"page" | "problem" | "reply_to", string>>;
  /** Shown after a report was sent. */
  sent?: boolean;
}

const FIELD_ID = { page: "barrier-page", problem: "barrier-problem", reply_to: "barrier-reply" };

export function AccessibilityPage({
  ctx,
  contactEmail,
  form,
}: {
  ctx: PageContext;
  contactEmail: string | undefined;
  form: BarrierFormState;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("accessibility.title")}>
      <div class="grid-container usa-section">
        <div class="usa-prose">
          <h1 safe>{t("accessibility.title")}</h1>
          <p class="usa-intro" safe>
            {t("accessibility.intro")}
          </p>
          <h2 safe>{t("accessibility.standard.heading")}</h2>
          <p safe>{t("accessibility.standard.body")}</p>
          <h2 safe>{t("accessibility.testing.heading")}</h2>
          <ul>
            <li safe>{t("accessibility.testing.automated")}</li>
            <li safe>{t("accessibility.testing.html")}</li>
            <li safe>{t("accessibility.testing.keyboard")}</li>
            <li safe>{t("accessibility.testing.nojs")}</li>
          </ul>
          <h2 safe>{t("accessibility.limits.heading")}</h2>
          <p safe>{t("accessibility.limits.body")}</p>
          <h2 safe>{t("accessibility.report.heading")}</h2>
          <p safe>{t("accessibility.report.body")}</p>
          {contactEmail ? (
            <p>
              <a href={`mailto:${contactEmail}`} safe>
                {t("accessibility.report.email", { email: contactEmail })}
              </a>
            </p>
          ) : (
            <p safe>{t("accessibility.report.no_email")}</p>
          )}
          {form.sent ? <Notice kind="success" text={t("accessibility.report.sent")} /> : ""}
          <ErrorSummary
            heading={t("accessibility.report.error_heading")}
            errors={Object.entries(form.errors).map(([name, message]) => ({
              id: FIELD_ID[name as keyof typeof FIELD_ID],
              message: message ?? "",
            }))}
          />
          <form
            class="usa-form"
            method="post"
            action={localizedPath(ctx.locale, "/accessibility/report")}
            id="report"
          >
            <input type="hidden" name="_csrf" value={form.csrfToken} />
            <TextField
              id={FIELD_ID.page}
              name="page"
              label={t("accessibility.report.page")}
              hint={t("accessibility.report.page_hint")}
              value={form.values.page}
              maxlength={300}
              autocomplete="off"
              error={form.errors.page}
            />
            <TextArea
              id={FIELD_ID.problem}
              name="problem"
              label={t("accessibility.report.problem")}
              hint={t("accessibility.report.problem_hint")}
              value={form.values.problem}
              maxlength={3000}
              error={form.errors.problem}
            />
            <TextField
              id={FIELD_ID.reply_to}
              name="reply_to"
              type="email"
              label={t("accessibility.report.reply_to")}
              hint={t("accessibility.report.reply_to_hint")}
              value={form.values.reply_to}
              maxlength={254}
              autocomplete="email"
              error={form.errors.reply_to}
            />
            <button class="usa-button" type="submit" safe>
              {t("accessibility.report.send")}
            </button>
          </form>
          <p safe>{t("accessibility.updated", { date: STATEMENT_REVIEWED })}</p>
        </div>
      </div>
    </Layout>
  );
}
