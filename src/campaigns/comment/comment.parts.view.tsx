// Pieces of the comment pages: the rule's facts, where a member's comment stands, and times.
import { commentPageUrl, daysLeft, type FederalRule } from "../../rules/index.js";
import type { PageContext } from "../../views/page-context.js";
import type { DraftFacts } from "./comment.page.js";

/** A moment in the reader's language, in Washington's time (comment deadlines are kept there). */
export function when(ctx: PageContext, iso: string | null): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat(ctx.locale.intl, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone: "America/New_York",
    timeZoneName: "short",
  }).format(new Date(iso));
}

/** A day (YYYY-MM-DD) in the reader's language. */
export function day(locale: string, date: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

export function RuleFacts({ ctx, rule }: { ctx: PageContext; rule: FederalRule }) {
  const { t } = ctx;
  const left = rule.commentsCloseOn ? daysLeft(rule.commentsCloseOn, new Date()) : undefined;
  const english = ctx.locale.tag === "en" ? undefined : "en";
  const commentUrl = commentPageUrl(rule);
  return (
    <div class="usa-summary-box cfa-rule-facts">
      <div class="usa-summary-box__body">
        <p class="usa-summary-box__heading" safe>
          {t("campaign-comments.rule.heading")}
        </p>
        <p class="cfa-rule-title">
          <span lang={english} safe>
            {rule.title}
          </span>
          {rule.isDemo ? (
            <strong class="usa-tag cfa-demo-tag" safe>
              {t("common.demo.label")}
            </strong>
          ) : (
            ""
          )}
        </p>
        <ul class="usa-list usa-list--unstyled">
          <li safe>{t("campaign-comments.rule.document", { number: rule.documentNumber })}</li>
          {rule.docketIds.length > 0 ? (
            <li safe>
              {t("campaign-comments.rule.docket", { docket: rule.docketIds.join(", ") })}
            </li>
          ) : (
            ""
          )}
          {rule.commentsCloseOn ? (
            <li>
              <span safe>
                {t("campaign-comments.rule.closes", {
                  date: day(ctx.locale.intl, rule.commentsCloseOn),
                })}
              </span>{" "}
              <strong safe>
                {left !== undefined && left >= 0
                  ? t("campaign-comments.rule.days_left", { days: left })
                  : t("campaign-comments.rule.closed")}
              </strong>
            </li>
          ) : (
            ""
          )}
          {rule.withdrawnAt ? <li safe>{t("campaign-comments.rule.withdrawn")}</li> : ""}
        </ul>
        <p>
          {rule.htmlUrl ? (
            <a class="usa-link" href={rule.htmlUrl} safe>
              {t("campaign-comments.rule.fr_link")}
            </a>
          ) : (
            ""
          )}
          {commentUrl ? " · " : ""}
          {commentUrl ? (
            <a class="usa-link" href={commentUrl} safe>
              {t("campaign-comments.rule.comment_link")}
            </a>
          ) : (
            ""
          )}
        </p>
      </div>
    </div>
  );
}

/** Where the member's comment stands, in one or two sentences. */
export function CommentState({
  ctx,
  draft,
  member,
}: {
  ctx: PageContext;
  draft: DraftFacts | undefined;
  member: string;
}) {
  const { t } = ctx;
  const lines: string[] = [];
  if (!draft) {
    lines.push(t("campaign-comments.status.none", { member }));
  } else {
    lines.push(
      t("campaign-comments.status.draft", {
        version: draft.version,
        when: when(ctx, draft.updatedAt),
      }),
    );
    if (draft.approved) {
      lines.push(
        t("campaign-comments.status.approved", {
          name: draft.approvedBy || t("campaign-comments.someone"),
          when: when(ctx, draft.approvedAt),
          version: draft.version,
        }),
      );
    } else if (draft.approvedVersion !== null) {
      lines.push(t("campaign-comments.status.changed", { version: draft.approvedVersion }));
    } else {
      lines.push(t("campaign-comments.status.unapproved"));
    }
    if (draft.filing === "queued") lines.push(t("campaign-comments.status.queued"));
    if (draft.filing === "sending") lines.push(t("campaign-comments.status.sending"));
    if (draft.filing === "unclear") {
      lines.push(t("campaign-comments.status.unclear", { error: draft.filingError ?? "" }));
    }
    if (draft.filing === "refused") {
      lines.push(t("campaign-comments.status.refused", { error: draft.filingError ?? "" }));
    }
    if (draft.filing === "filed") {
      lines.push(
        t("campaign-comments.status.filed", {
          when: when(ctx, draft.filedAt),
          number: draft.trackingNumber ?? "",
          name: draft.filedBy || t("campaign-comments.someone"),
          via: draft.filedVia ?? "self",
        }),
      );
    }
  }
  const kind =
    draft?.filing === "filed"
      ? "success"
      : draft?.filing === "unclear" || draft?.filing === "refused"
        ? "warning"
        : "info";
  return (
    <div class={`usa-alert usa-alert--${kind} usa-alert--slim cfa-comment-state`}>
      <div class="usa-alert__body">
        {lines.map((line) => (
          <p class="usa-alert__text" safe>
            {line}
          </p>
        ))}
      </div>
    </div>
  );
}
