// Staff's page for a social push's messages: a fieldset per platform, a textarea per language,
// each with its count in the platform's terms. The count is rendered by the server for the text
// sent, and kept up to date as staff type by /assets/social-counter.js (counter.client.ts: the
// markup contract is described there).
import { AdminBreadcrumb } from "../../http/admin-home.view.js";
import { LOCALES, localizedPath } from "../../i18n/index.js";
import { ErrorSummary } from "../../views/form.js";
import { Layout } from "../../views/layout.js";
import { Notice } from "../../views/notice.js";
import type { PageContext } from "../../views/page-context.js";
import { languageName } from "../campaign.view.js";
import { countFor } from "./count.js";
import { PLATFORM_INFO, PLATFORMS, type Platform } from "./platforms.js";
import { messageField, messageMaxLength } from "./social.schema.js";

export const messageId = (field: string) => `social-${field.toLowerCase().replaceAll("_", "-")}`;

/** A message's textarea with its label, rule, error and live count. */
export function CountedField({
  ctx,
  platform,
  tag,
  value,
  error,
}: {
  ctx: PageContext;
  platform: Platform;
  tag: string;
  value: string;
  error?: string;
}) {
  const { t } = ctx;
  const id = messageId(messageField(platform, tag));
  const count = countFor(platform, value);
  const describedBy = [`${id}-count`, error ? `${id}-error` : ""].filter(Boolean).join(" ");
  // The templates keep their {count} and {limit} for the script, which fills in the numbers.
  const template = (
    key: "campaign-social.count_template" | "campaign-social.count_over_template",
  ) => t(key, { count: "{count}", limit: "{limit}", over: "{over}" });
  return (
    <div class={error ? "usa-form-group usa-form-group--error" : "usa-form-group"}>
      <label class={error ? "usa-label usa-label--error" : "usa-label"} for={id} safe>
        {t("campaign-social.admin.language", { language: t(languageName(tag)) })}
      </label>
      {error ? (
        <span class="usa-error-message" id={`${id}-error`} safe>
          {error}
        </span>
      ) : (
        ""
      )}
      <textarea
        class={
          error ? "usa-textarea usa-input--error cfa-social-text" : "usa-textarea cfa-social-text"
        }
        id={id}
        name={messageField(platform, tag)}
        maxlength={String(messageMaxLength(platform))}
        lang={tag === ctx.locale.tag ? undefined : tag}
        data-count-platform={platform}
        aria-describedby={describedBy}
        aria-invalid={error ? "true" : undefined}
        safe
      >
        {value}
      </textarea>
      <p
        id={`${id}-count`}
        class={count.ok ? "usa-hint cfa-social-count" : "usa-hint cfa-social-count count-over"}
        aria-live="polite"
        data-count-template={template("campaign-social.count_template")}
        data-count-over-template={template("campaign-social.count_over_template")}
        safe
      >
        {t("campaign-social.count", { count: count.length, limit: count.limit })}
      </p>
    </div>
  );
}

export interface MessagesPageProps {
  ctx: PageContext;
  campaign: { slug: string; title: string };
  actionId: string;
  csrfToken: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  notice?: string;
}

export function MessagesPage(props: MessagesPageProps) {
  const { ctx, campaign, actionId, values, errors } = props;
  const { t, locale } = ctx;
  const base = `/admin/campaigns/${campaign.slug}`;
  const actionPath = `${base}/actions/${actionId}`;
  const title = t("campaign-social.admin.title");
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb
          ctx={ctx}
          current={title}
          trail={[
            { href: "/admin/campaigns", label: t("campaigns.admin.title") },
            { href: base, label: campaign.title },
            { href: actionPath, label: t("campaign-social.admin.back") },
          ]}
        />
        <h1 safe>{title}</h1>
        {props.notice ? <Notice kind="success" text={props.notice} /> : ""}
        <ErrorSummary
          heading={t("campaigns.form.error.summary_heading")}
          errors={Object.entries(errors).map(([name, message]) => ({
            id: messageId(name),
            message,
          }))}
        />
        <p class="usa-intro" safe>
          {t("campaign-social.admin.intro")}
        </p>
        <p>
          <a class="usa-link" href={localizedPath(locale, `${actionPath}/graphics`)} safe>
            {t("campaign-graphics.admin.link")}
          </a>
        </p>
        <form
          class="usa-form usa-form--large"
          method="post"
          action={localizedPath(locale, `${actionPath}/messages`)}
        >
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <MessageFields ctx={ctx} values={values} errors={errors} />
          <button class="usa-button" type="submit" safe>
            {t("campaign-social.admin.save")}
          </button>
        </form>
      </div>
      <script src="/assets/social-counter.js" defer></script>
    </Layout>
  );
}

/**
 * A message per platform and language, each with its platform's counting rule and counter: the
 * fields of a campaign's social push and of the resource library's message sets alike.
 */
export function MessageFields({
  ctx,
  values,
  errors,
}: {
  ctx: PageContext;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const { t } = ctx;
  return (
    <>
      {PLATFORMS.map((platform) => (
        <fieldset class="usa-fieldset cfa-social-platform">
          <legend class="usa-legend usa-legend--large" safe>
            {PLATFORM_INFO[platform].name}
          </legend>
          <p class="usa-hint" safe>
            {t(`campaign-social.rule.${PLATFORM_INFO[platform].counting}`)}
          </p>
          {LOCALES.map((l) => (
            <CountedField
              ctx={ctx}
              platform={platform}
              tag={l.tag}
              value={values[messageField(platform, l.tag)] ?? ""}
              error={errors[messageField(platform, l.tag)]}
            />
          ))}
        </fieldset>
      ))}
    </>
  );
}
