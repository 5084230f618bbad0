import type { FastifyInstance } from "fastify";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { latestMessages } from "./outbox.queries.js";
import { OutboxPage } from "./outbox.view.js";

/**
 * Coalition admins read every e-mail the site wrote at /admin/outbox. Register it encapsulated
 * (`app.register`): its one guard hook covers this route only.
 */
export async function outboxRoutes(app: FastifyInstance) {
  app.addHook("onRequest", app.guards.coalition("coalition_admin"));

  registerPage(app, "/admin/outbox", { restricted: true }, async (request, reply) =>
    sendPage(
      reply,
      <OutboxPage ctx={pageContext(request)} messages={await latestMessages(app.db)} />,
    ),
  );
}
