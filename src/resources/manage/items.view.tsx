// Staff's page for one item: its status with the buttons that move it, and the form with its
// settings, topics, featured members and every language's version.
import { AdminBreadcrumb } from "../../http/admin-home.view.js";
import { LOCALES, localizedPath } from "../../i18n/index.js";
import { DemoNotice } from "../../views/demo-notice.js";
import { Checkbox, ErrorSummary, SelectField, TextField } from "../../views/form.js";
import { Layout } from "../../views/layout.js";
import { Notice } from "../../views/notice.js";
import type { PageContext } from "../../views/page-context.js";
import { RESOURCE_TOPICS, RESOURCE_TYPES } from "../resources.model.js";
import type { ShownStatus } from "./manage.forms.js";
import { memberField, RESOURCE_LIMITS, topicField } from "./manage.schema.js";
import {
  errorList,
  type FormState,
  formatInstant,
  inputId,
  StatusButtons,
  StatusTag,
  topicName,
  typeName,
  VersionFields,
} from "./parts.view.js";

export interface ItemSummary {
  slug: string;
  title: string;
  shown: ShownStatus;
  status: "draft" | "published" | "unpublished";
  publishAt: string | null;
  isDemo: boolean;
  /** Who last saved each version, by locale. */
  editors: Record<string, { name: string | null; at: string }>;
}

export interface ItemChoices {
  reports: { slug: string; title: string }[];
  roster: { slug: string; name: string; state: string }[];
}

export function ResourceEditPage({
  ctx,
  form,
  item,
  choices,
  canPublish,
  notice,
  status,
}: {
  ctx: PageContext;
  form: FormState;
  item?: ItemSummary;
  choices: ItemChoices;
  canPublish: boolean;
  notice?: string;
  /** The status form's own state (a refused schedule time). */
  status?: { value: string; error?: string };
}) {
  const { t, locale } = ctx;
  const title = item
    ? t("resources-admin.edit.title", { title: item.title })
    : t("resources-admin.list.new");
  const action = localizedPath(
    locale,
    item ? `/admin/resources/${item.slug}` : "/admin/resources/new",
  );
  const value = (name: string) => form.values[name] ?? "";
  const errors = [
    ...errorList(form),
    ...(status?.error ? [{ id: inputId("publish_at"), message: status.error }] : []),
  ];
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb
          ctx={ctx}
          current={item ? item.title : t("resources-admin.list.new")}
          trail={[{ href: "/admin/resources", label: t("resources-admin.list.title") }]}
        />
        <h1 safe>{title}</h1>
        {notice ? <Notice kind="success" text={notice} /> : ""}
        <ErrorSummary heading={t("resources-admin.error.heading")} errors={errors} />
        {item?.isDemo ? <DemoNotice ctx={ctx} text={t("resources-admin.demo")} /> : ""}
        {item ? (
          <section class="cfa-resource-controls" aria-labelledby="resource-status">
            <h2 id="resource-status" safe>
              {t("resources-admin.status.heading")}
            </h2>
            <p>
              <StatusTag ctx={ctx} shown={item.shown} />{" "}
              {item.publishAt ? (
                <span safe>
                  {t("resources-admin.status.from", { at: formatInstant(ctx, item.publishAt) })}
                </span>
              ) : (
                ""
              )}
            </p>
            <p>
              <a href={localizedPath(locale, `/admin/resources/${item.slug}/messages`)} safe>
                {t("resources-admin.messages.link")}
              </a>
            </p>
            <p>
              <a href={localizedPath(locale, `/admin/resources/${item.slug}/files`)} safe>
                {t("resources-admin.files.link")}
              </a>
            </p>
            {canPublish ? (
              <StatusButtons
                ctx={ctx}
                action={`/admin/resources/${item.slug}/status`}
                csrfToken={form.csrfToken}
                status={item.status}
                publishAt={item.publishAt}
                scheduleValue={status?.value ?? ""}
                withSchedule
                error={status?.error}
              />
            ) : (
              <p class="usa-hint" safe>
                {t("resources-admin.status.admins_publish")}
              </p>
            )}
          </section>
        ) : (
          ""
        )}
        <form class="usa-form usa-form--large cfa-resource-form" method="post" action={action}>
          <input type="hidden" name="_csrf" value={form.csrfToken} />
          <TextField
            id={inputId("slug")}
            name="slug"
            label={t("resources-admin.form.slug")}
            hint={t("resources-admin.form.slug_hint")}
            value={value("slug")}
            maxlength={RESOURCE_LIMITS.slug}
            autocomplete="off"
            verbatim
            error={form.errors.slug}
          />
          <SelectField
            id={inputId("type")}
            name="type"
            label={t("resources-admin.form.type")}
            value={value("type")}
            options={RESOURCE_TYPES.map((type) => ({ value: type, label: t(typeName(type)) }))}
            error={form.errors.type}
          />
          <TextField
            id={inputId("dated_on")}
            name="dated_on"
            type="date"
            label={t("resources-admin.form.dated_on")}
            hint={t("resources-admin.form.date_hint")}
            value={value("dated_on")}
            error={form.errors.dated_on}
          />
          <TextField
            id={inputId("partner")}
            name="partner"
            label={t("resources-admin.form.partner")}
            hint={t("resources-admin.form.partner_hint")}
            value={value("partner")}
            maxlength={RESOURCE_LIMITS.partner}
            autocomplete="off"
            error={form.errors.partner}
          />
          <TextField
            id={inputId("video_url")}
            name="video_url"
            type="url"
            label={t("resources-admin.form.video_url")}
            hint={t("resources-admin.form.video_hint")}
            value={value("video_url")}
            maxlength={RESOURCE_LIMITS.videoUrl}
            autocomplete="off"
            verbatim
            error={form.errors.video_url}
          />
          <SelectField
            id={inputId("parent")}
            name="parent"
            label={t("resources-admin.form.parent")}
            hint={t("resources-admin.form.parent_hint")}
            value={value("parent")}
            emptyLabel={t("resources-admin.form.parent_none")}
            options={choices.reports.map((r) => ({ value: r.slug, label: r.title }))}
            error={form.errors.parent}
          />
          <fieldset class="usa-fieldset" id={inputId("topics")}>
            <legend class="usa-legend usa-legend--large" safe>
              {t("resources-admin.form.topics")}
            </legend>
            {RESOURCE_TOPICS.map((topic) => (
              <Checkbox
                id={inputId(topicField(topic))}
                name={topicField(topic)}
                label={t(topicName(topic))}
                checked={value(topicField(topic)) === "yes"}
              />
            ))}
          </fieldset>
          <fieldset class="usa-fieldset" id={inputId("members")}>
            <legend class="usa-legend usa-legend--large" safe>
              {t("resources-admin.form.members")}
            </legend>
            <p class="usa-hint" safe>
              {t("resources-admin.form.members_hint")}
            </p>
            {form.errors.members ? (
              <span class="usa-error-message" safe>
                {form.errors.members}
              </span>
            ) : (
              ""
            )}
            {choices.roster.map((m) => (
              <Checkbox
                id={inputId(memberField(m.slug))}
                name={memberField(m.slug)}
                label={`${m.name}, ${m.state}`}
                checked={value(memberField(m.slug)) === "yes"}
              />
            ))}
          </fieldset>
          {LOCALES.map((l) => (
            <VersionFields
              ctx={ctx}
              tag={l.tag}
              form={form}
              editor={item?.editors[l.tag]}
              kind="item"
            />
          ))}
          <button class="usa-button" type="submit" safe>
            {t(item ? "resources-admin.form.save" : "resources-admin.form.create")}
          </button>
        </form>
      </div>
    </Layout>
  );
}
