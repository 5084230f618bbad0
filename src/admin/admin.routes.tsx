import type { FastifyInstance } from "fastify";
import { requireCoalitionRole } from "../accounts/index.js";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { AdminHomePage } from "./admin.view.js";

/** The admin area's front page (admins and editors). */
export async function adminRoutes(app: FastifyInstance) {
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
}
