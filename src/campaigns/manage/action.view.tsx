// Staff's form for one action of a campaign: its kind (fixed once created) and its texts.
import { AdminBreadcrumb } from "../../http/admin-home.view.js";
import { LOCALES, localizedPath } from "../../i18n/index.js";
import { ErrorSummary, SelectField } from "../../views/form.js";
import { Layout } from "../../views/layout.js";
import { Notice } from "../../views/notice.js";
import type { PageContext } from "../../views/page-context.js";
import { kindName } from "../campaign.view.js";
import { errorList, type FormState, inputId, LanguageFields } from "./fields.view.js";
import { ACTION_KINDS, type FormActionKind } from "./manage.schema.js";

export function ActionEditPage({
  ctx,
  campaign,
  form,
  actionId,
  kind,
  notice,
}: {
  ctx: PageContext;
  campaign: { slug: string; title: string };
  form: FormState;
  /** The action being edited; none for a new one. */
  actionId?: string;
  kind?: string;
  notice?: string;
}) {
  const { t, locale } = ctx;
  const base = `/admin/campaigns/${campaign.slug}`;
  const title = actionId
    ? t("campaigns.admin.action_edit", { kind: t(kindName(kind ?? "letter")) })
    : t("campaigns.admin.add_action");
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb
          ctx={ctx}
          current={title}
          trail={[
            { href: "/admin/campaigns", label: t("campaigns.admin.title") },
            { href: base, label: campaign.title },
          ]}
        />
        <h1 safe>{title}</h1>
        {actionId && kind === "social" ? (
          <p>
            <a href={localizedPath(locale, `${base}/actions/${actionId}/messages`)} safe>
              {t("campaign-social.admin.link")}
            </a>
          </p>
        ) : (
          ""
        )}
        {notice ? <Notice kind="success" text={notice} /> : ""}
        {actionId && kind === "comment" ? (
          <p>
            <a
              class="usa-link"
              href={localizedPath(locale, `${base}/actions/${actionId}/comment`)}
              safe
            >
              {t("campaign-comments.admin.link")}
            </a>
          </p>
        ) : (
          ""
        )}
        {actionId && kind === "event" ? (
          <p>
            <a
              class="usa-link"
              href={localizedPath(locale, `${base}/actions/${actionId}/event`)}
              safe
            >
              {t("campaign-events.admin.edit_link")}
            </a>
          </p>
        ) : (
          ""
        )}
        <ErrorSummary
          heading={t("campaigns.form.error.summary_heading")}
          errors={errorList(form)}
        />
        <form
          class="usa-form usa-form--large"
          method="post"
          action={localizedPath(
            locale,
            actionId ? `${base}/actions/${actionId}` : `${base}/actions/new`,
          )}
        >
          <input type="hidden" name="_csrf" value={form.csrfToken} />
          {actionId ? (
            <input type="hidden" name="kind" value={kind} />
          ) : (
            <SelectField
              id={inputId("kind")}
              name="kind"
              label={t("campaigns.form.kind")}
              value={form.values.kind ?? "letter"}
              options={ACTION_KINDS.map((k: FormActionKind) => ({
                value: k,
                label: t(kindName(k)),
              }))}
              error={form.errors.kind}
            />
          )}
          {LOCALES.map((l) => (
            <LanguageFields ctx={ctx} tag={l.tag} form={form} withSummary={false} />
          ))}
          <button class="usa-button" type="submit" safe>
            {t(actionId ? "campaigns.form.save" : "campaigns.form.create_action")}
          </button>
        </form>
      </div>
    </Layout>
  );
}
