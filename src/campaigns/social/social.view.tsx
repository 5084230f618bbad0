// A social push's part of the campaign page: the messages to post (the viewer's language first,
// then the others, each marked with its language), each selectable, with its count and the link
// that opens the platform's composer; the form member staff report a post with; the posts
// reported (the member's own, or every one for coalition staff), and how many.
import { ErrorSummary, SelectField, TextField } from "../../views/form.js";
import type { PageContext } from "../../views/page-context.js";
import { languageName } from "../campaign.view.js";
import { PLATFORM_INFO, PLATFORMS, type Platform } from "./platforms.js";
import { POST_URL_MAX } from "./social.schema.js";

export interface ShownMessage {
  platform: Platform;
  locale: string;
  body: string;
  count: number;
  limit: number;
  /** The composer's address, or null where the platform has none. */
  share: string | null;
}

export interface ShownPost {
  platform: Platform;
  url: string;
  /** The member that reported it (shown to coalition staff). */
  jurisdiction?: string;
}

export interface SocialPanelProps {
  ctx: PageContext;
  actionId: string;
  /** The action's address in the page's language. */
  actionPath: string;
  csrfToken: string;
  /** By language, the viewer's first. */
  messages: { locale: string; messages: ShownMessage[] }[];
  /** The report form, when the viewer may report now: its values and refusals. */
  reportForm?: { values: Record<string, string>; errors: Record<string, string> };
  /** The jurisdiction the viewer acts for, if any. */
  acting: { id: string; name: string } | null;
  /** The posts the viewer sees: the member's own, or all for staff. */
  posts: ShownPost[];
  /** Whether `posts` is every member's (staff). */
  allPosts: boolean;
  postCount: number;
}

const short = (id: string) => id.slice(0, 8);

/** One message: its text to select or copy, its count, and its platform's share link. */
export function Message({
  ctx,
  actionId,
  m,
}: {
  ctx: PageContext;
  /** Makes the field's id unique on the page (an action's, or a resource's id). */
  actionId: string;
  m: ShownMessage;
}) {
  const { t } = ctx;
  const name = PLATFORM_INFO[m.platform].name;
  const id = `social-${short(actionId)}-${m.platform}-${m.locale.toLowerCase()}`;
  const lang = m.locale === ctx.locale.tag ? undefined : m.locale;
  return (
    <div class="cfa-social-message">
      <label class="usa-label" for={id} safe>
        {t("campaign-social.panel.message", { platform: name })}
      </label>
      <textarea
        class="usa-textarea cfa-social-text"
        id={id}
        readonly
        lang={lang}
        aria-describedby={`${id}-count`}
        safe
      >
        {m.body}
      </textarea>
      <p class="usa-hint cfa-social-count" id={`${id}-count`} safe>
        {t("campaign-social.count", { count: m.count, limit: m.limit })}
      </p>
      {/* Shown by site.js where the browser can write to the clipboard. */}
      <p class="cfa-social-copy" hidden>
        <button class="usa-button usa-button--outline" type="button" data-copy={id} safe>
          {t("campaign-social.panel.copy")}
        </button>
        <span
          class="cfa-social-copied"
          aria-live="polite"
          data-copied={t("campaign-social.panel.copied")}
        ></span>
      </p>
      {m.share ? (
        <p>
          <a class="usa-button usa-button--outline cfa-social-share" href={m.share} safe>
            {t("campaign-social.panel.share", { platform: name })}
          </a>
          <span class="usa-hint cfa-social-share-hint" safe>
            {t("campaign-social.panel.share_hint", { platform: name })}
          </span>
        </p>
      ) : (
        <p class="usa-hint" safe>
          {t("campaign-social.panel.no_share", { platform: name })}
        </p>
      )}
    </div>
  );
}

function ReportForm(props: SocialPanelProps & { acting: { id: string; name: string } }) {
  const { ctx, actionId, acting } = props;
  const { t } = ctx;
  const { values, errors } = props.reportForm ?? { values: {}, errors: {} };
  const fieldId = (name: string) => `report-${short(actionId)}-${name}`;
  return (
    <div class="cfa-social-report">
      <h4 safe>{t("campaign-social.report.heading")}</h4>
      <p safe>{t("campaign-social.report.intro", { jurisdiction: acting.name })}</p>
      <ErrorSummary
        heading={t("campaigns.form.error.summary_heading")}
        errors={Object.entries(errors).map(([name, message]) => ({ id: fieldId(name), message }))}
      />
      <form class="usa-form" method="post" action={`${props.actionPath}/report`}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="jurisdiction" value={acting.id} />
        <SelectField
          id={fieldId("platform")}
          name="platform"
          label={t("campaign-social.report.platform")}
          value={values.platform ?? ""}
          emptyLabel=""
          options={PLATFORMS.map((p) => ({ value: p, label: PLATFORM_INFO[p].name }))}
          error={errors.platform}
        />
        <TextField
          id={fieldId("url")}
          name="url"
          type="url"
          label={t("campaign-social.report.url")}
          hint={t("campaign-social.report.url_hint")}
          value={values.url ?? ""}
          maxlength={POST_URL_MAX}
          autocomplete="off"
          verbatim
          error={errors.url}
        />
        <button class="usa-button" type="submit" safe>
          {t("campaign-social.report.submit")}
        </button>
      </form>
    </div>
  );
}

function Posts({
  ctx,
  posts,
  all,
  acting,
}: {
  ctx: PageContext;
  posts: ShownPost[];
  all: boolean;
  acting: { name: string } | null;
}) {
  const { t } = ctx;
  if (posts.length === 0) return "";
  const heading = all
    ? t("campaign-social.posts.all")
    : t("campaign-social.posts.own", { jurisdiction: acting?.name ?? "" });
  return (
    <details class="cfa-social-posts" open={!all}>
      <summary safe>{heading}</summary>
      <ul class="usa-list">
        {posts.map((p) => (
          <li>
            <span safe>
              {p.jurisdiction
                ? t("campaign-social.posts.item", {
                    platform: PLATFORM_INFO[p.platform].name,
                    jurisdiction: p.jurisdiction,
                  })
                : PLATFORM_INFO[p.platform].name}
            </span>
            {": "}
            <a class="cfa-social-post-url" href={p.url} rel="nofollow noopener" safe>
              {p.url}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function SocialPanel(props: SocialPanelProps) {
  const { ctx, actionId } = props;
  const { t } = ctx;
  return (
    <div class="cfa-social">
      <p class="cfa-count" safe>
        {t("campaign-social.posts.count", { count: props.postCount })}
      </p>
      <h4 safe>{t("campaign-social.panel.heading")}</h4>
      {props.messages.length === 0 ? <p safe>{t("campaign-social.panel.none")}</p> : ""}
      {props.messages.map((group, i) => {
        const inner = group.messages.map((m) => <Message ctx={ctx} actionId={actionId} m={m} />);
        // The first language (the viewer's, or English when there is none in it) is open.
        if (i === 0) {
          return <div class="cfa-social-language">{inner}</div>;
        }
        return (
          <details class="cfa-social-language">
            <summary safe>
              {t("campaign-social.panel.other_language", {
                language: t(languageName(group.locale)),
              })}
            </summary>
            {inner}
          </details>
        );
      })}
      {props.acting && props.reportForm ? <ReportForm {...props} acting={props.acting} /> : ""}
      <Posts ctx={ctx} posts={props.posts} all={props.allPosts} acting={props.acting} />
    </div>
  );
}
