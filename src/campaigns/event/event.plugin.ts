// The event action kind: staff's pages, RSVPs, calendars and the reminders job.
import type { FastifyInstance } from "fastify";
import { eventAdminRoutes } from "./event.admin.routes.js";
import { eventIcsRoutes } from "./event.ics.routes.js";
import { eventReminders } from "./event.reminders.js";
import { eventRoutes } from "./event.routes.js";

export async function eventFeature(app: FastifyInstance) {
  await app.register(eventAdminRoutes);
  await app.register(eventRoutes);
  await app.register(eventIcsRoutes);
  await app.register(eventReminders);
}
