// Staff's page for a comment action: the rule it comments on, a template per language, a preview
// filled in for a member, and where each member's comment stands (never its text: that is the
// member's until filed).
import { AdminBreadcrumb } from "../../http/admin-home.view.js";
import { localizedPath } from "../../i18n/index.js";
import type { JurisdictionRef } from "../../members/index.js";
import { placeName } from "../../members/index.js";
import type { FederalRule } from "../../rules/index.js";
import { ErrorSummary, SelectField, TextArea } from "../../views/form.js";
import { languageName } from "../../views/language-name.js";
import { Layout } from "../../views/layout.js";
import { Notice } from "../../views/notice.js";
import type { PageContext } from "../../views/page-context.js";
import { when } from "./comment.parts.view.js";
import type { DraftRow } from "./comment.queries.js";
import { TEMPLATE_MAX } from "./comment.schema.js";
import { MERGE_FIELDS } from "./template/index.js";

export interface SetupState {
  csrfToken: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

const TAGS = ["en", "es", "zh-Hans"] as const;

export function CommentSetupPage(props: {
  ctx: PageContext;
  campaign: { slug: string; title: string };
  actionId: string;
  actionTitle: string;
  rules: FederalRule[];
  form: SetupState;
  members: JurisdictionRef[];
  preview: { jurisdictionId: string | undefined; lang: string; text: string | undefined };
  drafts: (DraftRow & { place: JurisdictionRef | undefined })[];
  notice?: string;
}) {
  const { ctx, campaign, form, preview } = props;
  const { t, locale } = ctx;
  const base = `/admin/campaigns/${campaign.slug}`;
  const own = `${base}/actions/${props.actionId}/comment`;
  const heading = t("campaign-comments.admin.title");
  const errors = Object.entries(form.errors).map(([id, message]) => ({
    id: `setup-${id}`,
    message,
  }));
  const fields = MERGE_FIELDS.map((f) => `{{${f}}}`).join(" ");
  return (
    <Layout ctx={ctx} title={heading} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb
          ctx={ctx}
          current={heading}
          trail={[
            { href: "/admin/campaigns", label: t("campaigns.admin.title") },
            { href: base, label: campaign.title },
            {
              href: `${base}/actions/${props.actionId}`,
              label: props.actionTitle || t("campaigns.kind.comment"),
            },
          ]}
        />
        <h1 safe>{heading}</h1>
        {props.notice ? <Notice kind="success" text={props.notice} /> : ""}
        <ErrorSummary heading={t("campaign-comments.error_heading")} errors={errors} />
        <form class="usa-form usa-form--large" method="post" action={localizedPath(locale, own)}>
          <input type="hidden" name="_csrf" value={form.csrfToken} />
          <SelectField
            id="setup-rule"
            name="rule"
            label={t("campaign-comments.admin.rule")}
            hint={t("campaign-comments.admin.rule_hint")}
            value={form.values.rule ?? ""}
            emptyLabel={t("campaign-comments.admin.rule_choose")}
            options={props.rules.map((r) => ({
              value: r.id,
              label: `${r.documentNumber}: ${r.title}`,
              lang: locale.tag === "en" ? undefined : "en",
            }))}
            error={form.errors.rule}
          />
          {TAGS.map((tag) => (
            <TextArea
              id={`setup-template_${tag}`}
              name={`template_${tag}`}
              label={t("campaign-comments.admin.template", { language: t(languageName(tag)) })}
              hint={t("campaign-comments.admin.template_hint", { fields })}
              value={form.values[`template_${tag}`] ?? ""}
              maxlength={TEMPLATE_MAX}
              lang={tag === locale.tag ? undefined : tag}
              error={form.errors[`template_${tag}`]}
            />
          ))}
          <button class="usa-button" type="submit" safe>
            {t("campaign-comments.admin.save")}
          </button>
        </form>

        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading" safe>
            {t("campaign-comments.admin.preview")}
          </h2>
          <form class="usa-form" method="get" action={localizedPath(locale, own)}>
            <SelectField
              id="preview-member"
              name="preview"
              label={t("campaign-comments.admin.preview_member")}
              value={preview.jurisdictionId ?? ""}
              options={props.members.map((m) => ({
                value: m.id,
                label: placeName(m.name, m.state),
                lang: locale.tag === "en" ? undefined : "en",
              }))}
            />
            <SelectField
              id="preview-lang"
              name="lang"
              label={t("campaign-comments.admin.preview_lang")}
              value={preview.lang}
              options={TAGS.map((tag) => ({ value: tag, label: t(languageName(tag)) }))}
            />
            <button class="usa-button usa-button--outline" type="submit" safe>
              {t("campaign-comments.admin.preview_button")}
            </button>
          </form>
          {preview.text !== undefined ? (
            <pre
              class="cfa-comment-text"
              lang={preview.lang === locale.tag ? undefined : preview.lang}
              safe
            >
              {preview.text}
            </pre>
          ) : (
            <p safe>{t("campaign-comments.admin.preview_none")}</p>
          )}
        </section>

        <section aria-labelledby="drafts-heading">
          <h2 id="drafts-heading" safe>
            {t("campaign-comments.admin.drafts")}
          </h2>
          {props.drafts.length === 0 ? (
            <p safe>{t("campaign-comments.admin.no_drafts")}</p>
          ) : (
            <div class="usa-table-container--scrollable" tabindex="0">
              <table class="usa-table usa-table--borderless">
                <thead>
                  <tr>
                    <th scope="col" safe>
                      {t("campaign-comments.panel.member")}
                    </th>
                    <th scope="col" safe>
                      {t("campaign-comments.admin.state")}
                    </th>
                    <th scope="col" safe>
                      {t("campaign-comments.panel.tracking")}
                    </th>
                    <th scope="col" safe>
                      {t("campaign-comments.admin.updated")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {props.drafts.map((d) => {
                    const name = d.place
                      ? placeName(d.place.name, d.place.state)
                      : d.jurisdiction_id;
                    return (
                      <tr>
                        <th scope="row" lang={locale.tag === "en" ? undefined : "en"} safe>
                          {name}
                        </th>
                        <td safe>
                          {t(
                            `campaign-comments.panel.state.${d.filing ?? (d.approved_version === d.version ? "approved" : "draft")}` as "campaign-comments.panel.state.draft",
                          )}
                        </td>
                        <td>
                          <code safe>{d.tracking_number ?? ""}</code>
                        </td>
                        <td safe>{when(ctx, d.updated_at)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </Layout>
  );
}
