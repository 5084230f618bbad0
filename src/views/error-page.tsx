import { localizedPath } from "../i18n/index.js";
import { Layout } from "./layout.js";
import type { PageContext } from "./page-context.js";

export function ErrorPage({
  ctx,
  statusCode,
  message,
}: {
  ctx: PageContext;
  statusCode: number;
  message: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("errors.page_title", { status: statusCode })} noindex>
      <div class="grid-container usa-section">
        <h1 safe>{t("errors.page_title", { status: statusCode })}</h1>
        <p class="usa-intro" safe>
          {message}
        </p>
        <p>
          <a href={localizedPath(ctx.locale, "/")} safe>
            {t("errors.go_home")}
          </a>
        </p>
      </div>
    </Layout>
  );
}
