// Staff's page for an item's files: the upload form (a document or an image, its language or
// none, alt text per language for an image), then every file (files.list.view.tsx: order,
// descriptions, delete) and the item's downloads. A refused file is said at its field in the
// page's language, as the checks found it.
import { AdminBreadcrumb } from "../../http/admin-home.view.js";
import { LOCALES, localizedPath } from "../../i18n/index.js";
import { DemoNotice } from "../../views/demo-notice.js";
import { ErrorSummary, SelectField, TextField } from "../../views/form.js";
import { Layout } from "../../views/layout.js";
import { Notice } from "../../views/notice.js";
import type { PageContext } from "../../views/page-context.js";
import type { DownloadCount } from "../resources.queries.js";
import { languageLabel } from "../resources.view.js";
import { type AltFormState, altInputId, DownloadsTable, FileList } from "./files.list.view.js";
import type { StaffFileRow } from "./files.queries.js";
import { ALT_MAX, altField, FILE_ROLES, type UploadForm } from "./files.upload.js";

const fieldId = (name: string) => `file-${name}`;

function FileInput({ ctx, error }: { ctx: PageContext; error: string | undefined }) {
  const { t } = ctx;
  const id = fieldId("file");
  return (
    <div class={error ? "usa-form-group usa-form-group--error" : "usa-form-group"}>
      <label class={error ? "usa-label usa-label--error" : "usa-label"} for={id} safe>
        {t("resources-admin.files.file")}
      </label>
      <div class="usa-hint" id={`${id}-hint`} safe>
        {t("resources-admin.files.file_hint")}
      </div>
      {error ? (
        <span class="usa-error-message" id={`${id}-error`} safe>
          {error}
        </span>
      ) : (
        ""
      )}
      <input
        class="usa-input"
        id={id}
        name="file"
        type="file"
        accept="application/pdf,image/png,image/jpeg,image/webp,image/gif,text/vtt,.vtt"
        required
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        aria-invalid={error ? "true" : undefined}
      />
    </div>
  );
}

export function ResourceFilesPage(props: {
  ctx: PageContext;
  item: { slug: string; title: string; isDemo: boolean };
  csrfToken: string;
  files: StaffFileRow[];
  form: UploadForm;
  /** A refused description form of one of the files. */
  altForm?: AltFormState;
  downloads: DownloadCount[];
  notice?: string;
}) {
  const { ctx, item, files, form } = props;
  const { t, locale } = ctx;
  const base = `/admin/resources/${item.slug}`;
  const title = t("resources-admin.files.title", { title: item.title });
  const { values, errors } = form;
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb
          ctx={ctx}
          current={t("resources-admin.files.link")}
          trail={[
            { href: "/admin/resources", label: t("resources-admin.list.title") },
            { href: base, label: item.title },
          ]}
        />
        <h1 safe>{title}</h1>
        {props.notice ? <Notice kind="success" text={props.notice} /> : ""}
        <ErrorSummary
          heading={t("resources-admin.error.heading")}
          errors={[
            ...Object.entries(errors).map(([name, message]) => ({ id: fieldId(name), message })),
            ...Object.entries(props.altForm?.errors ?? {}).map(([name, message]) => ({
              id: altInputId(props.altForm?.fileId ?? "", name),
              message,
            })),
          ]}
        />
        {item.isDemo ? <DemoNotice ctx={ctx} text={t("resources-admin.demo")} /> : ""}
        <form
          class="usa-form usa-form--large"
          method="post"
          enctype="multipart/form-data"
          action={localizedPath(locale, `${base}/files`)}
        >
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <fieldset class="usa-fieldset">
            <legend class="usa-legend usa-legend--large" safe>
              {t("resources-admin.files.new")}
            </legend>
            <SelectField
              id={fieldId("role")}
              name="role"
              label={t("resources-admin.files.role")}
              value={values.role ?? "document"}
              error={errors.role}
              options={FILE_ROLES.map((r) => ({
                value: r,
                label: t(`resources-admin.files.role_${r}`),
              }))}
            />
            <SelectField
              id={fieldId("locale")}
              name="locale"
              label={t("resources-admin.files.locale")}
              hint={t("resources-admin.files.locale_hint")}
              value={values.locale ?? ""}
              error={errors.locale}
              emptyLabel={t("resources-admin.files.no_locale")}
              options={LOCALES.map((l) => ({ value: l.tag, label: languageLabel(ctx, l.tag) }))}
            />
            <FileInput ctx={ctx} error={errors.file} />
            {LOCALES.map((l) => (
              <TextField
                id={fieldId(altField(l.tag))}
                name={altField(l.tag)}
                label={t("resources-admin.files.alt", { language: languageLabel(ctx, l.tag) })}
                hint={l.tag === "en" ? t("resources-admin.files.alt_hint") : undefined}
                value={values[altField(l.tag)] ?? ""}
                error={errors[altField(l.tag)]}
                maxlength={ALT_MAX}
                lang={l.tag === locale.tag ? undefined : l.tag}
              />
            ))}
          </fieldset>
          <button class="usa-button" type="submit" safe>
            {t("resources-admin.files.upload")}
          </button>
        </form>
        <h2 safe>{t("resources-admin.files.existing")}</h2>
        <FileList
          ctx={ctx}
          base={base}
          csrfToken={props.csrfToken}
          files={files}
          altForm={props.altForm}
        />
        <DownloadsTable ctx={ctx} counts={props.downloads} />
      </div>
    </Layout>
  );
}
