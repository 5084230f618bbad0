// Pieces every resource page shows the same way: an item's kind, date, topics and languages, the
// label of a version shown in another language, an item's card in a list, and list paging.
import type { Children } from "@kitajs/html";
import { findLocale, localizedPath } from "../i18n/index.js";
import type { PageContext } from "../views/page-context.js";
import { Pagination } from "../views/pagination.js";
import type { ShownResource } from "./library.service.js";

/** A language's name in the reader's language ("inglés"), for any BCP 47 tag a version has. */
export function languageLabel(ctx: PageContext, tag: string): string {
  try {
    return new Intl.DisplayNames([ctx.locale.intl], { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** "English, Spanish and Chinese", as the reader's language joins a list. */
export function listLabel(ctx: PageContext, items: readonly string[]): string {
  return new Intl.ListFormat(ctx.locale.intl, { type: "conjunction" }).format(items);
}

/** The item's own date, in the reader's language (a calendar day: no time zone moves it). */
export function dayLabel(ctx: PageContext, day: string): string {
  return new Intl.DateTimeFormat(ctx.locale.intl, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** lang and dir for a passage in `tag`, or nothing when it is the page's language. */
export function passageLang(ctx: PageContext, tag: string): { lang?: string; dir?: string } {
  if (tag === ctx.locale.tag) return {};
  return { lang: tag, dir: findLocale(tag)?.dir ?? "ltr" };
}

/** Said, in the reader's language, of a version shown in another: "Shown in English: ...". */
export function FallbackNotice({ ctx, locale }: { ctx: PageContext; locale: string }) {
  return (
    <p class="cfa-fallback__label cfa-resource-fallback" safe>
      {ctx.t("resources.fallback", { language: languageLabel(ctx, locale) })}
    </p>
  );
}

export function DemoTag({ ctx }: { ctx: PageContext }) {
  return (
    <strong class="usa-tag cfa-resource-demo" safe>
      {ctx.t("common.demo.label")}
    </strong>
  );
}

/** "Toolkit · March 4, 2021", topics and languages, as a card or an item page lists them. */
export function ResourceFacts({ ctx, item }: { ctx: PageContext; item: ShownResource }) {
  const { t } = ctx;
  return (
    <dl class="cfa-resource-facts">
      <div>
        <dt safe>{t("resources.facts.type")}</dt>
        <dd safe>{t(`resources.type.${item.type}`)}</dd>
      </div>
      <div>
        <dt safe>{t("resources.facts.date")}</dt>
        <dd>
          <time datetime={item.datedOn} safe>
            {dayLabel(ctx, item.datedOn)}
          </time>
        </dd>
      </div>
      {item.topics.length ? (
        <div>
          <dt safe>{t("resources.facts.topics")}</dt>
          <dd safe>
            {listLabel(
              ctx,
              item.topics.map((topic) => t(`resources.topic.${topic}`)),
            )}
          </dd>
        </div>
      ) : (
        ""
      )}
      <div>
        <dt safe>{t("resources.facts.languages")}</dt>
        <dd safe>
          {listLabel(
            ctx,
            item.languages.map((l) => languageLabel(ctx, l)),
          )}
        </dd>
      </div>
    </dl>
  );
}

export function resourcePath(ctx: PageContext, slug: string): string {
  return localizedPath(ctx.locale, `/resources/${slug}`);
}

/** An item in a list: its title (linked) in the reader's language or labelled, and its facts. */
export function ResourceCard({
  ctx,
  item,
  heading = "h2",
  children,
}: {
  ctx: PageContext;
  item: ShownResource;
  heading?: "h2" | "h3";
  /** What a list adds to the card (an issue page: a video not out yet, a partner). */
  children?: Children;
}) {
  const passage = passageLang(ctx, item.version.locale);
  const title = (
    <a href={resourcePath(ctx, item.slug)} {...passage} safe>
      {item.version.title}
    </a>
  );
  return (
    <li class="cfa-resource-card">
      {heading === "h2" ? <h2 class="cfa-resource-card__title">{title}</h2> : ""}
      {heading === "h3" ? <h3 class="cfa-resource-card__title">{title}</h3> : ""}
      {item.fallback ? <FallbackNotice ctx={ctx} locale={item.version.locale} /> : ""}
      {item.isDemo ? <DemoTag ctx={ctx} /> : ""}
      {item.version.summary ? (
        <p class="cfa-resource-card__summary" {...passage} safe>
          {item.version.summary}
        </p>
      ) : (
        ""
      )}
      {children}
      <ResourceFacts ctx={ctx} item={item} />
    </li>
  );
}

/** The library's pages of a long list (views/pagination.tsx), in the reader's language. */
export function Pager({
  ctx,
  page,
  pages,
  href,
}: {
  ctx: PageContext;
  page: number;
  pages: number;
  href: (page: number) => string;
}) {
  const { t } = ctx;
  return (
    <Pagination
      page={page}
      pages={pages}
      href={href}
      labels={{
        label: t("resources.pages.label"),
        previous: t("resources.pages.previous"),
        next: t("resources.pages.next"),
        page: (n) => t("resources.pages.page", { page: n }),
      }}
    />
  );
}

/** The page asked for, within 1..last (a missing or too high number is the nearest). */
export function pageOf(requested: string | undefined, count: number, size: number) {
  const pages = Math.max(1, Math.ceil(count / size));
  const page = Math.min(pages, Math.max(1, Number(requested) || 1));
  return { page, pages };
}
