// /resources: the filters (a GET form: no JavaScript needed), how many match, the cards, paging.
import { localizedPath } from "../../i18n/index.js";
import { DemoNotice } from "../../views/demo-notice.js";
import { FilterForm, SelectField } from "../../views/form.js";
import { Layout } from "../../views/layout.js";
import type { PageContext } from "../../views/page-context.js";
import type { FeaturedMember, ShownResource } from "../library.service.js";
import { RESOURCE_TOPICS, RESOURCE_TYPES } from "../resources.model.js";
import { languageLabel, Pager, ResourceCard } from "../resources.view.js";
import { type BrowseFilters, browseQueryString, PAGE_SIZE } from "./browse.schema.js";

export interface BrowseProps {
  ctx: PageContext;
  items: ShownResource[];
  matching: number;
  total: number;
  page: number;
  pages: number;
  filters: BrowseFilters;
  choices: { languages: string[]; members: FeaturedMember[]; years: string[] };
  demo: boolean;
}

export function BrowsePage(props: BrowseProps) {
  const { ctx, items, filters, choices, page, pages, matching } = props;
  const { t, locale } = ctx;
  const action = localizedPath(locale, "/resources");
  const collator = new Intl.Collator(locale.intl);
  const english = locale.tag === "en" ? undefined : "en";
  return (
    <Layout ctx={ctx} title={t("resources.browse.title")} description={t("resources.browse.intro")}>
      <div class="grid-container usa-section">
        <h1 safe>{t("resources.browse.title")}</h1>
        <p class="usa-intro" safe>
          {t("resources.browse.intro")}
        </p>
        {props.demo ? <DemoNotice ctx={ctx} text={t("resources.demo")} /> : ""}
        <FilterForm
          action={action}
          legend={t("resources.filters.heading")}
          apply={t("resources.filters.apply")}
          clear={t("resources.filters.clear")}
        >
          <SelectField
            id="filter-type"
            name="type"
            label={t("resources.filters.type")}
            value={filters.type}
            emptyLabel={t("resources.filters.any")}
            options={RESOURCE_TYPES.map((type) => ({
              value: type,
              label: t(`resources.type.${type}`),
            }))}
          />
          <SelectField
            id="filter-topic"
            name="topic"
            label={t("resources.filters.topic")}
            value={filters.topic}
            emptyLabel={t("resources.filters.any")}
            options={RESOURCE_TOPICS.map((topic) => ({
              value: topic,
              label: t(`resources.topic.${topic}`),
            }))}
          />
          <SelectField
            id="filter-lang"
            name="lang"
            label={t("resources.filters.lang")}
            hint={t("resources.filters.lang_hint")}
            value={filters.lang}
            emptyLabel={t("resources.filters.any")}
            options={choices.languages
              .map((tag) => ({ value: tag, label: languageLabel(ctx, tag) }))
              .sort((a, b) => collator.compare(a.label, b.label))}
          />
          <SelectField
            id="filter-member"
            name="member"
            label={t("resources.filters.member")}
            value={filters.member}
            emptyLabel={t("resources.filters.any")}
            options={choices.members.map((m) => ({ value: m.slug, label: m.name, lang: english }))}
          />
          <SelectField
            id="filter-year"
            name="year"
            label={t("resources.filters.year")}
            value={filters.year}
            emptyLabel={t("resources.filters.any")}
            options={choices.years.map((y) => ({ value: y, label: y }))}
          />
        </FilterForm>
        <h2 class="cfa-resource-count" safe>
          {t("resources.browse.count", { count: matching, total: props.total })}
        </h2>
        {pages > 1 ? (
          <p safe>
            {t("resources.pages.showing", {
              first: (page - 1) * PAGE_SIZE + 1,
              last: (page - 1) * PAGE_SIZE + items.length,
              page,
              pages,
            })}
          </p>
        ) : (
          ""
        )}
        {items.length === 0 ? (
          <p safe>{t("resources.browse.none")}</p>
        ) : (
          <ul class="usa-list usa-list--unstyled cfa-resource-list">
            {items.map((item) => (
              <ResourceCard ctx={ctx} item={item} heading="h3" />
            ))}
          </ul>
        )}
        <Pager
          ctx={ctx}
          page={page}
          pages={pages}
          href={(n) => `${action}${browseQueryString(filters, n)}`}
        />
      </div>
    </Layout>
  );
}
