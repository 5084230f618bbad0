// The event's part of the campaign page: when it is (in the reader's language), whether it was
// cancelled, how many are going and waiting, the join details for those going (and staff), and
// the forms: a member's RSVP (for themselves, or a colleague when they are its admin), its
// cancellation, and the public's RSVP by name and address when the event takes them.
import { ErrorSummary, SelectField, TextField } from "../../views/form.js";
import type { PageContext } from "../../views/page-context.js";
import { EVENT_LIMITS } from "./event.schema.js";

export interface TeamRsvp {
  userId: string;
  name: string;
  status: "going" | "waitlist";
}

export interface EventPanelProps {
  ctx: PageContext;
  actionId: string;
  /** The action's address in the page's language. */
  actionPath: string;
  csrfToken: string;
  /** Null until staff set the event's details. */
  when: string | null;
  cancelled: boolean;
  over: boolean;
  counts: { going: number; waitlist: number };
  capacity: number | null;
  /** Shown to those going and to staff only. */
  join?: { url: string | null; dialIn: string | null };
  /** The viewer's own RSVP, if any. */
  own?: "going" | "waitlist";
  /** The jurisdiction the viewer acts for, when they may RSVP now. */
  acting?: { id: string; name: string };
  /** Their team's standing RSVPs (a member admin manages them), and whom they may still add. */
  team?: TeamRsvp[];
  colleagues?: { userId: string; name: string }[];
  /** The public form, when the event takes public RSVPs and the viewer is not a member's. */
  publicForm?: { values: Record<string, string>; errors: Record<string, string> };
  icsHref: string;
}

const fieldId = (actionId: string, name: string) => `rsvp-${actionId.slice(0, 8)}-${name}`;

function Hidden({
  csrf,
  jurisdiction,
  person,
}: {
  csrf: string;
  jurisdiction: string;
  person: string;
}) {
  return (
    <>
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="jurisdiction" value={jurisdiction} />
      <input type="hidden" name="person" value={person} />
    </>
  );
}

function MemberPart(props: EventPanelProps) {
  const { ctx, acting, actionPath, csrfToken, own } = props;
  const { t } = ctx;
  if (!acting) return "";
  const status = (s: "going" | "waitlist") => t(`campaign-events.status.${s}`);
  return (
    <div class="cfa-taken-part">
      {own ? (
        <form method="post" action={`${actionPath}/rsvp/cancel`}>
          <p safe>{t("campaign-events.own", { status: status(own) })}</p>
          <Hidden csrf={csrfToken} jurisdiction={acting.id} person="" />
          <button class="usa-button usa-button--outline" type="submit" safe>
            {t("campaign-events.cancel_rsvp")}
          </button>
        </form>
      ) : (
        <form method="post" action={`${actionPath}/rsvp`}>
          <Hidden csrf={csrfToken} jurisdiction={acting.id} person="" />
          <button class="usa-button" type="submit" safe>
            {t("campaign-events.rsvp")}
          </button>
        </form>
      )}
      {props.team?.length ? (
        <ul class="usa-list cfa-event-team">
          {props.team.map((r) => (
            <li>
              <form method="post" action={`${actionPath}/rsvp/cancel`}>
                <span safe>{`${r.name}: ${status(r.status)}`}</span>{" "}
                <Hidden csrf={csrfToken} jurisdiction={acting.id} person={r.userId} />
                <button class="usa-button usa-button--unstyled" type="submit" safe>
                  {t("campaign-events.cancel_for", { name: r.name })}
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        ""
      )}
      {props.colleagues?.length ? (
        <form class="usa-form" method="post" action={`${actionPath}/rsvp`}>
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="hidden" name="jurisdiction" value={acting.id} />
          <SelectField
            id={fieldId(props.actionId, "person")}
            name="person"
            label={t("campaign-events.colleague", { jurisdiction: acting.name })}
            value=""
            options={props.colleagues.map((c) => ({ value: c.userId, label: c.name }))}
          />
          <button class="usa-button usa-button--outline" type="submit" safe>
            {t("campaign-events.rsvp_colleague")}
          </button>
        </form>
      ) : (
        ""
      )}
    </div>
  );
}

function PublicPart(props: EventPanelProps) {
  const { ctx, publicForm, actionId } = props;
  if (!publicForm) return "";
  const { t } = ctx;
  const { values, errors } = publicForm;
  return (
    <>
      <ErrorSummary
        heading={t("campaigns.form.error.summary_heading")}
        errors={Object.entries(errors).map(([name, message]) => ({
          id: fieldId(actionId, name),
          message,
        }))}
      />
      <form class="usa-form" method="post" action={`${props.actionPath}/public-rsvp`}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <p safe>{t("campaign-events.public.intro")}</p>
        <TextField
          id={fieldId(actionId, "name")}
          name="name"
          label={t("campaign-events.public.name")}
          value={values.name ?? ""}
          maxlength={EVENT_LIMITS.name}
          autocomplete="name"
          error={errors.name}
        />
        <TextField
          id={fieldId(actionId, "email")}
          name="email"
          type="email"
          label={t("campaign-events.public.email")}
          value={values.email ?? ""}
          maxlength={EVENT_LIMITS.email}
          autocomplete="email"
          verbatim
          error={errors.email}
        />
        <button class="usa-button" type="submit" safe>
          {t("campaign-events.rsvp")}
        </button>
      </form>
    </>
  );
}

export function EventPanel(props: EventPanelProps) {
  const { ctx, counts, join } = props;
  const { t } = ctx;
  if (props.when === null) return <p safe>{t("campaign-events.not_set")}</p>;
  return (
    <div class="cfa-event">
      <p class="cfa-event-when" safe>
        {props.when}
      </p>
      {props.cancelled ? (
        <p class="cfa-event-cancelled" safe>
          {t("campaign-events.cancelled")}
        </p>
      ) : (
        ""
      )}
      <p class="cfa-count" safe>
        {props.capacity === null
          ? t("campaign-events.count", { going: counts.going })
          : t("campaign-events.count_capacity", {
              going: counts.going,
              capacity: props.capacity,
              waitlist: counts.waitlist,
            })}
      </p>
      {join && !props.cancelled ? (
        <div class="cfa-event-join">
          {join.url ? (
            <p>
              <span safe>{t("campaign-events.join_url")}</span>{" "}
              <a class="usa-link cfa-break-anywhere" href={join.url} safe>
                {join.url}
              </a>
            </p>
          ) : (
            ""
          )}
          {join.dialIn ? (
            <p class="cfa-pre-line">
              <span safe>{t("campaign-events.dial_in")}</span> <span safe>{join.dialIn}</span>
            </p>
          ) : (
            ""
          )}
        </div>
      ) : (
        ""
      )}
      {props.cancelled || props.over ? "" : <MemberPart {...props} />}
      {props.cancelled || props.over ? "" : <PublicPart {...props} />}
      <p>
        <a class="usa-link" href={props.icsHref} safe>
          {t("campaign-events.ics")}
        </a>
      </p>
    </div>
  );
}
