// Staff's page for a social push's graphics: the upload form (a file and its alt text per
// language), then each graphic with its alt texts to correct and a button to delete it.
import { AdminBreadcrumb } from "../../http/admin-home.view.js";
import { LOCALES, localizedPath } from "../../i18n/index.js";
import { ErrorSummary, TextArea } from "../../views/form.js";
import { Layout } from "../../views/layout.js";
import { Notice } from "../../views/notice.js";
import type { PageContext } from "../../views/page-context.js";
import { languageName } from "../campaign.view.js";
import type { GraphicWithAlts } from "./graphics.queries.js";
import { ALT_MAX, altField } from "./graphics.schema.js";

/** A form's values and refusals, by field name. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export interface GraphicsPageProps {
  ctx: PageContext;
  campaign: { slug: string; title: string };
  actionId: string;
  csrfToken: string;
  graphics: GraphicWithAlts[];
  upload: FormState;
  /** A refused alt-text form, shown again at its graphic. */
  edit?: FormState & { graphicId: string };
  notice?: string;
}

export const FILE_FIELD_ID = "graphic-file";

/** The field's id: `new-alt-en` in the upload form, `graphic-1a2b3c4d-alt-en` at a graphic. */
export const altFieldId = (prefix: string, tag: string) => `${prefix}-alt-${tag.toLowerCase()}`;

const prefixOf = (graphicId: string) => `graphic-${graphicId.slice(0, 8)}`;

/** Where a graphic is served (the campaign's public address, whoever may see it). */
export const graphicPath = (slug: string, graphicId: string) =>
  `/campaigns/${slug}/graphics/${graphicId}`;

function AltFields({ ctx, prefix, state }: { ctx: PageContext; prefix: string; state: FormState }) {
  const { t } = ctx;
  return (
    <>
      {LOCALES.map((l) => (
        <TextArea
          id={altFieldId(prefix, l.tag)}
          name={altField(l.tag)}
          label={t("campaign-graphics.admin.alt", { language: t(languageName(l.tag)) })}
          hint={l.tag === "en" ? t("campaign-graphics.admin.alt_hint") : undefined}
          value={state.values[altField(l.tag)] ?? ""}
          error={state.errors[altField(l.tag)]}
          maxlength={ALT_MAX}
          lang={l.tag === ctx.locale.tag ? undefined : l.tag}
        />
      ))}
    </>
  );
}

export function GraphicsPage(props: GraphicsPageProps) {
  const { ctx, campaign, actionId, graphics, upload, edit } = props;
  const { t, locale } = ctx;
  const base = `/admin/campaigns/${campaign.slug}`;
  const actionPath = `${base}/actions/${actionId}`;
  const path = `${actionPath}/graphics`;
  const title = t("campaign-graphics.admin.title");
  const summary = [
    ...Object.entries(upload.errors).map(([name, message]) => ({
      id: name === "file" ? FILE_FIELD_ID : altFieldId("new", name.replace(/^alt_/, "")),
      message,
    })),
    ...Object.entries(edit?.errors ?? {}).map(([name, message]) => ({
      id: altFieldId(prefixOf(edit?.graphicId ?? ""), name.replace(/^alt_/, "")),
      message,
    })),
  ];
  const fileError = upload.errors.file;
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb
          ctx={ctx}
          current={title}
          trail={[
            { href: "/admin/campaigns", label: t("campaigns.admin.title") },
            { href: base, label: campaign.title },
            { href: `${actionPath}/messages`, label: t("campaign-graphics.admin.back") },
          ]}
        />
        <h1 safe>{title}</h1>
        {props.notice ? <Notice kind="success" text={props.notice} /> : ""}
        <ErrorSummary heading={t("campaigns.form.error.summary_heading")} errors={summary} />
        <p class="usa-intro" safe>
          {t("campaign-graphics.admin.intro")}
        </p>
        <form
          class="usa-form usa-form--large"
          method="post"
          enctype="multipart/form-data"
          action={localizedPath(locale, path)}
        >
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <fieldset class="usa-fieldset">
            <legend class="usa-legend usa-legend--large" safe>
              {t("campaign-graphics.admin.new")}
            </legend>
            <div class={fileError ? "usa-form-group usa-form-group--error" : "usa-form-group"}>
              <label
                class={fileError ? "usa-label usa-label--error" : "usa-label"}
                for={FILE_FIELD_ID}
                safe
              >
                {t("campaign-graphics.admin.file")}
              </label>
              <div class="usa-hint" id={`${FILE_FIELD_ID}-hint`} safe>
                {t("campaign-graphics.admin.file_hint")}
              </div>
              {fileError ? (
                <span class="usa-error-message" id={`${FILE_FIELD_ID}-error`} safe>
                  {fileError}
                </span>
              ) : (
                ""
              )}
              <input
                class="usa-input cfa-graphic-file"
                id={FILE_FIELD_ID}
                name="file"
                type="file"
                accept="image/png,image/jpeg,image/webp"
                required
                aria-describedby={
                  fileError
                    ? `${FILE_FIELD_ID}-hint ${FILE_FIELD_ID}-error`
                    : `${FILE_FIELD_ID}-hint`
                }
                aria-invalid={fileError ? "true" : undefined}
              />
            </div>
            <AltFields ctx={ctx} prefix="new" state={upload} />
          </fieldset>
          <button class="usa-button" type="submit" safe>
            {t("campaign-graphics.admin.upload")}
          </button>
        </form>

        <h2 safe>{t("campaign-graphics.admin.existing")}</h2>
        {graphics.length === 0 ? (
          <p safe>{t("campaign-graphics.admin.none")}</p>
        ) : (
          graphics.map((g, i) => {
            const prefix = prefixOf(g.id);
            const state =
              edit?.graphicId === g.id ? edit : { values: altValues(g.alts), errors: {} };
            const number = i + 1;
            return (
              <section class="cfa-graphic" aria-labelledby={`${prefix}-heading`}>
                <h3 id={`${prefix}-heading`} safe>
                  {t("campaign-graphics.admin.graphic", { number })}
                </h3>
                <img
                  class="cfa-graphic-image"
                  src={graphicPath(campaign.slug, g.id)}
                  alt={g.alts[locale.tag] ?? g.alts.en ?? ""}
                  width={String(g.width)}
                  height={String(g.height)}
                />
                <p class="usa-hint" safe>
                  {t("campaign-graphics.panel.size", {
                    width: g.width,
                    height: g.height,
                    size: Math.ceil(g.bytes / 1024),
                  })}
                </p>
                <form
                  class="usa-form usa-form--large"
                  method="post"
                  action={localizedPath(locale, `${path}/${g.id}/alt`)}
                >
                  <input type="hidden" name="_csrf" value={props.csrfToken} />
                  <AltFields ctx={ctx} prefix={prefix} state={state} />
                  <button class="usa-button" type="submit" safe>
                    {t("campaign-graphics.admin.save_alt")}
                  </button>
                </form>
                <form method="post" action={localizedPath(locale, `${path}/${g.id}/delete`)}>
                  <input type="hidden" name="_csrf" value={props.csrfToken} />
                  <button class="usa-button usa-button--secondary" type="submit" safe>
                    {t("campaign-graphics.admin.delete")}
                  </button>
                </form>
              </section>
            );
          })
        )}
      </div>
    </Layout>
  );
}

const altValues = (alts: Record<string, string>) =>
  Object.fromEntries(Object.entries(alts).map(([tag, alt]) => [altField(tag), alt]));
