// A member's comment page: the rule, where the comment stands, the text with its counter and
// autosave (public/site.js; a Save button without JavaScript), how much of it is the member's
// own (the meter, shared passages marked), sign-off, filing, and the saved versions.
import { localizedPath } from "../../i18n/index.js";
import type { FederalRule } from "../../rules/index.js";
import { ErrorSummary, SelectField, TextArea } from "../../views/form.js";
import { languageName } from "../../views/language-name.js";
import { Layout } from "../../views/layout.js";
import { Notice } from "../../views/notice.js";
import type { PageContext } from "../../views/page-context.js";
import { Filing, SignOff } from "./comment.forms.view.js";
import type { DraftFacts, Refused } from "./comment.page.js";
import { CommentState, RuleFacts, when } from "./comment.parts.view.js";
import { COMMENT_MAX } from "./comment.schema.js";
import type { Meter } from "./meter/index.js";
import { OWN_SHARE_TARGET } from "./meter/index.js";

export interface CommentPageProps {
  ctx: PageContext;
  csrfToken: string;
  campaign: { slug: string; title: string };
  actionTitle: string;
  actionPath: string;
  member: { id: string; name: string };
  rule: FederalRule;
  /** The campaign is open: the comment may change, be approved and filed. */
  open: boolean;
  draft?: DraftFacts;
  /** The text shown in the box. */
  body: string;
  locale: string;
  version: string;
  templateBody?: string;
  /** What Regulations.gov would refuse in this text, said for the reader. */
  problems: string[];
  meter?: Meter;
  versions: { version: number; body: string; savedByName: string; savedAt: string }[];
  mayApprove: boolean;
  mayNameApprover: boolean;
  staff: { id: string; name: string; role: string }[];
  canFileByApi: boolean;
  refused?: Refused;
  notice?: string;
}

const LANGUAGES = ["en", "es", "zh-Hans"] as const;

function MeterPart({ ctx, meter, body }: { ctx: PageContext; meter: Meter; body: string }) {
  const { t } = ctx;
  const met = meter.ownShare >= OWN_SHARE_TARGET;
  const pieces: JSX.Element[] = [];
  let at = 0;
  for (const p of meter.passages) {
    if (p.start > at) pieces.push(<span safe>{body.slice(at, p.start)}</span>);
    pieces.push(
      <mark
        class={p.source === "template" ? "cfa-shared cfa-shared--template" : "cfa-shared"}
        title={
          p.source === "template"
            ? t("campaign-comments.meter.from_template")
            : t("campaign-comments.meter.from_others", { count: p.drafts })
        }
        safe
      >
        {body.slice(p.start, p.end)}
      </mark>,
    );
    at = p.end;
  }
  if (at < body.length) pieces.push(<span safe>{body.slice(at)}</span>);
  return (
    <section class="cfa-meter" aria-labelledby="meter-heading">
      <h2 id="meter-heading" safe>
        {t("campaign-comments.meter.heading")}
      </h2>
      <p class="cfa-meter__share" safe>
        {t("campaign-comments.meter.share", {
          share: meter.ownShare,
          own: meter.ownWords,
          words: meter.words,
        })}
      </p>
      <meter
        min="0"
        max="1"
        low={String(OWN_SHARE_TARGET)}
        optimum="1"
        value={String(meter.ownShare)}
        aria-labelledby="meter-heading"
      />
      <p safe>
        {t(met ? "campaign-comments.meter.goal_met" : "campaign-comments.meter.goal_not_met")}
      </p>
      {meter.passages.length > 0 ? (
        <details>
          <summary safe>
            {t("campaign-comments.meter.marked", { count: meter.passages.length })}
          </summary>
          <p class="usa-hint" safe>
            {t("campaign-comments.meter.legend")}
          </p>
          <div class="cfa-comment-marked">{pieces}</div>
        </details>
      ) : (
        ""
      )}
    </section>
  );
}

export function CommentPage(props: CommentPageProps) {
  const { ctx, csrfToken, member, rule, draft, open, refused } = props;
  const { t, locale } = ctx;
  const path = (suffix: string) => localizedPath(locale, `${props.actionPath}/comment${suffix}`);
  const heading = t("campaign-comments.page.heading", { member: member.name });
  const errors = refused
    ? Object.entries(refused.errors).map(([id, message]) => ({ id: `comment-${id}`, message }))
    : [];
  const filed = draft?.filing === "filed";
  const busy =
    draft?.filing === "queued" || draft?.filing === "sending" || draft?.filing === "unclear";
  const editable = open && !filed && !busy;
  const hidden = (
    <>
      <input type="hidden" name="_csrf" value={csrfToken} />
      <input type="hidden" name="jurisdiction" value={member.id} />
    </>
  );
  return (
    <Layout ctx={ctx} title={heading} noindex>
      <div class="grid-container usa-section">
        <nav class="usa-breadcrumb" aria-label={t("admin.breadcrumb")}>
          <ol class="usa-breadcrumb__list">
            <li class="usa-breadcrumb__list-item">
              <a class="usa-breadcrumb__link" href={localizedPath(locale, "/campaigns")} safe>
                {t("campaigns.list.title")}
              </a>
            </li>
            <li class="usa-breadcrumb__list-item">
              <a
                class="usa-breadcrumb__link"
                href={localizedPath(locale, `/campaigns/${props.campaign.slug}`)}
                safe
              >
                {props.campaign.title}
              </a>
            </li>
            <li class="usa-breadcrumb__list-item usa-current" aria-current="page" safe>
              {t("campaign-comments.page.crumb")}
            </li>
          </ol>
        </nav>
        <h1 safe>{heading}</h1>
        {props.notice ? <Notice kind="success" text={props.notice} /> : ""}
        <ErrorSummary heading={t("campaign-comments.error_heading")} errors={errors} />
        <RuleFacts ctx={ctx} rule={rule} />
        <CommentState ctx={ctx} draft={draft} member={member.name} />

        {editable ? (
          <form
            class="usa-form usa-form--large cfa-comment-form"
            method="post"
            action={path("")}
            data-autosave={path("")}
            data-saved={t("campaign-comments.form.saved")}
            data-saving={t("campaign-comments.form.saving")}
            data-failed={t("campaign-comments.form.not_saved")}
          >
            {hidden}
            <input type="hidden" name="version" value={props.version} />
            <SelectField
              id="comment-locale"
              name="locale"
              label={t("campaign-comments.form.locale")}
              value={props.locale}
              options={LANGUAGES.map((tag) => ({ value: tag, label: t(languageName(tag)) }))}
            />
            <TextArea
              id="comment-body"
              name="body"
              label={t("campaign-comments.form.body")}
              hint={t("campaign-comments.form.body_hint", { limit: COMMENT_MAX })}
              value={props.body}
              // Longer than the limit on purpose: a pasted text is kept whole and refused with a
              // message, never cut off silently by the browser.
              maxlength={COMMENT_MAX * 4}
              lang={props.locale === locale.tag ? undefined : props.locale}
              error={refused?.form === "draft" ? refused.errors.body : undefined}
            />
            <p
              class="usa-hint"
              id="comment-count"
              data-template={t("campaign-comments.form.count_live", {
                count: "%COUNT%",
                limit: COMMENT_MAX,
              })}
              safe
            >
              {t("campaign-comments.form.count", {
                count: [...props.body].length,
                limit: COMMENT_MAX,
              })}
            </p>
            {props.problems.length > 0 ? (
              <ul class="usa-list cfa-problems">
                {props.problems.map((p) => (
                  <li safe>{p}</li>
                ))}
              </ul>
            ) : (
              ""
            )}
            <p class="cfa-autosave-status" role="status" aria-live="polite"></p>
            <button class="usa-button" type="submit" safe>
              {t("campaign-comments.form.save")}
            </button>
          </form>
        ) : (
          <section aria-labelledby="text-heading">
            <h2 id="text-heading" safe>
              {t("campaign-comments.form.body")}
            </h2>
            <pre
              class="cfa-comment-text"
              lang={props.locale === locale.tag ? undefined : props.locale}
              safe
            >
              {props.body}
            </pre>
            {open ? "" : <p safe>{t("campaign-comments.closed")}</p>}
          </section>
        )}
        <p>
          <a class="usa-link" href={path("/letter.pdf")} safe>
            {t("campaign-comments.pdf.link")}
          </a>
        </p>

        {props.meter ? <MeterPart ctx={ctx} meter={props.meter} body={props.body} /> : ""}

        {props.templateBody !== undefined ? (
          <details class="cfa-template">
            <summary safe>
              {t("campaign-comments.template.heading", { member: member.name })}
            </summary>
            <pre class="cfa-comment-text" safe>
              {props.templateBody}
            </pre>
          </details>
        ) : (
          ""
        )}

        <SignOff {...props} hidden={hidden} path={path} />
        <Filing {...props} hidden={hidden} path={path} />

        <section aria-labelledby="history-heading">
          <h2 id="history-heading" safe>
            {t("campaign-comments.history.heading")}
          </h2>
          {props.versions.length === 0 ? (
            <p safe>{t("campaign-comments.history.none")}</p>
          ) : (
            <ol class="usa-list usa-list--unstyled cfa-history">
              {props.versions.map((v) => (
                <li>
                  <details>
                    <summary safe>
                      {t("campaign-comments.history.item", {
                        version: v.version,
                        name: v.savedByName || t("campaign-comments.someone"),
                        when: when(ctx, v.savedAt),
                      })}
                    </summary>
                    <pre class="cfa-comment-text" safe>
                      {v.body}
                    </pre>
                  </details>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </Layout>
  );
}
