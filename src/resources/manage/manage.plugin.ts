// The library's staff side (issue 13): /admin/resources (items, their versions, messages and
// status) and /admin/issues (issue pages composed from items), with their /admin entry. Every
// route here is for coalition editors and admins; what each may do is resources.policy.ts's.
import type { FastifyInstance } from "fastify";
import { registerAdminEntry } from "../../http/admin-home.js";
import { RESOURCE_EDITORS } from "../resources.policy.js";
import { fileRoutes } from "./files.routes.js";
import { issueRoutes } from "./issues.routes.js";
import { itemRoutes } from "./items.routes.js";
import { messageRoutes } from "./messages.routes.js";

export async function resourcesAdmin(app: FastifyInstance) {
  registerAdminEntry(app, {
    id: "resources",
    title: "resources-admin.list.title",
    description: "resources-admin.entry",
    href: "/admin/resources",
    roles: RESOURCE_EDITORS,
    order: 17,
  });
  await app.register(async (staff) => {
    staff.addHook("onRequest", staff.guards.coalition(...RESOURCE_EDITORS));
    await staff.register(itemRoutes);
    await staff.register(messageRoutes);
    await staff.register(fileRoutes);
    await staff.register(issueRoutes);
  });
}
