// Staff's pages for preparing and running campaigns: the list, the campaign's form (settings and
// every language's texts) with its actions and status buttons, and an action's form.
import { AdminBreadcrumb } from "../../http/admin-home.view.js";
import { LOCALES, localizedPath } from "../../i18n/index.js";
import { Checkbox, ErrorSummary, SelectField, TextField } from "../../views/form.js";
import { Layout } from "../../views/layout.js";
import { Notice } from "../../views/notice.js";
import type { PageContext } from "../../views/page-context.js";
import { TableHead } from "../../views/table.js";
import type { ShownStatus } from "../campaign.status.js";
import { CampaignDates, kindName, StatusTag } from "../campaign.view.js";
import { errorList, type FormState, inputId, LanguageFields } from "./fields.view.js";
import { CAMPAIGN_LIMITS, TIME_ZONES } from "./manage.schema.js";

export interface CampaignListRow {
  slug: string;
  title: string;
  shown: ShownStatus;
  startsOn: string;
  endsOn: string;
  timeZone: string;
}

export function CampaignListPage({
  ctx,
  rows,
  canDraft,
}: {
  ctx: PageContext;
  rows: CampaignListRow[];
  canDraft: boolean;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("campaigns.admin.title")} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb ctx={ctx} current={t("campaigns.admin.title")} />
        <h1 safe>{t("campaigns.admin.title")}</h1>
        {canDraft ? (
          <p>
            <a class="usa-button" href={localizedPath(locale, "/admin/campaigns/new")} safe>
              {t("campaigns.admin.new")}
            </a>
          </p>
        ) : (
          ""
        )}
        {rows.length === 0 ? (
          <p safe>{t("campaigns.admin.none")}</p>
        ) : (
          <div class="usa-table-container--scrollable" tabindex="0">
            <table class="usa-table usa-table--stacked">
              <caption class="usa-sr-only" safe>
                {t("campaigns.admin.title")}
              </caption>
              <TableHead
                labels={[
                  t("campaigns.admin.col.title"),
                  t("campaigns.admin.col.status"),
                  t("campaigns.admin.col.dates"),
                ]}
              />
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <th scope="row" data-label={t("campaigns.admin.col.title")}>
                      <a href={localizedPath(locale, `/admin/campaigns/${r.slug}`)} safe>
                        {r.title}
                      </a>
                    </th>
                    <td data-label={t("campaigns.admin.col.status")}>
                      <StatusTag ctx={ctx} shown={r.shown} />
                    </td>
                    <td data-label={t("campaigns.admin.col.dates")}>
                      <CampaignDates
                        ctx={ctx}
                        startsOn={r.startsOn}
                        endsOn={r.endsOn}
                        timeZone={r.timeZone}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </Layout>
  );
}

export type { FormState };

export interface CampaignSummary {
  slug: string;
  title: string;
  shown: ShownStatus;
  status: string;
  resultsPublished: boolean;
  actions: { id: string; kind: string; title: string }[];
}

/** The settings and texts form of a new campaign (no `campaign`) or of one being prepared. */
export function CampaignEditPage({
  ctx,
  form,
  campaign,
  canPublish,
  notice,
}: {
  ctx: PageContext;
  form: FormState;
  campaign?: CampaignSummary;
  canPublish: boolean;
  notice?: string;
}) {
  const { t, locale } = ctx;
  const title = campaign
    ? t("campaigns.admin.edit_title", { title: campaign.title })
    : t("campaigns.admin.new");
  const action = localizedPath(
    locale,
    campaign ? `/admin/campaigns/${campaign.slug}` : "/admin/campaigns/new",
  );
  const value = (name: string) => form.values[name] ?? "";
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb
          ctx={ctx}
          current={campaign ? campaign.title : t("campaigns.admin.new")}
          trail={[{ href: "/admin/campaigns", label: t("campaigns.admin.title") }]}
        />
        <h1 safe>{title}</h1>
        {notice ? <Notice kind="success" text={notice} /> : ""}
        {campaign ? (
          <CampaignControls
            ctx={ctx}
            campaign={campaign}
            canPublish={canPublish}
            csrfToken={form.csrfToken}
          />
        ) : (
          ""
        )}
        <ErrorSummary
          heading={t("campaigns.form.error.summary_heading")}
          errors={errorList(form)}
        />
        <form class="usa-form usa-form--large cfa-campaign-form" method="post" action={action}>
          <input type="hidden" name="_csrf" value={form.csrfToken} />
          <TextField
            id={inputId("slug")}
            name="slug"
            label={t("campaigns.form.slug")}
            hint={t("campaigns.form.slug_hint")}
            value={value("slug")}
            maxlength={CAMPAIGN_LIMITS.slug}
            autocomplete="off"
            verbatim
            error={form.errors.slug}
          />
          <TextField
            id={inputId("starts_on")}
            name="starts_on"
            type="date"
            label={t("campaigns.form.starts_on")}
            hint={t("campaigns.form.date_hint")}
            value={value("starts_on")}
            error={form.errors.starts_on}
          />
          <TextField
            id={inputId("ends_on")}
            name="ends_on"
            type="date"
            label={t("campaigns.form.ends_on")}
            hint={t("campaigns.form.date_hint")}
            value={value("ends_on")}
            error={form.errors.ends_on}
          />
          <SelectField
            id={inputId("time_zone")}
            name="time_zone"
            label={t("campaigns.form.time_zone")}
            value={value("time_zone")}
            options={TIME_ZONES.map((z) => ({ value: z, label: zoneLabel(ctx, z) }))}
            error={form.errors.time_zone}
          />
          <TextField
            id={inputId("topics")}
            name="topics"
            label={t("campaigns.form.topics")}
            hint={t("campaigns.form.topics_hint")}
            value={value("topics")}
            maxlength={CAMPAIGN_LIMITS.topics}
            autocomplete="off"
            error={form.errors.topics}
          />
          <TextField
            id={inputId("goal_members")}
            name="goal_members"
            label={t("campaigns.form.goal")}
            hint={t("campaigns.form.goal_hint")}
            value={value("goal_members")}
            maxlength={CAMPAIGN_LIMITS.goal}
            autocomplete="off"
            error={form.errors.goal_members}
          />
          <SelectField
            id={inputId("visibility")}
            name="visibility"
            label={t("campaigns.form.visibility")}
            value={value("visibility")}
            options={[
              { value: "public", label: t("campaigns.form.visibility_public") },
              { value: "members", label: t("campaigns.form.visibility_members") },
            ]}
            error={form.errors.visibility}
          />
          <Checkbox
            id={inputId("signatories_public")}
            name="signatories_public"
            label={t("campaigns.form.signatories_public")}
            checked={value("signatories_public") === "yes"}
          />
          {LOCALES.map((l) => (
            <LanguageFields ctx={ctx} tag={l.tag} form={form} withSummary />
          ))}
          <button class="usa-button" type="submit" safe>
            {t(campaign ? "campaigns.form.save" : "campaigns.form.create")}
          </button>
        </form>
      </div>
    </Layout>
  );
}

/** "Eastern Time (New York)": the zone's name in the page's language, and its IANA city. */
export function zoneLabel(ctx: PageContext, zone: string): string {
  const name =
    new Intl.DateTimeFormat(ctx.locale.intl, { timeZone: zone, timeZoneName: "longGeneric" })
      .formatToParts(new Date(Date.UTC(2026, 0, 15)))
      .find((p) => p.type === "timeZoneName")?.value ?? zone;
  return `${name} (${zone})`;
}

/** Preview and dashboard links, the actions, and the buttons that move the campaign on. */
function CampaignControls({
  ctx,
  campaign,
  canPublish,
  csrfToken,
}: {
  ctx: PageContext;
  campaign: CampaignSummary;
  canPublish: boolean;
  csrfToken: string;
}) {
  const { t, locale } = ctx;
  const base = `/admin/campaigns/${campaign.slug}`;
  const next: { to: string; label: string }[] = [];
  if (campaign.status === "draft")
    next.push({ to: "published", label: t("campaigns.admin.publish") });
  if (campaign.status === "published")
    next.push({ to: "closed", label: t("campaigns.admin.close") });
  if (campaign.status === "closed" && !campaign.resultsPublished)
    next.push({ to: "results", label: t("campaigns.admin.publish_results") });
  if (campaign.status === "closed")
    next.push({ to: "archived", label: t("campaigns.admin.archive") });
  return (
    <section class="cfa-campaign-controls" aria-labelledby="campaign-controls">
      <h2 id="campaign-controls" safe>
        {t("campaigns.admin.status_heading")}
      </h2>
      <p>
        <StatusTag ctx={ctx} shown={campaign.shown} />{" "}
        <a href={localizedPath(locale, `/campaigns/${campaign.slug}`)} safe>
          {t(campaign.status === "draft" ? "campaigns.admin.preview" : "campaigns.admin.view")}
        </a>{" "}
        <a href={localizedPath(locale, `${base}/dashboard`)} safe>
          {t("campaign-results.dashboard.link")}
        </a>
      </p>
      {canPublish && next.length ? (
        <form
          method="post"
          action={localizedPath(locale, `${base}/status`)}
          class="cfa-status-form"
        >
          <input type="hidden" name="_csrf" value={csrfToken} />
          {next.map((n) => (
            <button
              class="usa-button usa-button--outline"
              type="submit"
              name="to"
              value={n.to}
              safe
            >
              {n.label}
            </button>
          ))}
        </form>
      ) : (
        ""
      )}
      <h2 safe>{t("campaigns.admin.actions_heading")}</h2>
      {campaign.actions.length === 0 ? (
        <p safe>{t("campaigns.admin.no_actions")}</p>
      ) : (
        <ul class="usa-list">
          {campaign.actions.map((a) => (
            <li>
              <a href={localizedPath(locale, `${base}/actions/${a.id}`)} safe>
                {a.title}
              </a>{" "}
              <span class="usa-tag" safe>
                {t(kindName(a.kind))}
              </span>
            </li>
          ))}
        </ul>
      )}
      {campaign.status === "draft" || campaign.status === "published" ? (
        <p>
          <a
            class="usa-button usa-button--outline"
            href={localizedPath(locale, `${base}/actions/new`)}
            safe
          >
            {t("campaigns.admin.add_action")}
          </a>
        </p>
      ) : (
        ""
      )}
    </section>
  );
}
