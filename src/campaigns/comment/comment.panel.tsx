// The comment action's part of the campaign page: the rule and its deadline, the way for anyone
// to comment on it themselves, the comments members filed (with tracking numbers, when the
// campaign shows who took part) against the docket's own count, and for a member's staff the way
// to their comment and where it stands.
import { localizedPath } from "../../i18n/index.js";
import { jurisdictionsByIds, placeName } from "../../members/index.js";
import { commentPageUrl, ruleById } from "../../rules/index.js";
import type { Panel } from "../public/panel.js";
import { RuleFacts, when } from "./comment.parts.view.js";
import { commentActionRule, draftsOf } from "./comment.queries.js";
import { isApproved } from "./comment.service.js";

export const commentPanel: Panel = async (panel) => {
  const { ctx, action, campaign, viewer, shown, db } = panel;
  const { t } = ctx;
  const ruleId = await commentActionRule(db, action.id);
  const rule = ruleId ? await ruleById(db, ruleId) : undefined;
  if (!rule) {
    return (
      <p class="cfa-not-yet" safe>
        {t("campaign-comments.panel.no_rule")}
      </p>
    );
  }
  const commentUrl = commentPageUrl(rule);
  const drafts = await draftsOf(db, action.id);
  const filed = drafts.filter((d) => d.filing === "filed");
  const places = new Map(
    (
      await jurisdictionsByIds(
        db,
        filed.map((d) => d.jurisdiction_id),
      )
    ).map((j) => [j.id, j]),
  );
  const acting = viewer?.jurisdiction ?? null;
  const own = acting ? drafts.find((d) => d.jurisdiction_id === acting.jurisdictionId) : undefined;
  const showList = campaign.signatories_public === 1 || panel.staff;
  const english = ctx.locale.tag === "en" ? undefined : "en";
  const ownState = !own
    ? "none"
    : own.filing === "filed"
      ? "filed"
      : own.filing
        ? own.filing
        : isApproved(own)
          ? "approved"
          : "draft";
  return (
    <div class="cfa-comment-panel">
      <RuleFacts ctx={ctx} rule={rule} />
      {acting && (shown === "open" || own) ? (
        <p>
          <a
            class="usa-button"
            href={localizedPath(ctx.locale, `${panel.actionPath}/comment`)}
            safe
          >
            {t(own ? "campaign-comments.panel.continue" : "campaign-comments.panel.write", {
              member: acting.name,
            })}
          </a>{" "}
          <span safe>
            {t(`campaign-comments.panel.state.${ownState}` as "campaign-comments.panel.state.none")}
          </span>
        </p>
      ) : (
        ""
      )}
      {commentUrl && !acting ? (
        <p>
          <span safe>{t("campaign-comments.panel.public")}</span>{" "}
          <a class="usa-link" href={commentUrl} safe>
            {t("campaign-comments.panel.public_link")}
          </a>
        </p>
      ) : (
        ""
      )}
      <p safe>{t("campaign-comments.panel.filed_count", { count: filed.length })}</p>
      {rule.commentsCount !== null ? (
        <p safe>{t("campaign-comments.panel.docket_count", { count: rule.commentsCount })}</p>
      ) : (
        ""
      )}
      {showList && filed.length > 0 ? (
        <table class="usa-table usa-table--borderless cfa-filed">
          <caption safe>{t("campaign-comments.panel.filed_heading")}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t("campaign-comments.panel.member")}
              </th>
              <th scope="col" safe>
                {t("campaign-comments.panel.filed_on")}
              </th>
              <th scope="col" safe>
                {t("campaign-comments.panel.tracking")}
              </th>
            </tr>
          </thead>
          <tbody>
            {filed.map((d) => {
              const place = places.get(d.jurisdiction_id);
              const name = place ? placeName(place.name, place.state) : d.jurisdiction_id;
              return (
                <tr>
                  <th scope="row" lang={english}>
                    <span safe>{name}</span>
                    {d.is_demo === 1 ? (
                      <span class="usa-tag cfa-demo-tag" lang={ctx.locale.tag} safe>
                        {t("campaigns.demo_tag")}
                      </span>
                    ) : (
                      ""
                    )}
                  </th>
                  <td safe>{when(ctx, d.filed_at)}</td>
                  <td>
                    <code safe>{d.tracking_number ?? ""}</code>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        ""
      )}
    </div>
  );
};
