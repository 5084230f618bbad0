// The parts of staff's campaign forms: their state, and one language's fields.
import { Checkbox, TextArea, TextField } from "../../views/form.js";
import type { PageContext } from "../../views/page-context.js";
import { languageName } from "../campaign.view.js";
import { CAMPAIGN_LIMITS, field } from "./manage.schema.js";

export interface FormState {
  csrfToken: string;
  values: Record<string, string>;
  /** Each refused field's message, by field name. */
  errors: Record<string, string>;
}

export const inputId = (name: string) => `campaign-${name.toLowerCase().replaceAll("_", "-")}`;

export function errorList(form: FormState) {
  return Object.entries(form.errors).map(([name, message]) => ({ id: inputId(name), message }));
}

/** One language's fields, in that language (lang on each field). */
export function LanguageFields({
  ctx,
  tag,
  form,
  withSummary,
}: {
  ctx: PageContext;
  tag: string;
  form: FormState;
  withSummary: boolean;
}) {
  const { t } = ctx;
  const lang = tag === ctx.locale.tag ? undefined : tag;
  const name = (n: string) => field(n, tag);
  return (
    <fieldset class="usa-fieldset cfa-language-fields">
      <legend class="usa-legend usa-legend--large" safe>
        {t(languageName(tag))}
      </legend>
      {tag === "en" ? (
        <p class="usa-hint" safe>
          {t("campaigns.form.english_hint")}
        </p>
      ) : (
        ""
      )}
      <TextField
        id={inputId(name("title"))}
        name={name("title")}
        label={t("campaigns.form.title")}
        value={form.values[name("title")] ?? ""}
        maxlength={CAMPAIGN_LIMITS.title}
        autocomplete="off"
        lang={lang}
        error={form.errors[name("title")]}
      />
      {withSummary ? (
        <TextArea
          id={inputId(name("summary"))}
          name={name("summary")}
          label={t("campaigns.form.summary")}
          hint={t("campaigns.form.summary_hint")}
          value={form.values[name("summary")] ?? ""}
          maxlength={CAMPAIGN_LIMITS.summary}
          lang={lang}
          error={form.errors[name("summary")]}
        />
      ) : (
        ""
      )}
      <TextArea
        id={inputId(name("body"))}
        name={name("body")}
        label={t(withSummary ? "campaigns.form.body" : "campaigns.form.action_body")}
        hint={t("campaigns.form.body_hint")}
        value={form.values[name("body")] ?? ""}
        maxlength={CAMPAIGN_LIMITS.body}
        lang={lang}
        error={form.errors[name("body")]}
      />
      {withSummary && tag !== "en" ? (
        <Checkbox
          id={inputId(name("ready"))}
          name={name("ready")}
          label={t("campaigns.form.ready", { language: t(languageName(tag)) })}
          checked={form.values[name("ready")] === "yes"}
        />
      ) : (
        ""
      )}
    </fieldset>
  );
}
