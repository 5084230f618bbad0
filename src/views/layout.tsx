import type { Children } from "@kitajs/html";
import { LOCALES, type Locale, localizedPath, translator } from "../i18n/index.js";
import { AccountMenu } from "./account-menu.js";
import { LanguageSelector } from "./language-selector.js";
import { OFFER_TOKEN_SLOT, type PageContext } from "./page-context.js";

export interface LayoutProps {
  ctx: PageContext;
  /** The page's own title; the site name is appended. */
  title: string;
  description?: string;
  /** Pages that are not to be indexed (errors) set this. */
  noindex?: boolean;
  /** The Open Graph kind: "article" for an item (a resource, a news item), else "website". */
  ogType?: "website" | "article";
  /** Feeds of the page (news), linked from its head for feed readers: absolute addresses. */
  feeds?: { href: string; type: "application/rss+xml" | "application/atom+xml"; title: string }[];
  children?: Children;
}

const NAV: { path: string; key: Parameters<PageContext["t"]>[0] }[] = [
  { path: "/members", key: "common.nav.members" },
  { path: "/campaigns", key: "common.nav.campaigns" },
  { path: "/resources", key: "common.nav.resources" },
  { path: "/news", key: "common.nav.news" },
  { path: "/exchange", key: "common.nav.exchange" },
  { path: "/join", key: "common.nav.join" },
];

/** Browsers, tabs and search results cut a title's end: the page's own, then the site's. */
const TITLE_MAX = 70;

/**
 * "<page> | <site>" in at most 70 characters: a long page title (a rule's, a report's) is cut at
 * a word with an ellipsis; the page's heading keeps it whole.
 */
export function documentTitle(title: string, site: string): string {
  const suffix = ` | ${site}`;
  const whole = `${title}${suffix}`;
  if ([...whole].length <= TITLE_MAX) return whole;
  const fits = TITLE_MAX - [...suffix].length >= 20;
  // A site name that leaves no room: the page's title alone, cut only if it must be.
  if (!fits && [...title].length <= TITLE_MAX) return title;
  const room = (fits ? TITLE_MAX - [...suffix].length : TITLE_MAX) - 1;
  const cut = [...title].slice(0, room).join("");
  const space = cut.lastIndexOf(" ");
  const shown = `${(space > room / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, "")}…`;
  return fits ? `${shown}${suffix}` : shown;
}

function absolute(ctx: PageContext, path: string): string {
  return `${ctx.publicUrl}${path}`;
}

/** Open Graph's form of a locale: language_TERRITORY ("en_US", "zh_CN"), no script. */
function ogLocale(locale: Locale): string {
  const parts = locale.intl.split("-");
  const territory = parts.at(-1);
  return territory && /^[A-Z]{2}$/.test(territory) ? `${parts[0]}_${territory}` : (parts[0] ?? "");
}

/**
 * The page as a social card (Open Graph, read by X, Bluesky, Mastodon, Facebook, LinkedIn):
 * every page the same way, from its title and description; the site's description when a page
 * has none of its own.
 */
function SocialCard({
  ctx,
  title,
  description,
  type,
}: {
  ctx: PageContext;
  title: string;
  description: string | undefined;
  type: "website" | "article";
}) {
  const { locale } = ctx;
  return (
    <>
      <meta property="og:site_name" content={ctx.siteName} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={description || ctx.t("home.description")} />
      <meta property="og:url" content={absolute(ctx, localizedPath(locale, ctx.path))} />
      <meta property="og:type" content={type} />
      <meta property="og:locale" content={ogLocale(locale)} />
      {LOCALES.filter((l) => l !== locale).map((l) => (
        <meta property="og:locale:alternate" content={ogLocale(l)} />
      ))}
      <meta name="twitter:card" content="summary" />
    </>
  );
}

/**
 * Offers the visitor's preferred language, in that language, without redirecting, until they
 * answer it: a form (no JavaScript needed) dismisses it for good and comes back to this page
 * (http/language-offer.ts). Its CSRF token is a slot that `sendPage` fills per visitor.
 */
function LanguageOffer({ ctx }: { ctx: PageContext }) {
  const offer = ctx.offer;
  if (!offer) return "";
  const t = translator(offer);
  return (
    <section
      class="usa-alert usa-alert--info usa-alert--slim cfa-language-offer"
      lang={offer.tag}
      dir={offer.dir}
      aria-label={t("common.offer.label")}
    >
      <div class="usa-alert__body">
        <p class="usa-alert__text">
          <span safe>{t("common.offer.text")}</span>{" "}
          <a href={`${localizedPath(offer, ctx.path)}${ctx.query}`} hreflang={offer.tag} safe>
            {t("common.offer.link")}
          </a>
        </p>
        <form
          class="cfa-language-offer__dismiss"
          method="post"
          action={localizedPath(ctx.locale, "/language-offer/dismiss")}
        >
          <input type="hidden" name="_csrf" value={OFFER_TOKEN_SLOT} />
          <input
            type="hidden"
            name="back"
            value={`${localizedPath(ctx.locale, ctx.path)}${ctx.query}`}
          />
          <button type="submit" class="usa-button usa-button--unstyled" safe>
            {t("common.offer.dismiss")}
          </button>
        </form>
      </div>
    </section>
  );
}

export function Layout(props: LayoutProps) {
  const { ctx, title, description, noindex, ogType, feeds = [], children } = props;
  const { t, locale } = ctx;
  const home = localizedPath(locale, "/");
  return (
    <>
      {"<!doctype html>"}
      <html lang={locale.tag} dir={locale.dir}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{documentTitle(title, ctx.siteName)}</title>
          {description ? <meta name="description" content={description} /> : ""}
          {noindex ? (
            <meta name="robots" content="noindex" />
          ) : (
            <>
              <link rel="canonical" href={absolute(ctx, localizedPath(locale, ctx.path))} />
              {LOCALES.map((l) => (
                <link
                  rel="alternate"
                  hreflang={l.tag}
                  href={absolute(ctx, localizedPath(l, ctx.path))}
                />
              ))}
              <link rel="alternate" hreflang="x-default" href={absolute(ctx, ctx.path)} />
              <SocialCard
                ctx={ctx}
                title={title}
                description={description}
                type={ogType ?? "website"}
              />
              {feeds.map((feed) => (
                <link rel="alternate" type={feed.type} href={feed.href} title={feed.title} />
              ))}
            </>
          )}
          <link rel="stylesheet" href="/assets/uswds/css/uswds.min.css" />
          <link rel="stylesheet" href="/assets/site.css" />
          <script src="/assets/uswds/js/uswds.min.js" defer></script>
          <script src="/assets/site.js" defer></script>
        </head>
        <body class="cfa-page">
          <a class="usa-skipnav" href="#main-content" safe>
            {t("common.skip_link")}
          </a>
          <div class="cfa-topbar">
            <div class="grid-container cfa-topbar__inner">
              <LanguageSelector ctx={ctx} />
              <AccountMenu ctx={ctx} />
            </div>
          </div>
          <LanguageOffer ctx={ctx} />
          <div class="usa-overlay"></div>
          <header class="usa-header usa-header--basic">
            <div class="usa-nav-container">
              <div class="usa-navbar">
                <div class="usa-logo">
                  <em class="usa-logo__text">
                    <a href={home} safe>
                      {ctx.siteName}
                    </a>
                  </em>
                </div>
                {/* aria-expanded is kept in step with the menu by /assets/site.js. */}
                <button
                  type="button"
                  class="usa-menu-btn"
                  aria-expanded="false"
                  aria-controls="cfa-nav"
                  safe
                >
                  {t("common.menu")}
                </button>
              </div>
              <nav id="cfa-nav" aria-label={t("common.nav.label")} class="usa-nav">
                <button type="button" class="usa-nav__close">
                  <img src="/assets/uswds/img/usa-icons/close.svg" alt={t("common.close")} />
                </button>
                <ul class="usa-nav__primary usa-accordion">
                  {NAV.map((item) => {
                    const current = ctx.path === item.path || ctx.path.startsWith(`${item.path}/`);
                    return (
                      <li class="usa-nav__primary-item">
                        <a
                          href={localizedPath(locale, item.path)}
                          class={current ? "usa-nav-link usa-current" : "usa-nav-link"}
                          aria-current={current ? "page" : undefined}
                        >
                          <span safe>{t(item.key)}</span>
                        </a>
                      </li>
                    );
                  })}
                </ul>
                {/* biome-ignore lint/a11y/useSemanticElements: USWDS styles the search form by its role=search */}
                <form
                  class="usa-search usa-search--small"
                  role="search"
                  aria-label={t("common.search.label")}
                  method="get"
                  action={localizedPath(locale, "/search")}
                >
                  <label class="usa-sr-only" for="site-search" safe>
                    {t("common.search.label")}
                  </label>
                  <input class="usa-input" id="site-search" type="search" name="q" />
                  <button class="usa-button" type="submit">
                    <img
                      src="/assets/uswds/img/usa-icons-bg/search--white.svg"
                      class="usa-search__submit-icon"
                      alt={t("common.search.submit")}
                    />
                  </button>
                </form>
              </nav>
            </div>
          </header>
          <main id="main-content" class="cfa-main" tabindex="-1">
            {children}
          </main>
          <footer class="usa-footer usa-footer--slim">
            <div class="usa-footer__primary-section">
              <div class="grid-container">
                <nav class="usa-footer__nav" aria-label={t("common.footer.label")}>
                  <ul class="grid-row grid-gap add-list-reset cfa-footer__links">
                    <li class="usa-footer__primary-content">
                      <a
                        class="usa-footer__primary-link"
                        href={localizedPath(locale, "/principles")}
                        safe
                      >
                        {t("common.footer.principles")}
                      </a>
                    </li>
                    <li class="usa-footer__primary-content">
                      <a
                        class="usa-footer__primary-link"
                        href={localizedPath(locale, "/accessibility")}
                        safe
                      >
                        {t("common.footer.accessibility")}
                      </a>
                    </li>
                    <li class="usa-footer__primary-content">
                      <a class="usa-footer__primary-link" href="/api/v1/openapi.json" safe>
                        {t("common.footer.api")}
                      </a>
                    </li>
                    <li class="usa-footer__primary-content">
                      {ctx.viewer ? (
                        <a
                          class="usa-footer__primary-link"
                          href={localizedPath(locale, "/account")}
                          safe
                        >
                          {t("common.footer.account")}
                        </a>
                      ) : (
                        <a
                          class="usa-footer__primary-link"
                          href={localizedPath(locale, "/account/sign-in")}
                          safe
                        >
                          {t("common.footer.sign_in")}
                        </a>
                      )}
                    </li>
                  </ul>
                </nav>
              </div>
            </div>
            <div class="usa-footer__secondary-section">
              <div class="grid-container">
                <p safe>{t("common.footer.about", { site: ctx.siteName })}</p>
              </div>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
