// The parts of an item's page that depend on its kind: a video's player (loaded on request), a
// document's named page ranges, a social set's messages, a report's case studies, the members
// an item features, and the languages it has and lacks.
import { type ShownMessage, SocialMessage } from "../../campaigns/index.js";
import { LOCALES, localizedPath } from "../../i18n/index.js";
import type { PageContext } from "../../views/page-context.js";
import { richMessage, Shown } from "../../views/shown.js";
import type { FeaturedMember } from "../library.service.js";
import type { SectionRow } from "../resources.queries.js";
import { FallbackNotice, languageLabel, listLabel, passageLang } from "../resources.view.js";
import type { Embed } from "./video.js";

/** A video: "coming soon", a link to its host, or a play link that loads the host's player. */
export function VideoPlayer({
  ctx,
  title,
  videoUrl,
  embed,
  play,
  playHref,
}: {
  ctx: PageContext;
  title: string;
  videoUrl: string | null;
  embed: Embed | undefined;
  play: boolean;
  playHref: string;
}) {
  const { t } = ctx;
  if (!videoUrl) {
    return (
      <p class="cfa-video cfa-video--soon" id="video" safe>
        {t("resources.video.soon")}
      </p>
    );
  }
  if (!embed) {
    return (
      <p class="cfa-video" id="video">
        <a class="usa-button" href={videoUrl} rel="external noopener" safe>
          {t("resources.video.watch_elsewhere")}
        </a>
      </p>
    );
  }
  if (play) {
    return (
      <div class="cfa-video" id="video">
        <iframe
          class="cfa-video__frame"
          src={embed.src}
          title={t("resources.video.frame", { title })}
          allow="autoplay; fullscreen; picture-in-picture"
          allowfullscreen
          referrerpolicy="strict-origin-when-cross-origin"
        ></iframe>
      </div>
    );
  }
  return (
    <div class="cfa-video cfa-video--waiting" id="video">
      <p>
        <a class="usa-button cfa-video__play" href={playHref} safe>
          {t("resources.video.play", { host: embed.host })}
        </a>
      </p>
      <p class="usa-hint" safe>
        {t("resources.video.privacy", { host: embed.host })}
      </p>
      <p>
        <a href={videoUrl} rel="external noopener" safe>
          {t("resources.video.watch_at", { host: embed.host })}
        </a>
      </p>
    </div>
  );
}

/** "Social media messages and graphics: pages 22-24", in the sections' language. */
export function Sections({
  ctx,
  sections,
  fallback,
}: {
  ctx: PageContext;
  sections: SectionRow[];
  fallback: boolean;
}) {
  const { t } = ctx;
  if (sections.length === 0) return "";
  const locale = sections[0]?.locale ?? ctx.locale.tag;
  return (
    <section class="cfa-resource-sections" aria-labelledby="sections-heading">
      <h2 id="sections-heading" safe>
        {t("resources.sections.heading")}
      </h2>
      {fallback ? <FallbackNotice ctx={ctx} locale={locale} /> : ""}
      <ul class="usa-list">
        {sections.map((s) => {
          const title = (
            <span {...passageLang(ctx, s.locale)} safe>
              {s.title}
            </span>
          );
          return (
            <li>
              {s.first_page === s.last_page
                ? richMessage((v) => t("resources.sections.page", { ...v, page: s.first_page }), {
                    title,
                  })
                : richMessage(
                    (v) =>
                      t("resources.sections.pages", {
                        ...v,
                        first: s.first_page,
                        last: s.last_page,
                      }),
                    { title },
                  )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** A social set's messages in the reader's language (or a labelled fallback), ready to post. */
export function Messages({
  ctx,
  resourceId,
  locale,
  fallback,
  messages,
}: {
  ctx: PageContext;
  resourceId: string;
  locale: string;
  fallback: boolean;
  messages: ShownMessage[];
}) {
  const { t } = ctx;
  return (
    <section class="cfa-social" aria-labelledby="messages-heading">
      <h2 id="messages-heading" safe>
        {t("resources.messages.heading")}
      </h2>
      {messages.length === 0 ? (
        <p safe>{t("resources.messages.none")}</p>
      ) : (
        <>
          {fallback ? <FallbackNotice ctx={ctx} locale={locale} /> : ""}
          <p class="usa-hint" safe>
            {t("resources.messages.hint")}
          </p>
          {messages.map((m) => (
            <SocialMessage ctx={ctx} actionId={resourceId} m={m} />
          ))}
        </>
      )}
    </section>
  );
}

/** The members an item features, each linked to its profile (names as the roster has them). */
export function FeaturedMembers({ ctx, members }: { ctx: PageContext; members: FeaturedMember[] }) {
  if (members.length === 0) return "";
  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading" safe>
        {ctx.t("resources.item.members")}
      </h2>
      <ul class="usa-list">
        {members.map((m) => (
          <li>
            <a href={localizedPath(ctx.locale, `/members/${m.slug}`)}>
              <Shown ctx={ctx} value={{ text: m.name, english: true }} />
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The languages the item has (each site language linked) and, plainly, those it lacks. */
export function Languages({
  ctx,
  slug,
  languages,
}: {
  ctx: PageContext;
  slug: string;
  languages: string[];
}) {
  const { t } = ctx;
  const lacking = LOCALES.filter((l) => !languages.includes(l.tag));
  return (
    <section class="cfa-resource-languages" aria-labelledby="languages-heading">
      <h2 id="languages-heading" safe>
        {t("resources.languages.heading")}
      </h2>
      <ul class="usa-list">
        {languages.map((tag) => {
          const site = LOCALES.find((l) => l.tag === tag);
          const name = languageLabel(ctx, tag);
          if (!site || site.tag === ctx.locale.tag) return <li safe>{name}</li>;
          return (
            <li>
              <a href={localizedPath(site, `/resources/${slug}`)} hreflang={site.tag} safe>
                {name}
              </a>
            </li>
          );
        })}
      </ul>
      {lacking.length ? (
        <p class="cfa-resource-lacking" safe>
          {t("resources.languages.lacking", {
            languages: listLabel(
              ctx,
              lacking.map((l) => languageLabel(ctx, l.tag)),
            ),
          })}
        </p>
      ) : (
        <p safe>{t("resources.languages.all")}</p>
      )}
    </section>
  );
}
