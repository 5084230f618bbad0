import { formatNumber, localizedPath } from "../../i18n/index.js";
import {
  Checkbox,
  ErrorSummary,
  type Option,
  SelectField,
  TextArea,
  TextField,
} from "../../views/form.js";
import { Layout } from "../../views/layout.js";
import { Notice } from "../../views/notice.js";
import type { PageContext } from "../../views/page-context.js";
import { richMessage, Shown } from "../../views/shown.js";
import type { Geography } from "../census/census.queries.js";
import { KINDS } from "../directory/directory.service.js";
import { stateName } from "../names.js";
import { GeographyName } from "../names.view.js";
import { STATES } from "../states.js";

export const APPLICATION_FIELDS = [
  "kind",
  "executive_name",
  "executive_title",
  "contact_name",
  "contact_title",
  "contact_email",
  "contact_phone",
  "message",
  "agree",
] as const;
export type ApplicationField = (typeof APPLICATION_FIELDS)[number];

export interface SearchState {
  q: string;
  state: string;
  /** Refused fields; "empty" when the search was sent without a name. */
  errors: ("q" | "state" | "empty")[];
  /** Undefined before a search. */
  results?: Geography[];
  more: boolean;
}

export interface FormState {
  geography: Geography;
  values: Partial<Record<ApplicationField, string>>;
  /** Each refused field's message (its reason: http/validation.ts `fieldMessage`). */
  errors: Partial<Record<ApplicationField, string>>;
  /** A problem with the application as a whole (already a member, ...). */
  problem?: string;
  csrfToken: string;
  submissionKey: string;
}

function stateOptions(ctx: PageContext): Option[] {
  const collator = new Intl.Collator(ctx.locale.intl);
  return Object.keys(STATES)
    .map((code) => ({ value: code, label: stateName(ctx.t, code) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

/** "Oakland city, California" in the page's language. */
function GeographyInState({ ctx, geography: g }: { ctx: PageContext; geography: Geography }) {
  return richMessage((v) => ctx.t("census.state.in", v), {
    name: <GeographyName ctx={ctx} name={g.name} kind={g.kind} />,
    state: <Shown ctx={ctx} value={{ text: stateName(ctx.t, g.state), english: false }} />,
  });
}

function SearchStep({ ctx, search }: { ctx: PageContext; search: SearchState }) {
  const { t, locale } = ctx;
  const errorOf = (f: "q" | "state") => {
    // An empty search is the name field's problem, said as what to do.
    const error = search.errors.find((e) => e === f || (f === "q" && e === "empty"));
    return error ? t(`join.search.error.${error}`) : undefined;
  };
  return (
    <section aria-labelledby="join-step1">
      <h2 id="join-step1" safe>
        {t("join.step1.heading")}
      </h2>
      <p safe>{t("join.step1.hint")}</p>
      <ErrorSummary
        heading={t("join.error.summary")}
        errors={search.errors.map((f) => ({
          id: f === "empty" ? "join-q" : `join-${f}`,
          message: t(`join.search.error.${f}`),
        }))}
      />
      <form class="usa-form usa-form--large" method="get" action={localizedPath(locale, "/join")}>
        <TextField
          id="join-q"
          name="q"
          label={t("join.search.q")}
          hint={t("join.search.q_hint")}
          value={search.q}
          maxlength={100}
          error={errorOf("q")}
        />
        <SelectField
          id="join-state"
          name="state"
          label={t("join.search.state")}
          value={search.state}
          emptyLabel={t("join.search.any_state")}
          options={stateOptions(ctx)}
          error={errorOf("state")}
        />
        <button class="usa-button" type="submit" safe>
          {t("join.search.submit")}
        </button>
      </form>
      {search.results ? (
        <div class="cfa-join-results">
          <p role="status" safe>
            {t("join.search.results", { count: search.results.length })}
          </p>
          {search.more ? (
            <p class="usa-hint" safe>
              {t("join.search.more")}
            </p>
          ) : (
            ""
          )}
          <ul class="usa-list usa-list--unstyled cfa-join-results__list">
            {search.results.map((g) => (
              <li class="cfa-join-results__item">
                <a href={`${localizedPath(locale, "/join")}?geoid=${g.geoid}`}>
                  <span>
                    {richMessage((v) => t("join.search.choose", v), {
                      name: <GeographyInState ctx={ctx} geography={g} />,
                    })}
                  </span>
                </a>{" "}
                <span class="usa-hint" safe>
                  {`${t(`join.geo.${g.kind}`)} · ${t("join.search.population", {
                    population: formatNumber(locale, g.population_2020 ?? 0),
                  })}`}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        ""
      )}
    </section>
  );
}

function ApplicationStep({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t, locale } = ctx;
  const g = form.geography;
  return (
    <section aria-labelledby="join-step2">
      <h2 id="join-step2">
        {richMessage((v) => t("join.step2.heading", v), {
          name: <GeographyName ctx={ctx} name={g.name} kind={g.kind} />,
        })}
      </h2>
      <p>
        <span safe>{t("join.step2.geoid", { geoid: g.geoid, state: stateName(t, g.state) })}</span>{" "}
        <a href={localizedPath(locale, "/join")} safe>
          {t("join.step2.change")}
        </a>
      </p>
      {form.problem ? <Notice kind="error" text={form.problem} /> : ""}
      <ErrorSummary
        heading={t("join.error.summary")}
        errors={APPLICATION_FIELDS.flatMap((f) => {
          const message = form.errors[f];
          if (!message) return [];
          // A reason ("the limit is 120") does not say which field; the field's own message does.
          const named =
            message === t(`join.error.${f}`)
              ? message
              : t("errors.field.in_summary", { label: t(`join.field.${f}`), message });
          return [{ id: `app-${f}`, message: named }];
        })}
      />
      {form.problem ? "" : <ApplicationForm ctx={ctx} form={form} />}
    </section>
  );
}

function ApplicationForm({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t, locale } = ctx;
  const g = form.geography;
  const errorOf = (f: ApplicationField) => form.errors[f];
  const value = (f: ApplicationField) => form.values[f] ?? "";
  return (
    <form class="usa-form usa-form--large" method="post" action={localizedPath(locale, "/join")}>
      <input type="hidden" name="_csrf" value={form.csrfToken} />
      <input type="hidden" name="submission_key" value={form.submissionKey} />
      <input type="hidden" name="geoid" value={g.geoid} />
      <SelectField
        id="app-kind"
        name="kind"
        label={t("join.field.kind")}
        value={value("kind") || (g.kind === "county" ? "county" : "city")}
        options={KINDS.map((k) => ({ value: k, label: t(`members.kind.${k}`) }))}
        error={errorOf("kind")}
      />
      <TextField
        id="app-executive_name"
        name="executive_name"
        // Someone else's name: not the person's own to fill in.
        autocomplete="off"
        label={t("join.field.executive_name")}
        value={value("executive_name")}
        maxlength={120}
        error={errorOf("executive_name")}
      />
      <TextField
        id="app-executive_title"
        name="executive_title"
        autocomplete="off"
        label={t("join.field.executive_title")}
        hint={t("join.field.executive_title_hint")}
        value={value("executive_title")}
        maxlength={120}
        error={errorOf("executive_title")}
      />
      <TextField
        id="app-contact_name"
        name="contact_name"
        autocomplete="name"
        label={t("join.field.contact_name")}
        value={value("contact_name")}
        maxlength={120}
        error={errorOf("contact_name")}
      />
      <TextField
        id="app-contact_title"
        name="contact_title"
        autocomplete="organization-title"
        label={t("join.field.contact_title")}
        value={value("contact_title")}
        maxlength={120}
        error={errorOf("contact_title")}
      />
      <TextField
        id="app-contact_email"
        name="contact_email"
        autocomplete="email"
        type="email"
        label={t("join.field.contact_email")}
        hint={t("join.field.contact_email_hint")}
        value={value("contact_email")}
        maxlength={254}
        error={errorOf("contact_email")}
      />
      <TextField
        id="app-contact_phone"
        name="contact_phone"
        type="tel"
        autocomplete="tel"
        label={t("join.field.contact_phone")}
        value={value("contact_phone")}
        maxlength={40}
        error={errorOf("contact_phone")}
      />
      <TextArea
        id="app-message"
        name="message"
        label={t("join.field.message")}
        value={value("message")}
        maxlength={2000}
        error={errorOf("message")}
      />
      <Checkbox
        id="app-agree"
        name="agree"
        label={t("join.field.agree")}
        checked={value("agree") === "yes"}
        error={errorOf("agree")}
      />
      <button class="usa-button" type="submit" safe>
        {t("join.submit")}
      </button>
    </form>
  );
}

export function JoinPage({
  ctx,
  search,
  form,
}: {
  ctx: PageContext;
  search: SearchState;
  form?: FormState;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("join.title")} description={t("join.description")}>
      <div class="grid-container usa-section">
        <h1 safe>{t("join.title")}</h1>
        <p class="usa-intro" safe>
          {t("join.intro")}
        </p>
        <p>
          <a href={localizedPath(locale, "/principles")} safe>
            {t("join.read_principles")}
          </a>
        </p>
        {form ? (
          <ApplicationStep ctx={ctx} form={form} />
        ) : (
          <SearchStep ctx={ctx} search={search} />
        )}
      </div>
    </Layout>
  );
}

export function SubmittedPage({ ctx }: { ctx: PageContext }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("join.submitted.title")}>
      <div class="grid-container usa-section">
        <h1 safe>{t("join.submitted.title")}</h1>
        <div class="usa-alert usa-alert--success">
          <div class="usa-alert__body">
            <p class="usa-alert__text" safe>
              {t("join.submitted.body")}
            </p>
          </div>
        </div>
        <p>
          <a href={localizedPath(locale, "/")} safe>
            {t("errors.go_home")}
          </a>
        </p>
      </div>
    </Layout>
  );
}
