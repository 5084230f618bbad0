import { formatNumber, localizedPath } from "../../i18n/index.js";
import { Layout } from "../../views/layout.js";
import type { PageContext } from "../../views/page-context.js";
import { richMessage } from "../../views/shown.js";
import { stateName, vintageName } from "../names.js";
import { Executive, RosterName, Source, Vintage } from "../names.view.js";
import type { MemberProfile } from "./member.service.js";
import type { Figure, MemberFigures } from "./member-figures.service.js";

function FigureRow({
  ctx,
  label,
  figure,
  share,
}: {
  ctx: PageContext;
  label: string;
  figure: Figure | undefined;
  share?: string | undefined;
}) {
  const { t, locale } = ctx;
  return (
    <div class="cfa-figure">
      <dt safe>{label}</dt>
      {figure ? (
        <dd>
          <span class="cfa-figure__value" safe>
            {formatNumber(locale, figure.value)}
          </span>
          {share ? (
            <span class="cfa-figure__share" safe>
              {share}
            </span>
          ) : (
            ""
          )}
          <span class="cfa-figure__source">
            <span>
              {richMessage((v) => t("members.profile.source", v), {
                vintage: <Vintage ctx={ctx} vintage={figure.vintage} />,
                source: <Source ctx={ctx} source={figure.source} />,
              })}
            </span>
            {figure.isEstimate ? <span safe>{` ${t("members.profile.estimate")}`}</span> : ""}
          </span>
        </dd>
      ) : (
        <dd safe>{t("members.profile.not_available")}</dd>
      )}
    </div>
  );
}

/**
 * The member's office for immigrant affairs, as the member wrote it (marked as English on other
 * languages' pages, like the executive: members write in English). Nothing said: one line.
 */
function Office({ ctx, office }: { ctx: PageContext; office: MemberProfile["office"] }) {
  const { t, locale } = ctx;
  const english = locale.tag === "en" ? undefined : "en";
  const rows: [string, JSX.Element][] = [];
  if (office.name) rows.push([t("members.profile.office_name"), <span safe>{office.name}</span>]);
  if (office.address)
    rows.push([
      t("members.profile.office_address"),
      <span class="cfa-prewrap" safe>
        {office.address}
      </span>,
    ]);
  if (office.phone)
    rows.push([
      t("members.profile.office_phone"),
      <a href={`tel:${office.phone.replace(/[^0-9+]/g, "")}`} safe>
        {office.phone}
      </a>,
    ]);
  if (office.email)
    rows.push([
      t("members.profile.office_email"),
      <a href={`mailto:${office.email}`} safe>
        {office.email}
      </a>,
    ]);
  if (office.languages)
    rows.push([t("members.profile.office_languages"), <span safe>{office.languages}</span>]);
  if (office.description)
    rows.push([
      t("members.profile.office_description"),
      <span class="cfa-prewrap" safe>
        {office.description}
      </span>,
    ]);
  return (
    <>
      <h2 safe>{t("members.profile.office")}</h2>
      {rows.length === 0 ? (
        <p safe>{t("members.profile.office_none")}</p>
      ) : (
        <dl class="cfa-facts">
          {rows.map(([label, value]) => (
            <div>
              <dt safe>{label}</dt>
              <dd lang={english}>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}

export function MemberPage({
  ctx,
  member,
  figures,
  sections = [],
}: {
  ctx: PageContext;
  member: MemberProfile;
  figures: MemberFigures;
  /** What other features add (members/directory/member.sections.ts), each rendered. */
  sections?: JSX.Element[];
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={member.name}>
      <div class="grid-container usa-section">
        <nav class="usa-breadcrumb" aria-label={t("members.title")}>
          <ol class="usa-breadcrumb__list">
            <li class="usa-breadcrumb__list-item">
              <a class="usa-breadcrumb__link" href={localizedPath(locale, "/members")} safe>
                {t("members.profile.back")}
              </a>
            </li>
            <li class="usa-breadcrumb__list-item usa-current" aria-current="page">
              <RosterName ctx={ctx} name={member.name} />
            </li>
          </ol>
        </nav>
        <h1>
          <RosterName ctx={ctx} name={member.name} />
        </h1>
        {member.isDemo ? (
          <p class="cfa-demo-tag">
            <strong class="usa-tag" safe>
              {t("common.demo.label")}
            </strong>
          </p>
        ) : (
          ""
        )}
        <dl class="cfa-facts">
          <div>
            <dt safe>{t("members.profile.kind")}</dt>
            <dd safe>{t(`members.kind.${member.kind}`)}</dd>
          </div>
          <div>
            <dt safe>{t("members.profile.state")}</dt>
            <dd safe>{stateName(t, member.state)}</dd>
          </div>
          <div>
            <dt safe>{t("members.profile.executive")}</dt>
            <dd>
              {member.executiveTitle || member.executiveName ? (
                <Executive ctx={ctx} title={member.executiveTitle} name={member.executiveName} />
              ) : (
                <span safe>{t("members.profile.executive_unknown")}</span>
              )}
            </dd>
          </div>
          <div>
            <dt safe>{t("members.profile.website")}</dt>
            <dd>
              {member.website && /^https?:\/\//i.test(member.website) ? (
                <a href={member.website} rel="external" safe>
                  {member.website}
                </a>
              ) : (
                <span safe>{t("members.profile.website_unknown")}</span>
              )}
            </dd>
          </div>
          <div>
            <dt safe>{t("members.profile.status")}</dt>
            <dd safe>{t(`members.profile.status.${member.status}`)}</dd>
          </div>
          <div>
            <dt safe>{t("members.profile.joined")}</dt>
            <dd safe>
              {member.joinedOn
                ? new Intl.DateTimeFormat(locale.intl, {
                    year: "numeric",
                    month: "long",
                    timeZone: "UTC",
                  }).format(new Date(`${member.joinedOn}T12:00:00Z`))
                : t("members.profile.joined_unknown")}
            </dd>
          </div>
          <div>
            <dt safe>{t("members.profile.geoid")}</dt>
            <dd safe>{member.geoid}</dd>
          </div>
        </dl>
        <Office ctx={ctx} office={member.office} />
        <h2 safe>{t("members.profile.figures")}</h2>
        <dl class="cfa-figures">
          <FigureRow
            ctx={ctx}
            label={t("members.profile.population")}
            figure={figures.population}
          />
          <FigureRow
            ctx={ctx}
            label={t("members.profile.foreign_born")}
            figure={figures.foreignBorn}
            share={
              figures.foreignBornShare
                ? t("members.profile.foreign_born_share", {
                    share: figures.foreignBornShare.value,
                    population: figures.foreignBornShare.population,
                    vintage: vintageName(t, figures.foreignBornShare.vintage).text,
                  })
                : undefined
            }
          />
          {figures.languageOtherThanEnglish || member.geoid.length === 5 ? (
            <FigureRow
              ctx={ctx}
              label={t("members.profile.language")}
              figure={figures.languageOtherThanEnglish}
            />
          ) : (
            <div class="cfa-figure">
              <dt safe>{t("members.profile.language")}</dt>
              <dd safe>{t("members.profile.language_unavailable")}</dd>
            </div>
          )}
        </dl>
        {sections}
        <h2 safe>{t("members.profile.campaigns")}</h2>
        <p safe>{t("members.profile.campaigns_none")}</p>
        <h2 safe>{t("members.profile.programs")}</h2>
        <p safe>{t("members.profile.programs_none")}</p>
      </div>
    </Layout>
  );
}
