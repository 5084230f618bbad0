// Staff's pages for an event: its details form (with the button that cancels it), and the list of
// its RSVPs with a checkbox per person for attendance.
import { AdminBreadcrumb } from "../../http/admin-home.view.js";
import { localizedPath } from "../../i18n/index.js";
import { Checkbox, ErrorSummary, SelectField, TextArea, TextField } from "../../views/form.js";
import { Layout } from "../../views/layout.js";
import { Notice } from "../../views/notice.js";
import type { PageContext } from "../../views/page-context.js";
import { TIME_ZONES } from "../manage/manage.schema.js";
import { EVENT_LIMITS } from "./event.schema.js";

export interface EventFormState {
  csrfToken: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

const inputId = (name: string) => `event-${name.replaceAll("_", "-")}`;

interface Place {
  slug: string;
  campaignTitle: string;
  actionId: string;
  actionTitle: string;
}

function trail(ctx: PageContext, place: Place) {
  const base = `/admin/campaigns/${place.slug}`;
  return [
    { href: "/admin/campaigns", label: ctx.t("campaigns.admin.title") },
    { href: base, label: place.campaignTitle },
    { href: `${base}/actions/${place.actionId}`, label: place.actionTitle },
  ];
}

export function EventEditPage(props: {
  ctx: PageContext;
  place: Place;
  form: EventFormState;
  cancelled: boolean;
  /** Whether details were saved once (the event exists: it may be cancelled, RSVPs listed). */
  saved: boolean;
  notice?: string;
}) {
  const { ctx, place, form } = props;
  const { t, locale } = ctx;
  const title = t("campaign-events.admin.title");
  const path = localizedPath(
    locale,
    `/admin/campaigns/${place.slug}/actions/${place.actionId}/event`,
  );
  const { values, errors } = form;
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb ctx={ctx} current={title} trail={trail(ctx, place)} />
        <h1 safe>{title}</h1>
        {props.notice ? <Notice kind="success" text={props.notice} /> : ""}
        {props.cancelled ? (
          <p class="cfa-event-cancelled" safe>
            {t("campaign-events.cancelled")}
          </p>
        ) : (
          ""
        )}
        <ErrorSummary
          heading={t("campaigns.form.error.summary_heading")}
          errors={Object.entries(errors).map(([name, message]) => ({ id: inputId(name), message }))}
        />
        <form class="usa-form usa-form--large" method="post" action={path}>
          <input type="hidden" name="_csrf" value={form.csrfToken} />
          <SelectField
            id={inputId("time_zone")}
            name="time_zone"
            label={t("campaign-events.form.time_zone")}
            value={values.time_zone ?? "America/New_York"}
            options={TIME_ZONES.map((z) => ({ value: z, label: z, lang: "en" }))}
            error={errors.time_zone}
          />
          {(["starts_at", "ends_at"] as const).map((name) => (
            <TextField
              id={inputId(name)}
              name={name}
              label={t(`campaign-events.form.${name}`)}
              hint={t("campaign-events.form.time_hint")}
              value={values[name] ?? ""}
              maxlength={16}
              autocomplete="off"
              verbatim
              error={errors[name]}
            />
          ))}
          <TextField
            id={inputId("join_url")}
            name="join_url"
            type="url"
            label={t("campaign-events.form.join_url")}
            hint={t("campaign-events.form.join_url_hint")}
            value={values.join_url ?? ""}
            maxlength={EVENT_LIMITS.joinUrl}
            autocomplete="off"
            verbatim
            error={errors.join_url}
          />
          <TextArea
            id={inputId("dial_in")}
            name="dial_in"
            label={t("campaign-events.form.dial_in")}
            hint={t("campaign-events.form.dial_in_hint")}
            value={values.dial_in ?? ""}
            maxlength={EVENT_LIMITS.dialIn}
            error={errors.dial_in}
          />
          <TextField
            id={inputId("capacity")}
            name="capacity"
            label={t("campaign-events.form.capacity")}
            hint={t("campaign-events.form.capacity_hint")}
            value={values.capacity ?? ""}
            maxlength={6}
            autocomplete="off"
            error={errors.capacity}
          />
          <Checkbox
            id={inputId("public_rsvp")}
            name="public_rsvp"
            label={t("campaign-events.form.public_rsvp")}
            checked={values.public_rsvp === "yes"}
            error={errors.public_rsvp}
          />
          <button class="usa-button" type="submit" safe>
            {t("campaigns.form.save")}
          </button>
        </form>
        {props.saved ? (
          <>
            <p>
              <a class="usa-link" href={`${path}/rsvps`} safe>
                {t("campaign-events.admin.rsvps_link")}
              </a>
            </p>
            {props.cancelled ? (
              ""
            ) : (
              <form method="post" action={`${path}/cancel`}>
                <input type="hidden" name="_csrf" value={form.csrfToken} />
                <button class="usa-button usa-button--secondary" type="submit" safe>
                  {t("campaign-events.admin.cancel")}
                </button>
              </form>
            )}
          </>
        ) : (
          ""
        )}
      </div>
    </Layout>
  );
}

export interface RsvpLine {
  id: string;
  name: string;
  email: string;
  status: string;
  jurisdiction: string | null;
  attended: boolean;
}

export function AttendancePage(props: {
  ctx: PageContext;
  place: Place;
  csrfToken: string;
  rsvps: RsvpLine[];
  notice?: string;
}) {
  const { ctx, place } = props;
  const { t, locale } = ctx;
  const title = t("campaign-events.admin.rsvps_title");
  const path = localizedPath(
    locale,
    `/admin/campaigns/${place.slug}/actions/${place.actionId}/event/rsvps`,
  );
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="grid-container usa-section">
        <AdminBreadcrumb ctx={ctx} current={title} trail={trail(ctx, place)} />
        <h1 safe>{title}</h1>
        {props.notice ? <Notice kind="success" text={props.notice} /> : ""}
        {props.rsvps.length === 0 ? (
          <p safe>{t("campaign-events.admin.no_rsvps")}</p>
        ) : (
          <form method="post" action={path}>
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <input type="hidden" name="shown" value={props.rsvps.map((r) => r.id).join(",")} />
            <ul class="usa-list usa-list--unstyled cfa-event-rsvps">
              {props.rsvps.map((r) => (
                <li class="usa-checkbox">
                  <input
                    class="usa-checkbox__input"
                    id={`attended-${r.id}`}
                    type="checkbox"
                    name="attended"
                    value={r.id}
                    checked={r.attended}
                  />
                  <label class="usa-checkbox__label" for={`attended-${r.id}`} safe>
                    {t("campaign-events.admin.rsvp_line", {
                      name: r.name,
                      email: r.email,
                      status: t(`campaign-events.status.${r.status as "going"}`),
                      jurisdiction: r.jurisdiction ?? "none",
                    })}
                  </label>
                </li>
              ))}
            </ul>
            <button class="usa-button" type="submit" safe>
              {t("campaign-events.admin.save_attendance")}
            </button>
          </form>
        )}
      </div>
    </Layout>
  );
}
