// Test data for the event suites: an event's settings a few days ahead, overridden as needed.
import type { EventSettings } from "./event.queries.js";

const HOUR = 3_600_000;

/** An event starting `startsIn` ms from now (3 days by default), one hour long, with join details. */
export function eventSettings(
  overrides: Partial<EventSettings> = {},
  startsIn = 72 * HOUR,
): EventSettings {
  const start = new Date(Date.now() + startsIn);
  return {
    starts_at: start.toISOString(),
    ends_at: new Date(+start + HOUR).toISOString(),
    time_zone: "America/New_York",
    join_url: "https://meet.example.org/town-hall",
    dial_in: "+1 555 0100, code 4242",
    capacity: null,
    public_rsvp: 0,
    ...overrides,
  };
}
