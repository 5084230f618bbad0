// /resources/:slug: an item in the reader's language (or labelled in its fallback), then what
// its kind adds: a video's player and transcript, a document's partner and page ranges, a
// report's case studies or a case study's report, a social set's messages, the featured members,
// and the languages it has and lacks.
import type { ShownMessage } from "../../campaigns/index.js";
import { localizedPath } from "../../i18n/index.js";
import { Layout } from "../../views/layout.js";
import { Markdown } from "../../views/markdown.js";
import type { PageContext } from "../../views/page-context.js";
import type { ShownResource } from "../library.service.js";
import type { SectionRow } from "../resources.queries.js";
import {
  DemoTag,
  FallbackNotice,
  passageLang,
  ResourceCard,
  ResourceFacts,
  resourcePath,
} from "../resources.view.js";
import type { ShownFiles } from "./files.js";
import { Captions, Files } from "./files.parts.js";
import { FeaturedMembers, Languages, Messages, Sections, VideoPlayer } from "./item.parts.js";
import type { Embed } from "./video.js";

export interface ItemProps {
  ctx: PageContext;
  item: ShownResource;
  sections: { rows: SectionRow[]; fallback: boolean };
  messages?: { locale: string; fallback: boolean; list: ShownMessage[] };
  caseStudies: ShownResource[];
  report: ShownResource | undefined;
  video: { embed: Embed | undefined; play: boolean };
  files: ShownFiles;
}

export function ItemPage(props: ItemProps) {
  const { ctx, item } = props;
  const { t } = ctx;
  const { version } = item;
  const passage = passageLang(ctx, version.locale);
  const english = ctx.locale.tag === "en" ? undefined : "en";
  return (
    <Layout
      ctx={ctx}
      title={version.title}
      description={version.summary || t(`resources.type.${item.type}`)}
      ogType="article"
    >
      <div class="grid-container usa-section cfa-resource">
        <nav class="usa-breadcrumb" aria-label={t("resources.breadcrumb")}>
          <ol class="usa-breadcrumb__list">
            <li class="usa-breadcrumb__list-item">
              <a class="usa-breadcrumb__link" href={localizedPath(ctx.locale, "/resources")} safe>
                {t("resources.browse.title")}
              </a>
            </li>
            <li class="usa-breadcrumb__list-item usa-current" aria-current="page">
              <span {...passage} safe>
                {version.title}
              </span>
            </li>
          </ol>
        </nav>
        <p class="cfa-resource__kind" safe>
          {t(`resources.type.${item.type}`)}
        </p>
        <h1 {...passage} safe>
          {version.title}
        </h1>
        {item.fallback ? <FallbackNotice ctx={ctx} locale={version.locale} /> : ""}
        {item.isDemo ? (
          <p>
            <DemoTag ctx={ctx} />
          </p>
        ) : (
          ""
        )}
        {version.summary ? (
          <p class="usa-intro" {...passage} safe>
            {version.summary}
          </p>
        ) : (
          ""
        )}
        {item.partner ? (
          <p class="cfa-resource__partner">
            <span safe>{t("resources.item.partner")}</span>{" "}
            <strong lang={english} safe>
              {item.partner}
            </strong>
          </p>
        ) : (
          ""
        )}
        <ResourceFacts ctx={ctx} item={item} />
        {props.report ? (
          <p class="cfa-resource__report">
            <span safe>{t("resources.item.part_of")}</span>{" "}
            <a
              href={resourcePath(ctx, props.report.slug)}
              {...passageLang(ctx, props.report.version.locale)}
              safe
            >
              {props.report.version.title}
            </a>
          </p>
        ) : (
          ""
        )}
        {item.type === "video" ? (
          <section aria-labelledby="video-heading">
            <h2 id="video-heading" safe>
              {t("resources.video.heading")}
            </h2>
            <VideoPlayer
              ctx={ctx}
              title={version.title}
              videoUrl={item.videoUrl}
              embed={props.video.embed}
              play={props.video.play}
              playHref={`${resourcePath(ctx, item.slug)}?play=1#video`}
            />
            <Captions ctx={ctx} slug={item.slug} captions={props.files.captions} />
            {version.body ? (
              <>
                <h2 safe>{t("resources.video.transcript")}</h2>
                <Markdown ctx={ctx} body={version.body} locale={version.locale} />
              </>
            ) : (
              ""
            )}
          </section>
        ) : version.body ? (
          <Markdown ctx={ctx} body={version.body} locale={version.locale} />
        ) : (
          ""
        )}
        <Files ctx={ctx} slug={item.slug} files={props.files} />
        <Sections ctx={ctx} sections={props.sections.rows} fallback={props.sections.fallback} />
        {props.messages ? (
          <Messages
            ctx={ctx}
            resourceId={item.id}
            locale={props.messages.locale}
            fallback={props.messages.fallback}
            messages={props.messages.list}
          />
        ) : (
          ""
        )}
        {props.caseStudies.length ? (
          <section aria-labelledby="case-studies-heading">
            <h2 id="case-studies-heading" safe>
              {t("resources.item.case_studies")}
            </h2>
            <ul class="usa-list usa-list--unstyled cfa-resource-list">
              {props.caseStudies.map((c) => (
                <ResourceCard ctx={ctx} item={c} heading="h3" />
              ))}
            </ul>
          </section>
        ) : (
          ""
        )}
        <FeaturedMembers ctx={ctx} members={item.members} />
        <Languages ctx={ctx} slug={item.slug} languages={item.languages} />
      </div>
    </Layout>
  );
}
