import type { FastifyInstance } from "fastify";
import { registerAdminEntry } from "../http/admin-home.js";
import { CONTENT_EDITORS } from "./content.policy.js";
import { contentRoutes } from "./content.routes.js";
import { editorRoutes } from "./editor.routes.js";

/** The public pages built from content_blocks, and the staff's editor of those texts. */
export async function contentFeature(app: FastifyInstance) {
  registerAdminEntry(app, {
    id: "content",
    title: "admin.nav.content",
    description: "admin.home.content",
    href: "/admin/content",
    roles: CONTENT_EDITORS,
    order: 40,
  });
  await app.register(contentRoutes);
  await app.register(editorRoutes);
}
