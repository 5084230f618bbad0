// RSVPs on the campaign page: a member's staff for themselves (a member admin also for a
// colleague), its cancellation, the public's RSVP by name and address and the page its mailed
// link opens. A refused form shows the campaign page again with the problems at the form.
import type { FastifyInstance } from "fastify";
import { memberStaffContacts } from "../../accounts/index.js";
import type { requireActing } from "../../http/account.js";
import { appError, notFound } from "../../http/errors.js";
import { registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { pageContext, sendPage } from "../../http/render.js";
import { fieldMessage } from "../../http/validation.js";
import { localizedPath } from "../../i18n/index.js";
import { countRecentMails } from "../../mail/index.js";
import { chooseText } from "../campaign.text.js";
import { ActionParams } from "../manage/manage.schema.js";
import { authorizeAct, loadActionOf, sendCampaignPage } from "../public/campaign.page.js";
import { formatEventTime } from "../zoned-time.js";
import { ConfirmedPage } from "./event.confirm.view.js";
import { CONFIRMATION_KIND, mailConfirmation } from "./event.mail.js";
import { findEvent } from "./event.queries.js";
import { ConfirmQuery, PublicRsvpForm, RsvpForm } from "./event.schema.js";
import {
  cancelMemberRsvp,
  confirmPublicRsvp,
  requestPublicRsvp,
  rsvpMember,
} from "./rsvp.service.js";

/** Public RSVPs per client address: enough for a family, a stop for a script. */
const PUBLIC_RSVP_LIMIT = { max: 5, timeWindow: "15 minutes" };
/** Confirmation mails per address and hour. */
const CONFIRMATIONS_PER_HOUR = 3;

export async function eventRoutes(app: FastifyInstance) {
  const memberStaff = app.guards.jurisdiction("member_admin", "member_staff");
  const site = () => ({
    mailer: app.mailer,
    publicUrl: app.config.publicUrl,
    siteName: app.config.siteName,
  });
  const back = (
    locale: Parameters<typeof localizedPath>[0],
    slug: string,
    id: string,
    done: string,
  ) => `${localizedPath(locale, `/campaigns/${slug}`)}?done=${done}#action-${id}`;

  /** The person an RSVP form names: oneself (empty), or a colleague for a member admin. */
  async function personOf(acting: ReturnType<typeof requireActing>, person: string) {
    const team = await memberStaffContacts(app.db, [acting.jurisdiction.jurisdictionId]);
    const id = person === "" ? acting.user.id : person;
    if (id !== acting.user.id && acting.jurisdiction.role !== "member_admin") {
      throw appError("forbidden");
    }
    const found = team.find((p) => p.userId === id);
    if (!found)
      throw appError("event_not_colleague", { values: { name: acting.jurisdiction.name } });
    return {
      userId: found.userId,
      name: found.name || found.email,
      email: found.email,
      locale: found.locale,
    };
  }

  for (const [suffix, done] of [
    ["rsvp", "rsvp"],
    ["rsvp/cancel", "rsvp_cancelled"],
  ] as const) {
    registerFormPost(
      app,
      `/campaigns/:slug/actions/:action/${suffix}`,
      { guard: memberStaff, params: ActionParams, body: RsvpForm },
      async (request, reply) => {
        const { campaign, action, acting } = await authorizeAct(
          app.db,
          request,
          request.params,
          "event",
          request.body.jurisdiction,
        );
        const person = await personOf(acting, request.body.person);
        const jurisdictionId = acting.jurisdiction.jurisdictionId;
        if (suffix === "rsvp") {
          await rsvpMember(app.db, {
            campaignId: campaign.id,
            actionId: action.id,
            jurisdictionId,
            person,
            actorId: acting.user.id,
          });
        } else {
          await cancelMemberRsvp(
            app.db,
            site(),
            { slug: campaign.slug, actionId: action.id, texts: action.texts },
            {
              campaignId: campaign.id,
              jurisdictionId,
              email: person.email,
              actorId: acting.user.id,
            },
          );
          app.mailer.flush();
        }
        return reply.redirect(back(request.locale, campaign.slug, action.id, done), 303);
      },
    );
  }

  registerFormPost(
    app,
    "/campaigns/:slug/actions/:action/public-rsvp",
    {
      params: ActionParams,
      body: PublicRsvpForm,
      rateLimit: PUBLIC_RSVP_LIMIT,
      invalid: async (request, reply, problems) => {
        const { campaign, action } = await loadActionOf(
          app.db,
          request.params.slug,
          request.params.action,
          "event",
        );
        const errors = Object.fromEntries(
          problems.errors.map((e) => [
            e.field,
            fieldMessage(
              request.t,
              e,
              request.t(`campaign-events.public.error.${e.field === "email" ? "email" : "name"}`),
            ),
          ]),
        );
        return sendCampaignPage(app, request, reply, campaign, {
          sent: { actionId: action.id, values: problems.values, errors },
          status: 422,
        });
      },
    },
    async (request, reply) => {
      const { campaign, action, shown } = await loadActionOf(
        app.db,
        request.params.slug,
        request.params.action,
        "event",
      );
      const event = await findEvent(app.db, action.id);
      if (event?.public_rsvp !== 1 || campaign.visibility !== "public") throw notFound();
      if (shown === "scheduled") throw appError("campaign_not_started");
      if (shown !== "open") throw appError("campaign_closed");
      const email = request.body.email.toLowerCase();
      const back303 = () =>
        reply.redirect(back(request.locale, campaign.slug, action.id, "rsvp_check_mail"), 303);
      // A form anyone can send must not become a way to flood a mailbox: a few links an hour per
      // address, then nothing new (the last link still works). The answer is the same.
      const since = new Date(Date.now() - 3_600_000);
      const recent = await countRecentMails(app.db, { to: email, kind: CONFIRMATION_KIND, since });
      if (recent >= CONFIRMATIONS_PER_HOUR) return back303();
      const token = await requestPublicRsvp(app.db, action.id, {
        name: request.body.name,
        email,
        locale: request.locale.tag,
      });
      if (token) {
        await mailConfirmation(app.db, site(), {
          to: { email, name: request.body.name, locale: request.locale.tag },
          slug: campaign.slug,
          actionId: action.id,
          texts: action.texts,
          token,
        });
        app.mailer.flush();
      }
      // The same answer whether or not the address had answered before: nothing to learn here.
      return back303();
    },
  );

  registerPage(
    app,
    "/campaigns/:slug/actions/:action/confirm",
    { schema: { params: ActionParams, querystring: ConfirmQuery } },
    async (request, reply) => {
      const { campaign, action } = await loadActionOf(
        app.db,
        request.params.slug,
        request.params.action,
        "event",
      );
      const rsvp = await confirmPublicRsvp(app.db, action.id, request.query.token);
      const event = await findEvent(app.db, action.id);
      if (!event) throw notFound();
      const ctx = pageContext(request);
      reply.header("cache-control", "no-store");
      return sendPage(
        reply,
        <ConfirmedPage
          ctx={ctx}
          title={chooseText(action.texts, ctx.locale.tag)?.text.title ?? ""}
          when={formatEventTime(
            new Date(event.starts_at),
            new Date(event.ends_at),
            event.time_zone,
            ctx.locale.tag,
          )}
          status={rsvp.status === "going" ? "going" : "waitlist"}
          join={
            rsvp.status === "going" ? { url: event.join_url, dialIn: event.dial_in } : undefined
          }
          campaignHref={localizedPath(ctx.locale, `/campaigns/${campaign.slug}`)}
        />,
      );
    },
  );
}
