import { AdminBreadcrumb } from "../../http/admin-home.view.js";
import { localizedPath } from "../../i18n/index.js";
import { ErrorSummary, TextField } from "../../views/form.js";
import { Layout } from "../../views/layout.js";
import { Notice } from "../../views/notice.js";
import type { PageContext } from "../../views/page-context.js";
import { TableHead } from "../../views/table.js";
import { stateName } from "../names.js";
import {
  type EditableJurisdiction,
  PROFILE_MAX_LENGTH,
  type ProfileError,
  type ProfileField,
} from "./profile.service.js";

export interface ProfileFormState {
  csrfToken: string;
  values: Record<ProfileField, string>;
  errors: ProfileError[];
}

const FIELD_IDS: Record<ProfileField, string> = {
  executive_name: "profile-executive-name",
  executive_title: "profile-executive-title",
  website: "profile-website",
};

const fieldOf = (error: ProfileError): ProfileField =>
  error === "executive_name_required" ? "executive_name" : error;

/** The form itself, the same for a member admin and for coalition staff; `action` differs. */
export function ProfileForm({
  ctx,
  action,
  form,
}: {
  ctx: PageContext;
  action: string;
  form: ProfileFormState;
}) {
  const { t } = ctx;
  const errorOf = (field: ProfileField) => {
    const error = form.errors.find((e) => fieldOf(e) === field);
    return error ? t(`members.edit.error.${error}`) : undefined;
  };
  return (
    <>
      <ErrorSummary
        heading={t("members.edit.error.summary")}
        errors={form.errors.map((e) => ({
          id: FIELD_IDS[fieldOf(e)],
          message: t(`members.edit.error.${e}`),
        }))}
      />
      <form class="usa-form usa-form--large" method="post" action={action}>
        <input type="hidden" name="_csrf" value={form.csrfToken} />
        <TextField
          id={FIELD_IDS.executive_name}
          name="executive_name"
          // The executive's, not the person's own: no autofill of their name or title.
          autocomplete="off"
          label={t("members.edit.executive_name")}
          hint={t("members.edit.executive_name_hint")}
          value={form.values.executive_name}
          maxlength={PROFILE_MAX_LENGTH.executive_name}
          error={errorOf("executive_name")}
        />
        <TextField
          id={FIELD_IDS.executive_title}
          name="executive_title"
          autocomplete="off"
          label={t("members.edit.executive_title")}
          hint={t("members.edit.executive_title_hint")}
          value={form.values.executive_title}
          maxlength={PROFILE_MAX_LENGTH.executive_title}
          error={errorOf("executive_title")}
        />
        <TextField
          id={FIELD_IDS.website}
          name="website"
          type="url"
          label={t("members.edit.website")}
          hint={t("members.edit.website_hint")}
          value={form.values.website}
          maxlength={PROFILE_MAX_LENGTH.website}
          error={errorOf("website")}
        />
        <button class="usa-button" type="submit" safe>
          {t("members.edit.submit")}
        </button>
      </form>
    </>
  );
}

/** A jurisdiction's profile form, with a link to its public profile when it has one. */
export function ProfileEditPage({
  ctx,
  jurisdiction,
  action,
  form,
  notice,
  back,
}: {
  ctx: PageContext;
  jurisdiction: EditableJurisdiction;
  action: string;
  form: ProfileFormState;
  notice?: string | undefined;
  /** Where the page sits: the account page for a member admin, the list for staff. */
  back: { href: string; label: string };
}) {
  const { t, locale } = ctx;
  const title = t("members.edit.title", { name: jurisdiction.name });
  const isPublic = jurisdiction.status !== "applicant";
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="grid-container usa-section">
        <nav class="usa-breadcrumb" aria-label={t("members.edit.breadcrumb")}>
          <ol class="usa-breadcrumb__list">
            {/* Coalition staff edit from the admin area: the trail starts there. */}
            {ctx.path.startsWith("/admin/") ? (
              <li class="usa-breadcrumb__list-item">
                <a class="usa-breadcrumb__link" href={localizedPath(locale, "/admin")} safe>
                  {t("admin.title")}
                </a>
              </li>
            ) : (
              ""
            )}
            <li class="usa-breadcrumb__list-item">
              <a class="usa-breadcrumb__link" href={back.href} safe>
                {back.label}
              </a>
            </li>
            <li class="usa-breadcrumb__list-item usa-current" aria-current="page">
              <span safe>{title}</span>
            </li>
          </ol>
        </nav>
        <h1 safe>{title}</h1>
        {notice ? <Notice kind="success" text={notice} /> : ""}
        <p safe>
          {t(isPublic ? "members.edit.intro" : "members.edit.intro_applicant", {
            name: jurisdiction.name,
          })}
        </p>
        {isPublic ? (
          <p>
            <a href={localizedPath(locale, `/members/${jurisdiction.slug}`)} safe>
              {t("members.edit.view_public")}
            </a>
          </p>
        ) : (
          ""
        )}
        <ProfileForm ctx={ctx} action={action} form={form} />
      </div>
    </Layout>
  );
}

export interface ProfileListRow {
  slug: string;
  name: string;
  state: string;
  status: EditableJurisdiction["status"];
}

/** Coalition staff's list of every jurisdiction, each linking to its profile form. */
export function ProfilesListPage({ ctx, rows }: { ctx: PageContext; rows: ProfileListRow[] }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("members.edit.list.title")} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb ctx={ctx} current={t("members.edit.list.title")} />
        <h1 safe>{t("members.edit.list.title")}</h1>
        <p class="usa-intro" safe>
          {t("members.edit.list.intro")}
        </p>
        <table class="usa-table usa-table--borderless usa-table--stacked">
          <caption safe>{t("members.edit.list.caption", { count: rows.length })}</caption>
          <TableHead
            labels={[
              t("members.column.name"),
              t("members.column.state"),
              t("members.profile.status"),
            ]}
          />
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={localizedPath(locale, `/admin/members/${r.slug}/edit`)} safe>
                    {r.name}
                  </a>
                </th>
                <td safe>{stateName(t, r.state)}</td>
                <td safe>{t(`members.profile.status.${r.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
