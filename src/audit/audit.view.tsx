import type { AuditLogTable } from "../db/index.js";
import { AdminBreadcrumb } from "../http/admin-home.view.js";
import { localizedPath } from "../i18n/index.js";
import { ErrorSummary, FilterForm, SelectField, TextField } from "../views/form.js";
import { Layout } from "../views/layout.js";
import type { PageContext } from "../views/page-context.js";
import { TableHead } from "../views/table.js";
import { diffEntry, type FieldChange, parseStored, showJson } from "./audit.diff.js";
import {
  AUDIT_PAGE_SIZE,
  type AuditChoices,
  type AuditFilterField,
  type AuditFilters,
  auditQueryString,
} from "./audit.schema.js";

/** Longest value shown on the page, in characters; the CSV export has every value whole. */
const SHOWN_LENGTH = 300;

const FIELD_IDS: Record<AuditFilterField, string> = {
  actor: "audit-actor",
  action: "audit-action",
  entity: "audit-entity",
  entity_id: "audit-entity-id",
  from: "audit-from",
  to: "audit-to",
  // Not a field of the form: the page number comes from the links below the table.
  page: "audit-filters",
};

export interface AuditPageProps {
  ctx: PageContext;
  filters: AuditFilters;
  page: number;
  errors: AuditFilterField[];
  choices: AuditChoices;
  /** Undefined while a filter is refused: then nothing is listed. */
  entries?: AuditLogTable[];
  hasNext: boolean;
}

/** A value shortened for the page (the CSV export has every value whole). */
function shorten(text: string): { text: string; shortened: boolean } {
  const chars = [...text];
  if (chars.length <= SHOWN_LENGTH) return { text, shortened: false };
  return { text: `${chars.slice(0, SHOWN_LENGTH).join("")}…`, shortened: true };
}

/** A stored value: user data, shown as text in no particular language. */
function Value({ ctx, value }: { ctx: PageContext; value: unknown }) {
  if (value === undefined || value === null) return <em safe>{ctx.t("audit.value.none")}</em>;
  return (
    <span lang="" safe>
      {shorten(showJson(value)).text}
    </span>
  );
}

function Change({ ctx, change }: { ctx: PageContext; change: FieldChange }) {
  const { t } = ctx;
  return (
    <li>
      {change.field ? (
        <code lang="" safe>
          {change.field}
        </code>
      ) : (
        <span safe>{t("audit.changes.whole")}</span>
      )}
      {": "}
      <del>
        <span class="usa-sr-only" safe>
          {`${t("audit.change.before")} `}
        </span>
        <Value ctx={ctx} value={change.before} />
      </del>
      <span aria-hidden="true">{" → "}</span>
      <ins>
        <span class="usa-sr-only" safe>
          {` ${t("audit.change.after")} `}
        </span>
        <Value ctx={ctx} value={change.after} />
      </ins>
      {[change.before, change.after].some((v) => shorten(showJson(v)).shortened) ? (
        <>
          {" "}
          <span class="usa-hint" safe>
            {t("audit.value.shortened")}
          </span>
        </>
      ) : (
        ""
      )}
    </li>
  );
}

function Changes({ ctx, entry }: { ctx: PageContext; entry: AuditLogTable }) {
  const { t } = ctx;
  if (entry.before === null && entry.after === null) {
    return <span safe>{t("audit.changes.unrecorded")}</span>;
  }
  const changes = diffEntry(parseStored(entry.before), parseStored(entry.after));
  if (changes.length === 0) return <span safe>{t("audit.changes.none")}</span>;
  return (
    <ul class="usa-list usa-list--unstyled">
      {changes.map((change) => (
        <Change ctx={ctx} change={change} />
      ))}
    </ul>
  );
}

function Pages({
  ctx,
  filters,
  page,
  hasNext,
}: {
  ctx: PageContext;
  filters: AuditFilters;
  page: number;
  hasNext: boolean;
}) {
  const { t, locale } = ctx;
  if (page === 1 && !hasNext) return "";
  const href = (n: number) =>
    `${localizedPath(locale, "/admin/audit")}${auditQueryString(filters, n)}`;
  return (
    <nav aria-label={t("audit.pages.label")}>
      <ul class="usa-list usa-list--unstyled cfa-filters__actions">
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev" safe>
              {t("audit.pages.newer")}
            </a>
          </li>
        ) : (
          ""
        )}
        <li aria-current="page" safe>
          {t("audit.pages.current", { page })}
        </li>
        {hasNext ? (
          <li>
            <a href={href(page + 1)} rel="next" safe>
              {t("audit.pages.older")}
            </a>
          </li>
        ) : (
          ""
        )}
      </ul>
    </nav>
  );
}

export function AuditPage({
  ctx,
  filters,
  page,
  errors,
  choices,
  entries,
  hasNext,
}: AuditPageProps) {
  const { t, locale } = ctx;
  const when = new Intl.DateTimeFormat(locale.intl, {
    dateStyle: "medium",
    timeStyle: "long",
    timeZone: "UTC",
  });
  const errorOf = (field: AuditFilterField) =>
    errors.includes(field) ? t(`audit.error.${field}`) : undefined;
  const filtered = Object.values(filters).some(Boolean);
  const first = (page - 1) * AUDIT_PAGE_SIZE + 1;
  return (
    <Layout ctx={ctx} title={t("audit.title")} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb ctx={ctx} current={t("audit.title")} />
        <h1 safe>{t("audit.title")}</h1>
        <p class="usa-intro" safe>
          {t("audit.intro")}
        </p>
        <ErrorSummary
          heading={t("audit.error.summary")}
          errors={errors.map((field) => ({
            id: FIELD_IDS[field],
            message: t(`audit.error.${field}`),
          }))}
        />
        <FilterForm
          id={FIELD_IDS.page}
          action={localizedPath(locale, "/admin/audit")}
          legend={t("audit.filters.heading")}
          apply={t("audit.filters.apply")}
          clear={t("audit.filters.clear")}
        >
          <TextField
            id={FIELD_IDS.actor}
            name="actor"
            label={t("audit.filters.actor")}
            hint={t("audit.filters.actor_hint")}
            value={filters.actor}
            maxlength={254}
            error={errorOf("actor")}
          />
          <SelectField
            id={FIELD_IDS.action}
            name="action"
            label={t("audit.filters.action")}
            value={filters.action}
            emptyLabel={t("audit.filters.any")}
            options={choices.actions.map((a) => ({ value: a, label: a, lang: "" }))}
            error={errorOf("action")}
          />
          <SelectField
            id={FIELD_IDS.entity}
            name="entity"
            label={t("audit.filters.entity")}
            value={filters.entity}
            emptyLabel={t("audit.filters.any")}
            options={choices.entities.map((e) => ({ value: e, label: e, lang: "" }))}
            error={errorOf("entity")}
          />
          <TextField
            id={FIELD_IDS.entity_id}
            name="entity_id"
            label={t("audit.filters.entity_id")}
            hint={t("audit.filters.entity_id_hint")}
            value={filters.entityId}
            maxlength={200}
            error={errorOf("entity_id")}
          />
          {/* A date picker shows the day in the browser's own format (mm/dd/yyyy, dd/mm/yyyy...):
              the hint names none, and the input says the page's language, which a browser may
              follow. */}
          <TextField
            id={FIELD_IDS.from}
            name="from"
            type="date"
            lang={locale.tag}
            label={t("audit.filters.from")}
            hint={t("audit.filters.date_hint")}
            value={filters.from}
            maxlength={10}
            error={errorOf("from")}
          />
          <TextField
            id={FIELD_IDS.to}
            name="to"
            type="date"
            lang={locale.tag}
            label={t("audit.filters.to")}
            hint={t("audit.filters.date_hint")}
            value={filters.to}
            maxlength={10}
            error={errorOf("to")}
          />
        </FilterForm>
        {entries === undefined ? (
          <p safe>{t("audit.refused")}</p>
        ) : entries.length === 0 ? (
          <p safe>{t(filtered || page > 1 ? "audit.none" : "audit.empty")}</p>
        ) : (
          <>
            <p>
              <a
                class="usa-button usa-button--outline"
                href={`${localizedPath(locale, "/admin/audit.csv")}${auditQueryString(filters)}`}
                safe
              >
                {t("audit.csv")}
              </a>
            </p>
            <table class="usa-table usa-table--borderless usa-table--stacked">
              <caption safe>
                {t("audit.caption", { first, last: first + entries.length - 1 })}
              </caption>
              <TableHead
                labels={[
                  t("audit.column.when"),
                  t("audit.column.who"),
                  t("audit.column.what"),
                  t("audit.column.changes"),
                ]}
              />
              <tbody>
                {entries.map((e) => (
                  <tr>
                    <th scope="row">
                      <time datetime={e.at} safe>
                        {when.format(new Date(e.at))}
                      </time>
                    </th>
                    <td>
                      {e.actor_email ? (
                        <span lang="" safe>
                          {e.actor_email}
                        </span>
                      ) : (
                        <span safe>{t("audit.actor.none")}</span>
                      )}
                    </td>
                    <td>
                      <code lang="" safe>
                        {e.action}
                      </code>
                      <br />
                      <span lang="" safe>
                        {`${e.entity} ${e.entity_id}`}
                      </span>
                    </td>
                    <td>
                      <Changes ctx={ctx} entry={e} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pages ctx={ctx} filters={filters} page={page} hasNext={hasNext} />
          </>
        )}
      </div>
    </Layout>
  );
}
