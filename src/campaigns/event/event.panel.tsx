// The event's part of the campaign page: what the viewer may see and do, loaded and rendered.
import { memberStaffContacts } from "../../accounts/index.js";
import { allowed } from "../../http/policy.js";
import { localizedPath } from "../../i18n/index.js";
import { can } from "../campaigns.policy.js";
import type { Panel } from "../public/panel.js";
import { formatEventTime } from "../zoned-time.js";
import { findEvent, rsvpByEmail, rsvpCounts, standingRsvpsOf } from "./event.queries.js";
import { EventPanel, type TeamRsvp } from "./event.view.js";

const standing = (s: string | undefined): s is "going" | "waitlist" =>
  s === "going" || s === "waitlist";

/** The event's part of the campaign page, for whoever looks. */
export const eventPanel: Panel = async (panel) => {
  const { ctx, action, campaign, viewer, shown, db } = panel;
  const actionPath = localizedPath(ctx.locale, panel.actionPath);
  const icsHref = localizedPath(ctx.locale, `${panel.actionPath}/event.ics`);
  const event = await findEvent(db, action.id);
  const base = {
    ctx,
    actionId: action.id,
    actionPath,
    csrfToken: panel.csrfToken,
    icsHref,
    counts: { going: 0, waitlist: 0 },
    capacity: null,
    cancelled: false,
    over: false,
  };
  if (!event) return <EventPanel {...base} when={null} />;
  const own = viewer ? await rsvpByEmail(db, action.id, viewer.user.email) : undefined;
  const ownStatus = standing(own?.status) ? own?.status : undefined;
  const acting = viewer?.jurisdiction ?? null;
  const mayAct =
    acting !== null &&
    allowed(
      can(viewer, "take_part", {
        status: shown,
        visibility: campaign.visibility,
        kind: "event",
        jurisdictionId: acting.jurisdictionId,
      }),
    );
  let team: TeamRsvp[] | undefined;
  let colleagues: { userId: string; name: string }[] | undefined;
  if (mayAct && acting.role === "member_admin" && viewer) {
    const rsvps = await standingRsvpsOf(db, action.id, acting.jurisdictionId);
    const people = await memberStaffContacts(db, [acting.jurisdictionId]);
    const taken = new Set(rsvps.map((r) => r.email));
    team = rsvps.flatMap((r) =>
      r.user_id && r.user_id !== viewer.user.id && standing(r.status)
        ? [{ userId: r.user_id, name: r.name, status: r.status }]
        : [],
    );
    colleagues = people
      .filter((p) => p.userId !== viewer.user.id && !taken.has(p.email.toLowerCase()))
      .map((p) => ({ userId: p.userId, name: p.name || p.email }));
  }
  const over = new Date(event.ends_at) <= new Date();
  const takesPublic =
    event.public_rsvp === 1 && campaign.visibility === "public" && shown === "open" && !acting;
  return (
    <EventPanel
      {...base}
      when={formatEventTime(
        new Date(event.starts_at),
        new Date(event.ends_at),
        event.time_zone,
        ctx.locale.tag,
      )}
      cancelled={event.cancelled_at !== null}
      over={over}
      counts={await rsvpCounts(db, action.id)}
      capacity={event.capacity}
      join={
        ownStatus === "going" || panel.staff
          ? { url: event.join_url, dialIn: event.dial_in }
          : undefined
      }
      own={ownStatus}
      acting={mayAct ? { id: acting.jurisdictionId, name: acting.name } : undefined}
      team={team}
      colleagues={colleagues}
      publicForm={takesPublic ? (panel.sent ?? { values: {}, errors: {} }) : undefined}
    />
  );
};
