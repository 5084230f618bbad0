// Calendars: one event's .ics (/campaigns/:slug/actions/:action/event.ics) and the coalition's
// feed of events (/campaigns/events.ics), each in every language's prefix. The UID of an event
// never changes and SEQUENCE rises with each change (event.service.ts), so a calendar that took
// the event replaces it, and a cancelled event reaches it as STATUS:CANCELLED. No file carries a
// join link or dial-in: those go only to people going (the page, the reminders).

import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { notFound } from "../../http/errors.js";
import { LOCALES, type Locale, localizedPath, translator } from "../../i18n/index.js";
import { type ActionWithTexts, actionsOf, findAction } from "../actions.queries.js";
import { chooseText } from "../campaign.text.js";
import type { CampaignWithTexts } from "../campaigns.queries.js";
import { publishedCampaigns } from "../campaigns.queries.js";
import { ActionParams } from "../manage/manage.schema.js";
import { campaignText, loadVisibleCampaign } from "../public/campaign.page.js";
import { formatEventTime } from "../zoned-time.js";
import { type CalendarEvent, calendarFile } from "./event.ics.js";
import { type EventRow, eventsOf, findEvent } from "./event.queries.js";

const ICS_TYPE = "text/calendar; charset=utf-8";

export async function eventIcsRoutes(app: FastifyInstance) {
  const host = new URL(app.config.publicUrl).host;

  function calendarEvent(
    locale: Locale,
    campaign: CampaignWithTexts,
    action: Pick<ActionWithTexts, "id" | "texts" | "created_at" | "updated_at">,
    event: EventRow,
  ): CalendarEvent {
    const t = translator(locale);
    const title = chooseText(action.texts, locale.tag)?.text.title ?? "";
    const page = `${app.config.publicUrl}${localizedPath(locale, `/campaigns/${campaign.slug}`)}#action-${action.id}`;
    const start = new Date(event.starts_at);
    const end = new Date(event.ends_at);
    return {
      uid: `event-${action.id}@${host}`,
      sequence: event.sequence,
      status: event.cancelled_at ? "CANCELLED" : "CONFIRMED",
      start,
      end,
      timeZone: event.time_zone,
      summary: title,
      description: [
        event.cancelled_at ? t("campaign-events.cancelled") : "",
        campaignText(campaign, locale.tag).title,
        formatEventTime(start, end, event.time_zone, locale.tag),
        t("campaign-events.ics_description", { link: page }),
      ]
        .filter((line) => line !== "")
        .join("\n\n"),
      url: page,
      created: new Date(action.created_at),
      lastModified: new Date(event.cancelled_at ?? action.updated_at),
    };
  }

  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  for (const locale of LOCALES) {
    typed.get(
      localizedPath(locale, "/campaigns/:slug/actions/:action/event.ics"),
      { schema: { params: ActionParams } },
      async (request, reply) => {
        const { slug, action: actionId } = request.params;
        const { campaign } = await loadVisibleCampaign(app.db, request, slug);
        const action = await findAction(app.db, campaign.id, actionId);
        if (action?.kind !== "event") throw notFound();
        const event = await findEvent(app.db, action.id);
        if (!event) throw notFound();
        const title = chooseText(action.texts, locale.tag)?.text.title ?? campaign.slug;
        return reply
          .type(ICS_TYPE)
          .header("content-disposition", `attachment; filename="event-${action.id}.ics"`)
          .header("cache-control", "no-cache")
          .send(calendarFile([calendarEvent(locale, campaign, action, event)], { name: title }));
      },
    );

    app.get(localizedPath(locale, "/campaigns/events.ics"), async (_request, reply) => {
      const campaigns = (await publishedCampaigns(app.db)).filter((c) => c.visibility === "public");
      const entries: CalendarEvent[] = [];
      for (const campaign of campaigns) {
        const actions = (await actionsOf(app.db, campaign.id)).filter((a) => a.kind === "event");
        const events = await eventsOf(
          app.db,
          actions.map((a) => a.id),
        );
        for (const event of events) {
          const action = actions.find((a) => a.id === event.action_id);
          if (action) entries.push(calendarEvent(locale, campaign, action, event));
        }
      }
      entries.sort((a, b) => +a.start - +b.start);
      return reply
        .type(ICS_TYPE)
        .header("cache-control", "no-cache")
        .send(
          calendarFile(entries, {
            name: translator(locale)("campaign-events.feed_name", { site: app.config.siteName }),
          }),
        );
    });
  }
}
