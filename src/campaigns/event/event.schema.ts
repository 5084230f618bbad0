// What staff send to set an event's details, mark attendance; what members and the public send
// to RSVP. The schema checks each field's shape; event.service.ts checks times, link and capacity.
import { type Static, Type } from "typebox";
import { Choice, Line, Text } from "../../http/validation.js";
import { TIME_ZONES } from "../manage/manage.schema.js";

export const EVENT_LIMITS = { joinUrl: 500, dialIn: 500, name: 120, email: 254 } as const;

export const EventForm = Type.Object({
  starts_at: Line({ maxLength: 16 }),
  ends_at: Line({ maxLength: 16 }),
  time_zone: Choice(TIME_ZONES),
  join_url: Line({ maxLength: EVENT_LIMITS.joinUrl }),
  dial_in: Text({ maxLength: EVENT_LIMITS.dialIn }),
  capacity: Line({ maxLength: 6 }),
  public_rsvp: Choice(["yes", ""]),
});
export type EventFormValues = Static<typeof EventForm>;

/** Nothing but the CSRF token: the button that cancels the event. */
export const CancelEventForm = Type.Object({});

/**
 * A member's RSVP: the jurisdiction the form was shown for (checked against the one acted for),
 * and whom it is for: empty for oneself, a colleague's user id when their admin chooses one.
 */
export const RsvpForm = Type.Object({
  jurisdiction: Type.String({ format: "uuid" }),
  person: Line({ maxLength: 64 }),
});

export const PublicRsvpForm = Type.Object({
  name: Line({ minLength: 1, maxLength: EVENT_LIMITS.name }),
  email: Type.String({ format: "email", minLength: 3, maxLength: EVENT_LIMITS.email }),
});

export const ConfirmQuery = Type.Object({
  token: Type.String({ minLength: 20, maxLength: 100, pattern: "^[A-Za-z0-9_-]+$" }),
});

/** Attendance: the RSVPs ticked as attended; every RSVP listed is named in `shown`. */
export const AttendanceForm = Type.Object({
  shown: Line({ maxLength: 40_000 }),
  // None ticked arrives as "" (a missing field is empty: http/forms.ts), one as a string.
  attended: Type.Union([
    Type.Literal(""),
    Type.String({ format: "uuid" }),
    Type.Array(Type.String({ format: "uuid" }), { maxItems: 1000 }),
  ]),
});
