// Staff's page for an item's social messages: a fieldset per platform, a textarea per language
// with its count in the platform's terms (the campaigns' MessageFields and counter script).
import { MessageFields, messageId } from "../../campaigns/index.js";
import { AdminBreadcrumb } from "../../http/admin-home.view.js";
import { localizedPath } from "../../i18n/index.js";
import { DemoNotice } from "../../views/demo-notice.js";
import { ErrorSummary } from "../../views/form.js";
import { Layout } from "../../views/layout.js";
import { Notice } from "../../views/notice.js";
import type { PageContext } from "../../views/page-context.js";

export function ResourceMessagesPage(props: {
  ctx: PageContext;
  item: { slug: string; title: string; isDemo: boolean };
  csrfToken: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  notice?: string;
}) {
  const { ctx, item, values, errors } = props;
  const { t, locale } = ctx;
  const base = `/admin/resources/${item.slug}`;
  const title = t("resources-admin.messages.title", { title: item.title });
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb
          ctx={ctx}
          current={t("resources-admin.messages.link")}
          trail={[
            { href: "/admin/resources", label: t("resources-admin.list.title") },
            { href: base, label: item.title },
          ]}
        />
        <h1 safe>{title}</h1>
        {props.notice ? <Notice kind="success" text={props.notice} /> : ""}
        <ErrorSummary
          heading={t("resources-admin.error.heading")}
          errors={Object.entries(errors).map(([name, message]) => ({
            id: messageId(name),
            message,
          }))}
        />
        {item.isDemo ? <DemoNotice ctx={ctx} text={t("resources-admin.demo")} /> : ""}
        <p class="usa-intro" safe>
          {t("resources-admin.messages.intro")}
        </p>
        <form
          class="usa-form usa-form--large"
          method="post"
          action={localizedPath(locale, `${base}/messages`)}
        >
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <MessageFields ctx={ctx} values={values} errors={errors} />
          <button class="usa-button" type="submit" safe>
            {t("resources-admin.messages.save")}
          </button>
        </form>
      </div>
      <script src="/assets/social-counter.js" defer></script>
    </Layout>
  );
}
