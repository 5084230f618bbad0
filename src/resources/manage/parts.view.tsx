// The parts of staff's library pages: a form's state, status tags, kind and topic names, one
// language's version fields (each with its own status and who last saved it), and the status
// buttons (publish, schedule, unpublish) that carry the state the page showed.
import type { MessageKey } from "../../i18n/index.js";
import { localizedPath } from "../../i18n/index.js";
import { SelectField, TextArea, TextField } from "../../views/form.js";
import { languageName } from "../../views/language-name.js";
import type { PageContext } from "../../views/page-context.js";
import type { ShownStatus } from "./manage.forms.js";
import { COALITION_TIME_ZONE, field, RESOURCE_LIMITS } from "./manage.schema.js";

export interface FormState {
  csrfToken: string;
  values: Record<string, string>;
  /** Each refused field's message, by field name. */
  errors: Record<string, string>;
}

export const inputId = (name: string) => `resource-${name.toLowerCase().replaceAll("_", "-")}`;

export function errorList(form: FormState) {
  return Object.entries(form.errors).map(([name, message]) => ({ id: inputId(name), message }));
}

// The names the public pages use (resources.json): one name per kind and topic.
export const typeName = (type: string) => `resources.type.${type}` as MessageKey;
export const topicName = (topic: string) => `resources.topic.${topic}` as MessageKey;

/** An instant in the page's language, in the coalition's zone (where staff work). */
export function formatInstant(ctx: PageContext, iso: string): string {
  return new Intl.DateTimeFormat(ctx.locale.intl, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: COALITION_TIME_ZONE,
  }).format(new Date(iso));
}

export function StatusTag({ ctx, shown }: { ctx: PageContext; shown: ShownStatus }) {
  return (
    <span class={`usa-tag cfa-status cfa-status--${shown}`} safe>
      {ctx.t(`resources-admin.status.${shown}`)}
    </span>
  );
}

/** One language's version: title, summary (or none), body, its status, and its last editor. */
export function VersionFields({
  ctx,
  tag,
  form,
  editor,
  kind,
}: {
  ctx: PageContext;
  tag: string;
  form: FormState;
  /** Who last saved this version, and when, if it exists. */
  editor?: { name: string | null; at: string };
  kind: "item" | "issue";
}) {
  const { t } = ctx;
  const lang = tag === ctx.locale.tag ? undefined : tag;
  const name = (n: string) => field(n, tag);
  const language = t(languageName(tag));
  return (
    <fieldset class="usa-fieldset cfa-language-fields" id={inputId(`version_${tag}`)}>
      <legend class="usa-legend usa-legend--large" safe>
        {t("resources-admin.form.version", { language })}
      </legend>
      {editor ? (
        <p class="usa-hint" safe>
          {editor.name
            ? t("resources-admin.form.last_saved", {
                name: editor.name,
                at: formatInstant(ctx, editor.at),
              })
            : t("resources-admin.form.last_saved_unknown", { at: formatInstant(ctx, editor.at) })}
        </p>
      ) : (
        <p class="usa-hint" safe>
          {t("resources-admin.form.no_version", { language })}
        </p>
      )}
      <TextField
        id={inputId(name("title"))}
        name={name("title")}
        label={t("resources-admin.form.title")}
        value={form.values[name("title")] ?? ""}
        maxlength={RESOURCE_LIMITS.title}
        autocomplete="off"
        lang={lang}
        error={form.errors[name("title")]}
      />
      {kind === "item" ? (
        <TextArea
          id={inputId(name("summary"))}
          name={name("summary")}
          label={t("resources-admin.form.summary")}
          value={form.values[name("summary")] ?? ""}
          maxlength={RESOURCE_LIMITS.summary}
          lang={lang}
          error={form.errors[name("summary")]}
        />
      ) : (
        ""
      )}
      <TextArea
        id={inputId(name(kind === "item" ? "body" : "intro"))}
        name={name(kind === "item" ? "body" : "intro")}
        label={t(kind === "item" ? "resources-admin.form.body" : "resources-admin.form.intro")}
        hint={t("resources-admin.form.markdown_hint")}
        value={form.values[name(kind === "item" ? "body" : "intro")] ?? ""}
        maxlength={kind === "item" ? RESOURCE_LIMITS.body : RESOURCE_LIMITS.intro}
        lang={lang}
        error={form.errors[name(kind === "item" ? "body" : "intro")]}
      />
      {kind === "item" ? (
        <TextArea
          id={inputId(name("sections"))}
          name={name("sections")}
          label={t("resources-admin.form.sections")}
          hint={t("resources-admin.form.sections_hint")}
          value={form.values[name("sections")] ?? ""}
          maxlength={RESOURCE_LIMITS.sections}
          lang={lang}
          error={form.errors[name("sections")]}
        />
      ) : (
        ""
      )}
      <SelectField
        id={inputId(name("status"))}
        name={name("status")}
        label={t("resources-admin.form.version_status", { language })}
        value={form.values[name("status")] || "draft"}
        options={[
          { value: "draft", label: t("resources-admin.version.draft") },
          { value: "ready", label: t("resources-admin.version.ready") },
        ]}
        error={form.errors[name("status")]}
      />
    </fieldset>
  );
}

/** The buttons that move an item or issue page on, each carrying the state the page showed. */
export function StatusButtons({
  ctx,
  action,
  csrfToken,
  status,
  publishAt,
  scheduleValue,
  withSchedule,
  error,
}: {
  ctx: PageContext;
  /** The status route, unprefixed. */
  action: string;
  csrfToken: string;
  status: "draft" | "published" | "unpublished";
  publishAt: string | null;
  /** The schedule field's value (what was typed, or the scheduled time in the coalition's zone). */
  scheduleValue: string;
  withSchedule: boolean;
  error?: string;
}) {
  const { t, locale } = ctx;
  const live = status === "published" && publishAt === null;
  return (
    <form method="post" action={localizedPath(locale, action)} class="usa-form cfa-status-form">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <input type="hidden" name="seen_status" value={status} />
      {withSchedule ? <input type="hidden" name="seen_publish_at" value={publishAt ?? ""} /> : ""}
      {withSchedule && !live ? (
        <TextField
          id={inputId("publish_at")}
          name="publish_at"
          label={t("resources-admin.status.schedule_label")}
          hint={t("resources-admin.status.schedule_hint", { zone: COALITION_TIME_ZONE })}
          value={scheduleValue}
          maxlength={16}
          autocomplete="off"
          verbatim
          error={error}
        />
      ) : withSchedule ? (
        <input type="hidden" name="publish_at" value="" />
      ) : (
        ""
      )}
      {!live ? (
        <button class="usa-button" type="submit" name="to" value="publish" safe>
          {t("resources-admin.status.publish")}
        </button>
      ) : (
        ""
      )}
      {withSchedule && !live ? (
        <button
          class="usa-button usa-button--outline"
          type="submit"
          name="to"
          value="schedule"
          safe
        >
          {t("resources-admin.status.schedule")}
        </button>
      ) : (
        ""
      )}
      {status === "published" ? (
        <button
          class="usa-button usa-button--secondary"
          type="submit"
          name="to"
          value="unpublish"
          safe
        >
          {t("resources-admin.status.unpublish")}
        </button>
      ) : (
        ""
      )}
    </form>
  );
}
