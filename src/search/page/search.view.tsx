// /search: one GET form (the words, then kind, language and topic: no script needed), what was
// found, each result labelled with its kind and, when it is not the page's, its language (and
// carrying that lang), its snippet with the matched words marked, and paging.
import type { ResourceTopic } from "../../db/index.js";
import { findLocale, LOCALES, localizedPath } from "../../i18n/index.js";
import { ErrorSummary, SelectField, TextField } from "../../views/form.js";
import { Layout } from "../../views/layout.js";
import type { PageContext } from "../../views/page-context.js";
import { Pagination } from "../../views/pagination.js";
import { SEARCH_TYPES } from "../search.model.js";
import type { SearchOutcome, SearchResult } from "../search.service.js";
import type { SnippetPart } from "../snippet.js";

export interface SearchFilters {
  q: string;
  type: string;
  lang: string;
  topic: string;
}

export interface SearchProps {
  ctx: PageContext;
  filters: SearchFilters;
  outcome: SearchOutcome;
  topics: readonly ResourceTopic[];
}

/** The page's address with these filters and page (empty ones left out). */
export function searchQueryString(filters: SearchFilters, page = 1): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `?${query}` : "";
}

function languageName(ctx: PageContext, tag: string): string {
  try {
    return new Intl.DisplayNames([ctx.locale.intl], { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

function Snippet({ parts }: { parts: readonly SnippetPart[] }) {
  return (
    <>
      {parts.map((part) =>
        part.mark ? <mark safe>{part.text}</mark> : <span safe>{part.text}</span>,
      )}
    </>
  );
}

function DemoLabel({ ctx }: { ctx: PageContext }) {
  return (
    <strong class="usa-tag cfa-search-result__demo" safe>
      {ctx.t("common.demo.label")}
    </strong>
  );
}

function Result({ ctx, result }: { ctx: PageContext; result: SearchResult }) {
  const { t, locale } = ctx;
  const foreign = result.locale !== null && result.locale !== locale.tag;
  const lang = foreign ? (result.locale ?? undefined) : undefined;
  const dir = foreign ? (findLocale(result.locale ?? "")?.dir ?? "ltr") : undefined;
  const language = foreign
    ? t("search.in_language", { language: languageName(ctx, result.locale ?? "") })
    : "";
  const facts = [t(`search.type.${result.type}`), language].filter(Boolean).join(" · ");
  return (
    <li class="cfa-search-result">
      <h2 class="cfa-search-result__title">
        <a href={localizedPath(locale, result.path)} lang={lang} dir={dir}>
          <Snippet parts={result.titleParts} />
        </a>
      </h2>
      <p class="cfa-search-result__facts">
        <span safe>{facts}</span>
        {result.isDemo ? <DemoLabel ctx={ctx} /> : ""}
      </p>
      {result.snippet.length > 0 ? (
        <p class="cfa-search-result__snippet" lang={lang} dir={dir}>
          <Snippet parts={result.snippet} />
        </p>
      ) : (
        ""
      )}
    </li>
  );
}

function Message({ ctx, outcome }: { ctx: PageContext; outcome: SearchOutcome }) {
  const { t } = ctx;
  if (outcome.kind === "empty") return <p safe>{t("search.empty")}</p>;
  if (outcome.kind === "no_words") return <p safe>{t("search.no_words")}</p>;
  return "";
}

export function SearchPage({ ctx, filters, outcome, topics }: SearchProps) {
  const { t, locale } = ctx;
  const action = localizedPath(locale, "/search");
  const tooLong =
    outcome.kind === "too_long"
      ? t("search.too_long", { length: outcome.length, limit: outcome.limit })
      : undefined;
  const title = filters.q && !tooLong ? t("search.title_for", { q: filters.q }) : t("search.title");
  const collator = new Intl.Collator(locale.intl);
  return (
    <Layout ctx={ctx} title={title} description={t("search.intro")} noindex={filters.q !== ""}>
      <div class="grid-container usa-section">
        <h1 id="search-title" safe>
          {t("search.title")}
        </h1>
        <p class="usa-intro" safe>
          {t("search.intro")}
        </p>
        <ErrorSummary
          heading={t("errors.validation")}
          errors={tooLong ? [{ id: "search-q", message: tooLong }] : []}
        />
        {/* biome-ignore lint/a11y/useSemanticElements: a search landmark, named apart from the header's */}
        <form
          class="usa-form usa-form--large cfa-search"
          role="search"
          aria-labelledby="search-title"
          method="get"
          action={action}
        >
          <TextField
            id="search-q"
            name="q"
            type="search"
            label={t("search.field")}
            hint={t("search.field_hint")}
            value={filters.q}
            autocomplete="off"
            error={tooLong}
          />
          <div
            class="cfa-suggestions"
            data-suggestions
            data-base="/api/v1/search"
            data-prefer={locale.tag}
            hidden
          >
            <p class="cfa-suggestions__title" id="search-suggestions-title" safe>
              {t("search.suggestions")}
            </p>
            <ul class="usa-list"></ul>
          </div>
          <p
            class="usa-sr-only"
            aria-live="polite"
            data-suggestions-status
            data-template={t("search.suggestions_status", { count: "%COUNT%" })}
          ></p>
          <fieldset class="usa-fieldset cfa-filters">
            <legend class="usa-legend" safe>
              {t("search.filters")}
            </legend>
            <div class="cfa-filters__grid">
              <SelectField
                id="search-type"
                name="type"
                label={t("search.type")}
                value={filters.type}
                emptyLabel={t("search.any")}
                options={SEARCH_TYPES.map((type) => ({
                  value: type,
                  label: t(`search.type.${type}`),
                }))}
              />
              <SelectField
                id="search-lang"
                name="lang"
                label={t("search.lang")}
                value={filters.lang}
                emptyLabel={t("search.any")}
                options={LOCALES.map((l) => ({
                  value: l.tag,
                  label: languageName(ctx, l.tag),
                })).sort((a, b) => collator.compare(a.label, b.label))}
              />
              <SelectField
                id="search-topic"
                name="topic"
                label={t("search.topic")}
                value={filters.topic}
                emptyLabel={t("search.any")}
                options={topics.map((topic) => ({
                  value: topic,
                  // The library's names of its topics.
                  label: t(`resources.topic.${topic}`),
                }))}
              />
            </div>
          </fieldset>
          <button class="usa-button" type="submit" safe>
            {t("search.submit")}
          </button>
        </form>
        <Message ctx={ctx} outcome={outcome} />
        {outcome.kind === "results" ? (
          <section class="cfa-search-results" aria-labelledby="search-count">
            <p id="search-count" class="cfa-search-results__count" safe>
              {outcome.more
                ? t("search.count_more", { total: outcome.total, q: filters.q })
                : t("search.count", { total: outcome.total, q: filters.q })}
            </p>
            {outcome.total === 0 ? (
              <p safe>{t("search.none_hint")}</p>
            ) : (
              <ol class="usa-list usa-list--unstyled">
                {outcome.results.map((result) => (
                  <Result ctx={ctx} result={result} />
                ))}
              </ol>
            )}
            <Pagination
              page={outcome.page}
              pages={outcome.pages}
              href={(page) => `${action}${searchQueryString(filters, page)}`}
              labels={{
                label: t("search.pages.label"),
                previous: t("search.pages.previous"),
                next: t("search.pages.next"),
                page: (page) => t("search.pages.page", { page }),
              }}
            />
          </section>
        ) : (
          ""
        )}
      </div>
    </Layout>
  );
}
