import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { requireAccount } from "../http/account.js";
import { appError, notFound } from "../http/errors.js";
import { registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { localizedPath } from "../i18n/index.js";
import { failedMessages, latestMessages } from "./outbox.queries.js";
import { sendAgain } from "./outbox.service.js";
import { OutboxPage } from "./outbox.view.js";

const SendAgainBody = Type.Object({ message: Type.String({ pattern: "^[A-Za-z0-9_-]{1,100}$" }) });

/**
 * Coalition admins read every e-mail the site wrote at /admin/outbox, and send again what failed
 * for good. Register it encapsulated (`app.register`): its one guard hook covers these routes only.
 */
export async function outboxRoutes(app: FastifyInstance) {
  app.addHook("onRequest", app.guards.coalition("coalition_admin"));

  registerPage(app, "/admin/outbox", { restricted: true }, async (request, reply) =>
    sendOutbox(request, reply),
  );

  // A malformed id names no message: 404.
  registerFormPost(
    app,
    "/admin/outbox/send-again",
    { body: SendAgainBody, invalid: () => Promise.reject(notFound()) },
    async (request, reply) => {
      const account = requireAccount(request);
      // Without SMTP nothing is ever sent: there is nothing to send again.
      if (!app.mailer.delivers) throw appError("mail_not_configured");
      const actor = { id: account.user.id, email: account.user.email };
      const outcome = await sendAgain(app.db, request.body.message, actor);
      if (outcome === "not_found") throw notFound();
      if (outcome === "secret_gone") throw appError("mail_secret_gone");
      // "not_failed": queued again already (a second submit), or sent since; the page shows which.
      if (outcome === "queued") app.mailer.flush();
      return reply.redirect(localizedPath(request.locale, "/admin/outbox"), 303);
    },
  );

  async function sendOutbox(request: FastifyRequest, reply: FastifyReply) {
    const [messages, failed] = await Promise.all([latestMessages(app.db), failedMessages(app.db)]);
    return sendPage(
      reply,
      <OutboxPage
        ctx={pageContext(request)}
        messages={messages}
        failed={failed}
        delivers={app.mailer.delivers}
        csrfToken={reply.generateCsrf()}
      />,
    );
  }
}
