// Staff's event pages: /admin/campaigns/:slug/actions/:action/event (details, cancel) and
// .../event/rsvps (who answered, attendance).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { notFound } from "../../http/errors.js";
import { registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { authorize } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import { Choice } from "../../http/validation.js";
import { localizedPath } from "../../i18n/index.js";
import { jurisdictionsByIds } from "../../members/index.js";
import { findAction } from "../actions.queries.js";
import { chooseText } from "../campaign.text.js";
import { CAMPAIGN_EDITORS, can } from "../campaigns.policy.js";
import type { CampaignWithTexts } from "../campaigns.queries.js";
import {
  actorOf,
  campaignTitle,
  loadCampaign,
  messages,
  refusedMessages,
} from "../manage/manage.forms.js";
import { ActionParams } from "../manage/manage.schema.js";
import { instantToZoned } from "../zoned-time.js";
import { AttendancePage, EventEditPage, type EventFormState } from "./event.admin.view.js";
import { findEvent, rsvpsOf } from "./event.queries.js";
import { AttendanceForm, CancelEventForm, EventForm } from "./event.schema.js";
import { cancelEvent, checkEvent, markAttendance, saveEventDetails } from "./event.service.js";

const DoneQuery = Type.Object({ done: Type.Optional(Choice(["saved", "cancelled"])) });

export async function eventAdminRoutes(app: FastifyInstance) {
  const editors = app.guards.coalition(...CAMPAIGN_EDITORS);
  const site = () => ({
    mailer: app.mailer,
    publicUrl: app.config.publicUrl,
    siteName: app.config.siteName,
  });

  async function load(request: FastifyRequest, slug: string, actionId: string) {
    const campaign = await loadCampaign(app.db, slug);
    const action = await findAction(app.db, campaign.id, actionId);
    if (action?.kind !== "event") throw notFound();
    authorize(can(request.account, "draft"));
    const place = {
      slug: campaign.slug,
      campaignTitle: campaignTitle(campaign, request.locale.tag),
      actionId: action.id,
      actionTitle: chooseText(action.texts, request.locale.tag)?.text.title ?? "",
    };
    return { campaign, action, place, event: await findEvent(app.db, action.id) };
  }

  async function sendForm(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: Awaited<ReturnType<typeof load>>,
    form: EventFormState,
    notice?: string,
  ) {
    const failed = Object.keys(form.errors).length > 0;
    return sendPage(
      reply,
      <EventEditPage
        ctx={pageContext(request)}
        place={loaded.place}
        form={form}
        saved={loaded.event !== undefined}
        cancelled={Boolean(loaded.event?.cancelled_at)}
        notice={notice}
      />,
      failed ? 422 : 200,
    );
  }

  const storedValues = (
    campaign: CampaignWithTexts,
    event: Awaited<ReturnType<typeof findEvent>>,
  ): Record<string, string> =>
    event
      ? {
          time_zone: event.time_zone,
          starts_at: instantToZoned(new Date(event.starts_at), event.time_zone).replace("T", " "),
          ends_at: instantToZoned(new Date(event.ends_at), event.time_zone).replace("T", " "),
          join_url: event.join_url ?? "",
          dial_in: event.dial_in ?? "",
          capacity: event.capacity === null ? "" : String(event.capacity),
          public_rsvp: event.public_rsvp === 1 ? "yes" : "",
        }
      : { time_zone: campaign.time_zone };

  const path = "/admin/campaigns/:slug/actions/:action/event";

  registerPage(
    app,
    path,
    { schema: { params: ActionParams, querystring: DoneQuery }, restricted: true, guard: editors },
    async (request, reply) => {
      const loaded = await load(request, request.params.slug, request.params.action);
      const done = request.query.done;
      return sendForm(
        request,
        reply,
        loaded,
        {
          csrfToken: reply.generateCsrf(),
          values: storedValues(loaded.campaign, loaded.event),
          errors: {},
        },
        done ? request.t(`campaign-events.admin.done.${done}`) : undefined,
      );
    },
  );

  registerFormPost(
    app,
    path,
    {
      guard: editors,
      params: ActionParams,
      body: EventForm,
      invalid: async (request, reply, problems) =>
        sendForm(request, reply, await load(request, request.params.slug, request.params.action), {
          csrfToken: reply.generateCsrf(),
          values: problems.values,
          errors: refusedMessages(request, problems),
        }),
    },
    async (request, reply) => {
      const loaded = await load(request, request.params.slug, request.params.action);
      const { problems, checked } = checkEvent(request.body);
      if (!checked) {
        return sendForm(request, reply, loaded, {
          csrfToken: reply.generateCsrf(),
          values: request.body,
          errors: messages(request, problems),
        });
      }
      await saveEventDetails(
        app.db,
        actorOf(request),
        { actionId: loaded.action.id, published: loaded.campaign.status !== "draft" },
        checked,
      );
      const to = localizedPath(
        request.locale,
        `/admin/campaigns/${loaded.campaign.slug}/actions/${loaded.action.id}/event`,
      );
      return reply.redirect(`${to}?done=saved`, 303);
    },
  );

  registerFormPost(
    app,
    `${path}/cancel`,
    { guard: editors, params: ActionParams, body: CancelEventForm },
    async (request, reply) => {
      const loaded = await load(request, request.params.slug, request.params.action);
      if (!loaded.event) throw notFound();
      await cancelEvent(app.db, site(), actorOf(request), {
        slug: loaded.campaign.slug,
        actionId: loaded.action.id,
        texts: loaded.action.texts,
      });
      const to = localizedPath(
        request.locale,
        `/admin/campaigns/${loaded.campaign.slug}/actions/${loaded.action.id}/event`,
      );
      return reply.redirect(`${to}?done=cancelled`, 303);
    },
  );

  async function sendAttendance(
    request: FastifyRequest,
    reply: FastifyReply,
    params: { slug: string; action: string },
    notice?: string,
  ) {
    const loaded = await load(request, params.slug, params.action);
    if (!loaded.event) throw notFound();
    const rows = await rsvpsOf(app.db, loaded.action.id);
    const places = new Map(
      (
        await jurisdictionsByIds(
          app.db,
          rows.flatMap((r) => (r.jurisdiction_id ? [r.jurisdiction_id] : [])),
        )
      ).map((j) => [j.id, j.name]),
    );
    return sendPage(
      reply,
      <AttendancePage
        ctx={pageContext(request)}
        place={loaded.place}
        csrfToken={reply.generateCsrf()}
        notice={notice}
        rsvps={rows.map((r) => ({
          id: r.id,
          name: r.name,
          email: r.email,
          status: r.status,
          jurisdiction: r.jurisdiction_id ? (places.get(r.jurisdiction_id) ?? null) : null,
          attended: r.attended === 1,
        }))}
      />,
    );
  }

  registerPage(
    app,
    `${path}/rsvps`,
    { schema: { params: ActionParams, querystring: DoneQuery }, restricted: true, guard: editors },
    async (request, reply) =>
      sendAttendance(
        request,
        reply,
        request.params,
        request.query.done ? request.t("campaign-events.admin.done.saved") : undefined,
      ),
  );

  registerFormPost(
    app,
    `${path}/rsvps`,
    { guard: editors, params: ActionParams, body: AttendanceForm },
    async (request, reply) => {
      const loaded = await load(request, request.params.slug, request.params.action);
      const ticked = new Set([request.body.attended].flat().filter((id) => id !== ""));
      const shown = request.body.shown.split(",").filter((id) => id !== "");
      await markAttendance(
        app.db,
        actorOf(request),
        loaded.action.id,
        shown.map((rsvpId) => ({ rsvpId, attended: ticked.has(rsvpId) })),
      );
      const to = localizedPath(
        request.locale,
        `/admin/campaigns/${loaded.campaign.slug}/actions/${loaded.action.id}/event/rsvps`,
      );
      return reply.redirect(`${to}?done=saved`, 303);
    },
  );
}
