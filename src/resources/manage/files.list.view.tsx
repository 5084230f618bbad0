// The parts of staff's files page below the upload form: the item's files in the order readers
// see them, each with "Move up"/"Move down" and delete buttons (plain forms, no script), an
// image's descriptions editable per language; and the item's downloads per language, in the last
// 30 days and in all (what resource_downloads counts: item, language, day; never a reader).
import { formatNumber, LOCALES, localizedPath } from "../../i18n/index.js";
import { TextField } from "../../views/form.js";
import type { PageContext } from "../../views/page-context.js";
import { TableHead } from "../../views/table.js";
import type { DownloadCount } from "../resources.queries.js";
import { languageLabel } from "../resources.view.js";
import type { StaffFileRow } from "./files.queries.js";
import { ALT_MAX, altField } from "./files.upload.js";

/** A refused description form: which file's, what was typed, each field's message. */
export interface AltFormState {
  fileId: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** The id of an image's description field (`name`: alt_en, ...) on the page. */
export const altInputId = (fileId: string, name: string) => `alt-${fileId}-${name}`;
/** The id of a file's entry in the list, where a move or a saved description returns to. */
export const fileAnchor = (fileId: string) => `resource-file-${fileId}`;

const KIND_LABEL = {
  document: "resources-admin.files.kind_document",
  image: "resources-admin.files.kind_image",
  captions: "resources-admin.files.kind_captions",
  attachment: "resources-admin.files.kind_document",
} as const;

function AltForm(props: {
  ctx: PageContext;
  action: string;
  csrfToken: string;
  file: StaffFileRow;
  refused: AltFormState | undefined;
}) {
  const { ctx, file, refused } = props;
  const { t, locale } = ctx;
  const values =
    refused?.values ??
    Object.fromEntries(Object.entries(file.alts).map(([tag, alt]) => [altField(tag), alt]));
  const errors = refused?.errors ?? {};
  return (
    <details class="cfa-resource-alts" open={refused !== undefined}>
      <summary safe>{t("resources-admin.files.alt_edit", { name: file.filename })}</summary>
      <form class="usa-form usa-form--large" method="post" action={props.action}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        {LOCALES.map((l) => (
          <TextField
            id={altInputId(file.id, altField(l.tag))}
            name={altField(l.tag)}
            label={t("resources-admin.files.alt", { language: languageLabel(ctx, l.tag) })}
            value={values[altField(l.tag)] ?? ""}
            error={errors[altField(l.tag)]}
            maxlength={ALT_MAX}
            lang={l.tag === locale.tag ? undefined : l.tag}
          />
        ))}
        <button class="usa-button" type="submit" safe>
          {t("resources-admin.files.alt_save")}
        </button>
      </form>
    </details>
  );
}

export function FileList(props: {
  ctx: PageContext;
  base: string;
  csrfToken: string;
  files: StaffFileRow[];
  altForm?: AltFormState;
}) {
  const { ctx, base, csrfToken, files } = props;
  const { t, locale } = ctx;
  if (files.length === 0) return <p safe>{t("resources-admin.files.none")}</p>;
  const path = (file: StaffFileRow, action: string) =>
    localizedPath(locale, `${base}/files/${file.id}/${action}`);
  return (
    <>
      <p class="usa-hint" safe>
        {t("resources-admin.files.order_hint")}
      </p>
      <ol class="usa-list usa-list--unstyled">
        {files.map((f, index) => {
          const language = f.locale
            ? languageLabel(ctx, f.locale)
            : t("resources-admin.files.no_locale");
          const refused = props.altForm?.fileId === f.id ? props.altForm : undefined;
          return (
            <li class="cfa-resource-file margin-bottom-3" id={fileAnchor(f.id)}>
              <strong class="cfa-break-anywhere" safe>
                {f.filename}
              </strong>{" "}
              <span class="usa-hint" safe>
                {t("resources-admin.files.facts", {
                  role: t(KIND_LABEL[f.role]),
                  language,
                  size: Math.max(1, Math.round(f.bytes / 1024)),
                })}
              </span>
              {Object.entries(f.alts).map(([tag, alt]) => (
                <p class="cfa-break-anywhere">
                  <span safe>{languageLabel(ctx, tag)}</span>:{" "}
                  <span lang={tag === locale.tag ? undefined : tag} safe>
                    {alt}
                  </span>
                </p>
              ))}
              {f.role === "image" ? (
                <AltForm
                  ctx={ctx}
                  action={path(f, "alt")}
                  csrfToken={csrfToken}
                  file={f}
                  refused={refused}
                />
              ) : (
                ""
              )}
              <div class="cfa-break-anywhere">
                {files.length > 1 ? (
                  <form method="post" action={path(f, "move")}>
                    <input type="hidden" name="_csrf" value={csrfToken} />
                    {index > 0 ? (
                      <button
                        class="usa-button usa-button--outline"
                        type="submit"
                        name="move"
                        value="up"
                        safe
                      >
                        {t("resources-admin.files.move_up", { name: f.filename })}
                      </button>
                    ) : (
                      ""
                    )}
                    {index < files.length - 1 ? (
                      <button
                        class="usa-button usa-button--outline"
                        type="submit"
                        name="move"
                        value="down"
                        safe
                      >
                        {t("resources-admin.files.move_down", { name: f.filename })}
                      </button>
                    ) : (
                      ""
                    )}
                  </form>
                ) : (
                  ""
                )}
                <form method="post" action={path(f, "delete")}>
                  <input type="hidden" name="_csrf" value={csrfToken} />
                  <button class="usa-button usa-button--secondary" type="submit" safe>
                    {t("resources-admin.files.delete", { name: f.filename })}
                  </button>
                </form>
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}

export function DownloadsTable({ ctx, counts }: { ctx: PageContext; counts: DownloadCount[] }) {
  const { t, locale } = ctx;
  const recent = t("resources-admin.files.downloads.recent");
  const total = t("resources-admin.files.downloads.total");
  return (
    <>
      <h2 id="downloads" safe>
        {t("resources-admin.files.downloads.heading")}
      </h2>
      <p class="usa-hint" safe>
        {t("resources-admin.files.downloads.hint")}
      </p>
      {counts.length === 0 ? (
        <p safe>{t("resources-admin.files.downloads.none")}</p>
      ) : (
        <table class="usa-table usa-table--borderless usa-table--stacked cfa-resource-downloads">
          <caption safe>{t("resources-admin.files.downloads.caption")}</caption>
          <TableHead labels={[t("resources-admin.files.downloads.language"), recent, total]} />
          <tbody>
            {counts.map((c) => (
              <tr data-locale={c.locale}>
                <th scope="row" data-label={t("resources-admin.files.downloads.language")} safe>
                  {languageLabel(ctx, c.locale)}
                </th>
                <td data-label={recent} safe>
                  {formatNumber(locale, c.recent)}
                </td>
                <td data-label={total} safe>
                  {formatNumber(locale, c.total)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
