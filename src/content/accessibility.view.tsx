import { Layout } from "../views/layout.js";
import type { PageContext } from "../views/page-context.js";

// The date this statement's wording was last reviewed; change it when the text changes.
export const STATEMENT_REVIEWED = new Date("2026-11-22T12:00:00Z");

export function AccessibilityPage({
  ctx,
  contactEmail,
}: {
  ctx: PageContext;
  contactEmail: string | undefined;
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
          <p safe>{t("accessibility.updated", { date: STATEMENT_REVIEWED })}</p>
        </div>
      </div>
    </Layout>
  );
}
