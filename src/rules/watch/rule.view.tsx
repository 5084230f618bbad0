// /rules/:documentNumber: one rule with its summary, dockets, RINs, citation, dates and links.
import { localizedPath } from "../../i18n/index.js";
import { DemoNotice } from "../../views/demo-notice.js";
import { Layout } from "../../views/layout.js";
import type { PageContext } from "../../views/page-context.js";
import type { FederalRule } from "../rules.queries.js";
import { agencyNames, Day, DemoTag, dataLang, RuleLinks, TimeLeft } from "./rule.parts.js";

function Fact({ label, children }: { label: string; children: JSX.Element | string }) {
  return (
    <>
      <dt safe>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function TextList({ ctx, items }: { ctx: PageContext; items: string[] }) {
  if (!items.length) return <span safe>{ctx.t("rules.detail.none")}</span>;
  return (
    <ul class="usa-list usa-list--unstyled" lang={dataLang(ctx)}>
      {items.map((item) => (
        <li safe>{item}</li>
      ))}
    </ul>
  );
}

export function RulePage({
  ctx,
  rule,
  daysLeft,
}: {
  ctx: PageContext;
  rule: FederalRule;
  daysLeft: number | null;
}) {
  const { t, locale } = ctx;
  const lang = dataLang(ctx);
  const open = rule.withdrawnAt === null && (daysLeft === null || daysLeft >= 0);
  return (
    <Layout ctx={ctx} title={rule.title}>
      <div class="grid-container usa-section">
        <p>
          <a href={localizedPath(locale, "/rules")} safe>
            {t("rules.detail.back")}
          </a>
        </p>
        <h1 lang={lang} safe>
          {rule.title}
        </h1>
        <p>
          <DemoTag ctx={ctx} rule={rule} /> <TimeLeft ctx={ctx} rule={rule} daysLeft={daysLeft} />
        </p>
        {rule.isDemo ? <DemoNotice ctx={ctx} text={t("rules.demo_notice")} /> : ""}
        {rule.withdrawnAt ? (
          <p>
            <strong safe>{t("rules.detail.withdrawn")}</strong>
          </p>
        ) : (
          ""
        )}
        {rule.watched ? "" : <p safe>{t("rules.detail.not_watched")}</p>}
        <RuleLinks ctx={ctx} rule={rule} open={open} />
        {rule.abstract ? (
          <>
            <h2 safe>{t("rules.detail.abstract")}</h2>
            <p lang={lang} safe>
              {rule.abstract}
            </p>
          </>
        ) : (
          ""
        )}
        <h2 safe>{t("rules.detail.facts")}</h2>
        <dl class="cfa-rule-facts">
          <Fact label={t("rules.detail.number")}>
            <span safe>{rule.documentNumber}</span>
          </Fact>
          <Fact label={t("rules.detail.type")}>
            <span lang={lang} safe>
              {rule.action ? `${rule.type} (${rule.action})` : rule.type}
            </span>
          </Fact>
          <Fact label={t("rules.detail.agencies")}>
            <span lang={lang} safe>
              {agencyNames(rule)}
            </span>
          </Fact>
          <Fact label={t("rules.detail.published")}>
            <Day ctx={ctx} day={rule.publicationDate} />
          </Fact>
          <Fact label={t("rules.detail.deadline")}>
            {rule.commentsCloseOn ? (
              <Day ctx={ctx} day={rule.commentsCloseOn} />
            ) : (
              <span safe>{t("rules.no_deadline")}</span>
            )}
          </Fact>
          <Fact label={t("rules.detail.citation")}>
            <span safe>{rule.citation ?? t("rules.detail.none")}</span>
          </Fact>
          <Fact label={t("rules.detail.dockets")}>
            <TextList ctx={ctx} items={rule.docketIds} />
          </Fact>
          <Fact label={t("rules.detail.rins")}>
            <TextList ctx={ctx} items={rule.rins} />
          </Fact>
        </dl>
        {rule.commentsCount !== null ? (
          <p safe>{t("rules.detail.comments_count", { count: rule.commentsCount })}</p>
        ) : (
          ""
        )}
        {rule.pdfUrl ? (
          <p>
            <a class="usa-link usa-link--external" rel="noreferrer" href={rule.pdfUrl} safe>
              {t("rules.pdf_link")}
            </a>
          </p>
        ) : (
          ""
        )}
        <p safe>{t("rules.deadline_note")}</p>
      </div>
    </Layout>
  );
}
