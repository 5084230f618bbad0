import { formatNumber, localizedPath } from "../../i18n/index.js";
import { DemoNotice } from "../../views/demo-notice.js";
import { ErrorSummary, FilterForm, SelectField, TextField } from "../../views/form.js";
import { Layout } from "../../views/layout.js";
import type { PageContext } from "../../views/page-context.js";
import { Pagination } from "../../views/pagination.js";
import { stateName } from "../names.js";
import { RosterName } from "../names.view.js";
import { PAGE_SIZE } from "./directory.schema.js";
import {
  type DirectoryEntry,
  type FilterField,
  type Filters,
  KINDS,
  SIZE_BANDS,
  SORTS,
  type Sort,
} from "./directory.service.js";

export interface DirectoryProps {
  ctx: PageContext;
  /** The members on this page of the list. */
  entries: DirectoryEntry[];
  /** How many members the filters select, on all pages. */
  matching: number;
  page: number;
  pages: number;
  total: number;
  filters: Filters;
  errors: FilterField[];
  choices: { states: string[]; years: string[] };
  demo: boolean;
  /** The rendered map, or nothing. */
  map: JSX.Element;
}

const FIELD_IDS: Record<FilterField, string> = {
  q: "filter-q",
  state: "filter-state",
  kind: "filter-kind",
  size: "filter-size",
  joined: "filter-joined",
  sort: "filter-sort",
};

/** The directory's own address with these filters, another order (from its first page) or page. */
function directoryHref(ctx: PageContext, filters: Filters, sort: Sort, page = 1): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, sort })) {
    if (value && !(key === "sort" && value === "name")) params.set(key, value);
  }
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return `${localizedPath(ctx.locale, "/members")}${query ? `?${query}` : ""}`;
}

/** The directory's pages (views/pagination.tsx), keeping its filters and sort. */
function DirectoryPages({
  ctx,
  filters,
  page,
  pages,
}: {
  ctx: PageContext;
  filters: Filters;
  page: number;
  pages: number;
}) {
  const { t } = ctx;
  return (
    <Pagination
      page={page}
      pages={pages}
      href={(n) => directoryHref(ctx, filters, filters.sort, n)}
      labels={{
        label: t("members.pages.label"),
        previous: t("members.pages.previous"),
        next: t("members.pages.next"),
        page: (n) => t("members.pages.page", { page: n }),
      }}
    />
  );
}

function SortableHeader({
  ctx,
  filters,
  sort,
  label,
}: {
  ctx: PageContext;
  filters: Filters;
  sort: Sort;
  label: string;
}) {
  const active = filters.sort === sort;
  return (
    <th scope="col" aria-sort={active ? (sort === "name" ? "ascending" : "descending") : undefined}>
      <a href={directoryHref(ctx, filters, sort)} safe>
        {label}
      </a>
    </th>
  );
}

export function DirectoryPage({
  ctx,
  entries,
  matching,
  page,
  pages,
  total,
  filters,
  errors,
  choices,
  demo,
  map,
}: DirectoryProps) {
  const { t, locale } = ctx;
  const collator = new Intl.Collator(locale.intl);
  const errorMessages = errors.map((field) => ({
    id: FIELD_IDS[field],
    message: t(`members.filters.error.${field}`),
  }));
  const errorOf = (field: FilterField) =>
    errors.includes(field) ? t(`members.filters.error.${field}`) : undefined;
  const percent = new Intl.NumberFormat(locale.intl, {
    style: "percent",
    maximumFractionDigits: 1,
  });
  // Looked up once, not once per row: the table may have hundreds of rows.
  const labels = {
    name: t("members.column.name"),
    kind: t("members.column.kind"),
    state: t("members.column.state"),
    population: t("members.column.population"),
    foreignBorn: t("members.column.foreign_born"),
    joined: t("members.column.joined"),
    none: t("members.figure.none"),
  };
  const kindLabels = Object.fromEntries(KINDS.map((k) => [k, t(`members.kind.${k}`)]));
  const profileBase = localizedPath(locale, "/members/");
  return (
    <Layout ctx={ctx} title={t("members.title")} description={t("members.description")}>
      <div class="grid-container usa-section">
        <h1 safe>{t("members.title")}</h1>
        <p class="usa-intro" safe>
          {t("members.intro")}
        </p>
        {demo ? <DemoNotice ctx={ctx} text={t("members.demo.notice")} /> : ""}
        <div class="cfa-map-wrap">{map}</div>
        <ErrorSummary heading={t("members.filters.error.summary")} errors={errorMessages} />
        <FilterForm
          action={localizedPath(locale, "/members")}
          legend={t("members.filters.heading")}
          apply={t("members.filters.apply")}
          clear={t("members.filters.clear")}
        >
          <TextField
            id={FIELD_IDS.q}
            name="q"
            label={t("members.filters.q")}
            hint={t("members.filters.q_hint")}
            value={errorOf("q") ? "" : filters.q}
            maxlength={100}
            error={errorOf("q")}
          />
          <SelectField
            id={FIELD_IDS.state}
            name="state"
            label={t("members.filters.state")}
            value={filters.state}
            emptyLabel={t("members.filters.any")}
            options={choices.states
              .map((s) => ({ value: s, label: stateName(t, s) }))
              .sort((a, b) => collator.compare(a.label, b.label))}
            error={errorOf("state")}
          />
          <SelectField
            id={FIELD_IDS.kind}
            name="kind"
            label={t("members.filters.kind")}
            value={filters.kind}
            emptyLabel={t("members.filters.any")}
            options={KINDS.map((k) => ({ value: k, label: t(`members.kind.${k}`) }))}
            error={errorOf("kind")}
          />
          <SelectField
            id={FIELD_IDS.size}
            name="size"
            label={t("members.filters.size")}
            value={filters.size}
            emptyLabel={t("members.filters.any")}
            options={(Object.keys(SIZE_BANDS) as (keyof typeof SIZE_BANDS)[]).map((s) => ({
              value: s,
              label: t(`members.size.${s}`),
            }))}
            error={errorOf("size")}
          />
          <SelectField
            id={FIELD_IDS.joined}
            name="joined"
            label={t("members.filters.joined")}
            value={filters.joined}
            emptyLabel={t("members.filters.any")}
            options={choices.years.map((y) => ({ value: y, label: y }))}
            error={errorOf("joined")}
          />
          <SelectField
            id={FIELD_IDS.sort}
            name="sort"
            label={t("members.filters.sort")}
            value={filters.sort}
            options={SORTS.map((s) => ({ value: s, label: t(`members.sort.${s}`) }))}
            error={errorOf("sort")}
          />
        </FilterForm>
        {/* Not USWDS's stacked table: on a phone each member is a short entry of two or three
            lines (public/site.css), not a card of six labelled rows (475 px per member). */}
        <table class="usa-table usa-table--borderless cfa-members-table">
          <caption>
            <span safe>{t("members.results.caption", { count: matching, total })}</span>
            {pages > 1 ? (
              <span safe>
                {` ${t("members.pages.showing", {
                  first: (page - 1) * PAGE_SIZE + 1,
                  last: (page - 1) * PAGE_SIZE + entries.length,
                  page,
                  pages,
                })}`}
              </span>
            ) : (
              ""
            )}
          </caption>
          <thead>
            <tr>
              <SortableHeader
                ctx={ctx}
                filters={filters}
                sort="name"
                label={t("members.column.name")}
              />
              <th scope="col" safe>
                {t("members.column.kind")}
              </th>
              <th scope="col" safe>
                {t("members.column.state")}
              </th>
              <SortableHeader
                ctx={ctx}
                filters={filters}
                sort="population"
                label={t("members.column.population")}
              />
              <SortableHeader
                ctx={ctx}
                filters={filters}
                sort="foreign-born-share"
                label={t("members.column.foreign_born")}
              />
              <SortableHeader
                ctx={ctx}
                filters={filters}
                sort="joined"
                label={t("members.column.joined")}
              />
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr>
                <th scope="row" data-label={labels.name}>
                  <a href={`${profileBase}${e.slug}`}>
                    <RosterName ctx={ctx} name={e.name} />
                  </a>
                </th>
                <td data-label={labels.kind} class="cfa-members-table__plain" safe>
                  {kindLabels[e.kind]}
                </td>
                <td data-label={labels.state} class="cfa-members-table__plain" safe>
                  {stateName(t, e.state)}
                </td>
                <td data-label={labels.population} class="cfa-number" safe>
                  {e.figures.population
                    ? formatNumber(locale, e.figures.population.value)
                    : labels.none}
                </td>
                <td data-label={labels.foreignBorn} class="cfa-number" safe>
                  {e.figures.foreignBornShare
                    ? percent.format(e.figures.foreignBornShare.value)
                    : labels.none}
                </td>
                <td data-label={labels.joined} safe>
                  {e.joinedOn?.slice(0, 4) ?? ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <DirectoryPages ctx={ctx} filters={filters} page={page} pages={pages} />
        <p class="usa-hint" safe>
          {t("members.figure.vintage_note")}
        </p>
      </div>
    </Layout>
  );
}
