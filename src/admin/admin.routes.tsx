import type { FastifyInstance } from "fastify";
import { requireCoalitionRole } from "../accounts/index.js";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { AdminHomePage, OutboxPage } from "./admin.view.js";

/** The admin area's front page (admins and editors) and the outbox (admins). */
export async function adminRoutes(app: FastifyInstance) {
  const guard = { preHandler: requireCoalitionRole("coalition_admin"), restricted: true };
  const staff = {
    preHandler: requireCoalitionRole("coalition_admin", "coalition_editor"),
    restricted: true,
  };

  registerPage(
    app,
    "/admin",
    async (request, reply) =>
      sendPage(
        reply,
        <AdminHomePage
          ctx={pageContext(request)}
          isAdmin={request.account?.user.coalitionRole === "coalition_admin"}
        />,
      ),
    staff,
  );

  registerPage(
    app,
    "/admin/outbox",
    async (request, reply) => {
      const messages = await app.db
        .selectFrom("outbox")
        .selectAll()
        .orderBy("created_at", "desc")
        .limit(200)
        .execute();
      return sendPage(reply, <OutboxPage ctx={pageContext(request)} messages={messages} />);
    },
    guard,
  );
}
