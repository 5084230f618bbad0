// /rules: the public watch list of proposed federal rules open for comment, soonest deadline
// first, and those closed lately; for coalition staff, the form to add a rule by its number and,
// beside each open rule, "Start a campaign" and "Take off the watch list".
import { localizedPath } from "../../i18n/index.js";
import { DemoNotice } from "../../views/demo-notice.js";
import { ErrorSummary, TextField } from "../../views/form.js";
import { Layout } from "../../views/layout.js";
import { Notice } from "../../views/notice.js";
import type { PageContext } from "../../views/page-context.js";
import { TableHead } from "../../views/table.js";
import type { FederalRule } from "../rules.queries.js";
import {
  agencyNames,
  Day,
  DemoTag,
  dataLang,
  docketId,
  RuleLinks,
  TimeLeft,
} from "./rule.parts.js";

export interface ListedRule {
  rule: FederalRule;
  /** Whole days left at render time (Eastern calendar); null without a deadline. */
  daysLeft: number | null;
}

/** What staff see: their CSRF token, and the add form as last typed. */
export interface StaffTools {
  csrfToken: string;
  number: string;
  error?: string;
}

export const NUMBER_FIELD_ID = "rule-number";

function StaffButtons({
  ctx,
  rule,
  staff,
}: {
  ctx: PageContext;
  rule: FederalRule;
  staff: StaffTools;
}) {
  const { t, locale } = ctx;
  return (
    <div class="cfa-rule-staff">
      <form method="post" action={localizedPath(locale, "/admin/campaigns/from-rule")}>
        <input type="hidden" name="_csrf" value={staff.csrfToken} />
        <input type="hidden" name="rule" value={rule.id} />
        <button
          type="submit"
          class="usa-button usa-button--small"
          aria-label={t("rules.staff.start_campaign_named", { title: rule.title })}
          safe
        >
          {t("rules.staff.start_campaign")}
        </button>
      </form>
      <form method="post" action={localizedPath(locale, "/rules/unwatch")}>
        <input type="hidden" name="_csrf" value={staff.csrfToken} />
        <input type="hidden" name="rule" value={rule.id} />
        <button
          type="submit"
          class="usa-button usa-button--outline usa-button--small"
          aria-label={t("rules.staff.unwatch_named", { title: rule.title })}
          safe
        >
          {t("rules.staff.unwatch")}
        </button>
      </form>
    </div>
  );
}

function RuleTable({
  ctx,
  rules,
  open,
  staff,
  caption,
}: {
  ctx: PageContext;
  rules: ListedRule[];
  open: boolean;
  staff?: StaffTools;
  caption: string;
}) {
  const { t, locale } = ctx;
  const lang = dataLang(ctx);
  const labels = [
    t("rules.col.rule"),
    t("rules.col.agencies"),
    t("rules.col.docket"),
    t("rules.col.published"),
    t("rules.col.deadline"),
    open ? t("rules.col.left") : t("rules.col.status"),
    t("rules.col.links"),
    ...(staff && open ? [t("rules.staff.actions")] : []),
  ];
  return (
    <table class="usa-table usa-table--borderless usa-table--stacked cfa-rules">
      <caption class="usa-sr-only" safe>
        {caption}
      </caption>
      <TableHead labels={labels} />
      <tbody>
        {rules.map(({ rule, daysLeft }) => (
          <tr id={`rule-${rule.documentNumber}`}>
            <th scope="row" data-label={labels[0]}>
              <a href={localizedPath(locale, `/rules/${rule.documentNumber}`)} lang={lang} safe>
                {rule.title}
              </a>{" "}
              <DemoTag ctx={ctx} rule={rule} />
            </th>
            <td data-label={labels[1]} lang={lang} safe>
              {agencyNames(rule)}
            </td>
            <td data-label={labels[2]} lang={lang} safe>
              {rule.docketIds.map(docketId).join(", ")}
            </td>
            <td data-label={labels[3]}>
              <Day ctx={ctx} day={rule.publicationDate} />
            </td>
            <td data-label={labels[4]}>
              {rule.commentsCloseOn ? (
                <Day ctx={ctx} day={rule.commentsCloseOn} />
              ) : (
                <span safe>{t("rules.no_deadline")}</span>
              )}
            </td>
            <td data-label={labels[5]}>
              <TimeLeft ctx={ctx} rule={rule} daysLeft={daysLeft} />
            </td>
            <td data-label={labels[6]}>
              <RuleLinks ctx={ctx} rule={rule} open={open} />
            </td>
            {staff && open ? (
              <td data-label={labels[7]}>
                <StaffButtons ctx={ctx} rule={rule} staff={staff} />
              </td>
            ) : (
              ""
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AddForm({ ctx, staff }: { ctx: PageContext; staff: StaffTools }) {
  const { t, locale } = ctx;
  return (
    <section class="cfa-rules-staff" aria-labelledby="rules-staff-heading">
      <h2 id="rules-staff-heading" safe>
        {t("rules.staff.heading")}
      </h2>
      <ErrorSummary
        heading={t("rules.staff.add.error.heading")}
        errors={staff.error ? [{ id: NUMBER_FIELD_ID, message: staff.error }] : []}
      />
      <form class="usa-form" method="post" action={localizedPath(locale, "/rules")}>
        <input type="hidden" name="_csrf" value={staff.csrfToken} />
        <fieldset class="usa-fieldset">
          <legend class="usa-legend usa-legend--large" safe>
            {t("rules.staff.add.heading")}
          </legend>
          <TextField
            id={NUMBER_FIELD_ID}
            name="number"
            label={t("rules.staff.add.label")}
            hint={t("rules.staff.add.hint")}
            value={staff.number}
            maxlength={10}
            autocomplete="off"
            verbatim
            error={staff.error}
          />
          <button type="submit" class="usa-button" safe>
            {t("rules.staff.add.submit")}
          </button>
        </fieldset>
      </form>
    </section>
  );
}

export function WatchListPage({
  ctx,
  open,
  closed,
  staff,
  notice,
}: {
  ctx: PageContext;
  open: ListedRule[];
  closed: ListedRule[];
  staff?: StaffTools;
  notice?: string;
}) {
  const { t } = ctx;
  const demo = [...open, ...closed].some((r) => r.rule.isDemo);
  return (
    <Layout ctx={ctx} title={t("rules.title")} description={t("rules.intro")}>
      <div class="grid-container usa-section">
        <h1 safe>{t("rules.title")}</h1>
        <p class="usa-intro" safe>
          {t("rules.intro")}
        </p>
        {notice ? <Notice kind="success" text={notice} /> : ""}
        {demo ? <DemoNotice ctx={ctx} text={t("rules.demo_notice")} /> : ""}
        <p safe>{t("rules.deadline_note")}</p>
        {ctx.locale.tag === "en" ? "" : <p safe>{t("rules.data_note")}</p>}
        <h2 safe>{t("rules.open.heading")}</h2>
        {open.length ? (
          <RuleTable ctx={ctx} rules={open} open staff={staff} caption={t("rules.open.heading")} />
        ) : (
          <p safe>{t("rules.open.none")}</p>
        )}
        <h2 safe>{t("rules.closed.heading")}</h2>
        {closed.length ? (
          <RuleTable ctx={ctx} rules={closed} open={false} caption={t("rules.closed.heading")} />
        ) : (
          <p safe>{t("rules.closed.none")}</p>
        )}
        {staff ? <AddForm ctx={ctx} staff={staff} /> : ""}
      </div>
    </Layout>
  );
}
