import { localizedPath, type MessageKey } from "../i18n/index.js";
import { Layout } from "../views/layout.js";
import type { PageContext } from "../views/page-context.js";

/** A section of the site that is not built yet says so plainly, rather than linking nowhere. */
export function PendingPage({ ctx, titleKey }: { ctx: PageContext; titleKey: MessageKey }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t(titleKey)}>
      <div class="grid-container usa-section">
        <h1 safe>{t(titleKey)}</h1>
        <div class="usa-alert usa-alert--info">
          <div class="usa-alert__body">
            <h2 class="usa-alert__heading" safe>
              {t("pages.pending.notice")}
            </h2>
            <p class="usa-alert__text" safe>
              {t("pages.pending.body")}
            </p>
          </div>
        </div>
        <p>
          <a href={localizedPath(ctx.locale, "/")} safe>
            {t("pages.pending.home")}
          </a>
        </p>
      </div>
    </Layout>
  );
}
